package org.tingvakt.moderation.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tingvakt.moderation.api.CaseFixtures.as;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.tingvakt.devstack.BackupTestDatabase;
import org.tingvakt.devstack.PostgresCluster;
import org.tingvakt.moderation.intake.reconcile.ReconciliationFlowTest;

/**
 * Backup and restore of moderation's database as docs/operations.md tells an operator to do it: {@code pg_dump -Fc}
 * while the service runs, {@code pg_restore} into a newly initialised cluster, and the service goes on there: the
 * hash-chained audit log verifies with the same length and head, the cases and their comments are there, and a new
 * decision is taken and chained onto the restored head. Shares {@link ReconciliationFlowTest}'s profile (its database
 * is a PostgreSQL 15 cluster for this test; docs/operations.md says why), so it costs the build no extra start.
 */
@QuarkusTest
@TestProfile(ReconciliationFlowTest.AgainstTheStandIn.class)
class BackupRestoreTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    DataSource ds;

    @Test
    void aDumpRestoredIntoAFreshClusterKeepsCasesCommentsAndTheAuditChainAndTheServiceGoesOn() throws Exception {
        UUID account = CaseFixtures.account(ds, "da");
        UUID decided = CaseFixtures.pending(ds, account, "t-" + UUID.randomUUID());
        UUID open = CaseFixtures.pending(ds, account, "t-" + UUID.randomUUID());
        decide(decided, "APPROVE", "Saglig kritik").then().statusCode(200);

        JsonPath before = verified(as("admin").when().get("/api/audit/verify"));
        assertThat(before.getBoolean("intact")).isTrue();
        assertThat(before.getLong("entries")).isPositive();
        String headBefore = head();
        long cases = CaseFixtures.count(ds, "moderation_case WHERE account_id = ?", account);
        long comments = CaseFixtures.count(ds, "comment_version WHERE account_id = ?", account);
        assertThat(cases).isEqualTo(2);
        assertThat(comments).isEqualTo(2);

        PostgresCluster original = BackupTestDatabase.cluster();
        String originalSystem = original.systemIdentifier();
        Path dump = Files.createTempFile("moderation-", ".dump");
        try {
            BackupTestDatabase.dump(dump); // while the service runs, as in production
            assertThat(Files.size(dump)).isPositive();
            PostgresCluster fresh = BackupTestDatabase.restoreIntoFreshCluster(dump);
            assertThat(fresh.systemIdentifier())
                    .as("a new cluster, not the old one restarted")
                    .isNotEqualTo(originalSystem);
        } finally {
            Files.deleteIfExists(dump);
        }

        // The service reconnects by itself; the audit chain verifies there, as long and with the same head.
        JsonPath after = awaitVerification();
        assertThat(after.getBoolean("intact")).isTrue();
        assertThat(after.getLong("entries")).isEqualTo(before.getLong("entries"));
        assertThat(head()).isEqualTo(headBefore);
        assertThat(CaseFixtures.count(ds, "moderation_case WHERE account_id = ?", account))
                .isEqualTo(cases);
        assertThat(CaseFixtures.count(ds, "comment_version WHERE account_id = ?", account))
                .isEqualTo(comments);
        JsonPath restored = as("moderator")
                .when()
                .get("/api/cases/" + decided)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(restored.getString("state")).isEqualTo("APPROVED");
        assertThat(restored.getString("decisionNote")).isEqualTo("Saglig kritik");
        assertThat(restored.getString("comment.text")).startsWith("Du er en idiot");

        // The service goes on: a decision on the restored copy is chained onto the restored head.
        decide(open, "HIDE", "Personangreb").then().statusCode(200);
        JsonPath next = verified(as("admin").when().get("/api/audit/verify"));
        assertThat(next.getBoolean("intact")).isTrue();
        assertThat(next.getLong("entries")).isEqualTo(before.getLong("entries") + 1);
        JsonPath newest = newest();
        assertThat(newest.getString("[0].prevHash")).isEqualTo(headBefore);
        assertThat(newest.getString("[0].targetId")).isEqualTo(open.toString());
    }

    private static Response decide(UUID caseId, String decision, String note) {
        return as("moderator")
                .body(Map.of("decision", decision, "reason", "TEST", "note", note))
                .when()
                .post("/api/cases/" + caseId + "/decisions");
    }

    private static JsonPath verified(Response response) {
        return response.then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath newest() {
        return verified(as("admin").queryParam("size", 1).when().get("/api/audit"));
    }

    /** The newest line's hash: the head of the chain. */
    private static String head() {
        return newest().getString("[0].hash");
    }

    /**
     * The first answer after the restore: the service's pooled connections to the stopped cluster fail once and are
     * replaced, so a few 5xx answers may come before it.
     */
    private static JsonPath awaitVerification() throws InterruptedException {
        Instant until = Instant.now().plus(WAIT);
        int status = -1;
        while (Instant.now().isBefore(until)) {
            Response response = as("admin").when().get("/api/audit/verify");
            status = response.statusCode();
            if (status == 200) {
                return response.jsonPath();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("/api/audit/verify did not answer 200 after the restore (last " + status + ")");
    }
}
