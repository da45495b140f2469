package org.tingvakt.moderation.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tingvakt.moderation.api.CaseFixtures.as;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.tingvakt.devstack.DevStackTestResource;

/** The audit log is append-only and hash-chained: a row changed behind the application's back is detected. */
@QuarkusTest
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class AuditLogTest {
    @Inject
    DataSource ds;

    @Test
    void aChangedOrRemovedLineBreaksTheChainAndTheApplicationCannotChangeLines() {
        UUID account = CaseFixtures.account(ds, "sv");
        UUID id = CaseFixtures.pending(ds, account, "t-" + UUID.randomUUID());
        as("moderator")
                .body(Map.of("decision", "APPROVE", "reason", "OK", "note", "fine"))
                .when()
                .post("/api/cases/" + id + "/decisions")
                .then()
                .statusCode(200);
        JsonPath ok = as("admin")
                .when()
                .get("/api/audit/verify")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(ok.getBoolean("intact")).isTrue();
        assertThat(ok.getLong("entries")).isPositive();

        String seq = CaseFixtures.single(ds, "SELECT seq FROM audit_entry WHERE target_id = ?", id.toString());
        String detail = CaseFixtures.single(ds, "SELECT detail FROM audit_entry WHERE seq = ?", Long.parseLong(seq));
        assertThat(detail).contains("\"decision\":\"APPROVE\"").contains("\"note\":\"fine\"");

        // The trigger refuses a change from the application's connection.
        assertThatThrownBy(() ->
                        CaseFixtures.sql(ds, "UPDATE audit_entry SET actor = 'x' WHERE seq = ?", Long.parseLong(seq)))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> CaseFixtures.sql(ds, "DELETE FROM audit_entry WHERE seq = ?", Long.parseLong(seq)))
                .hasMessageContaining("append-only");

        // Someone with the rights to switch the trigger off edits a line: the chain names it.
        String tampered = detail.replace("APPROVE", "HIDE");
        try {
            tamper("UPDATE audit_entry SET detail = ? WHERE seq = ?", tampered, Long.parseLong(seq));
            JsonPath broken = as("admin")
                    .when()
                    .get("/api/audit/verify")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(broken.getBoolean("intact")).isFalse();
            assertThat(broken.getLong("firstBrokenSeq")).isEqualTo(Long.parseLong(seq));
            assertThat(broken.getString("problem")).contains("changed");
        } finally {
            tamper("UPDATE audit_entry SET detail = ? WHERE seq = ?", detail, Long.parseLong(seq));
        }
        assertThat(as("admin")
                        .when()
                        .get("/api/audit/verify")
                        .then()
                        .extract()
                        .jsonPath()
                        .getBoolean("intact"))
                .isTrue();
    }

    private void tamper(String sql, Object... params) {
        CaseFixtures.sql(ds, "ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_change");
        try {
            CaseFixtures.sql(ds, sql, params);
        } finally {
            CaseFixtures.sql(ds, "ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_change");
        }
    }
}
