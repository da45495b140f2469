package org.tingvakt.archive;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.ArchiveRequested;
import org.tingvakt.contracts.EventType;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.BackupTestDatabase;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.LocalTokens;
import org.tingvakt.devstack.PostgresCluster;
import org.tingvakt.eventing.EventJson;

/**
 * Backup and restore as docs/operations.md tells an operator to do it ({@code deploy/compose/pg-backup.sh}):
 * {@code pg_dump -Fc} of the running archive's database, {@code pg_restore} into a freshly initialised cluster, and the record chain and the audit log verify there
 * with the archive's own verification ({@code GET /api/chain/verify}, {@code GET /api/audit/verify}), while a record or
 * an audit entry changed in the restored copy is found. Runs on PostgreSQL 15 because the machine's pg_dump is 15
 * (docs/operations.md, "Backup and restore").
 */
@QuarkusTest
@TestProfile(BackupRestoreTest.OnPostgres15.class)
class BackupRestoreTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The archive on its own PostgreSQL 15 cluster; the devstack's Kafka. */
    public static class OnPostgres15 implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(BackupTestDatabase.class, Map.of("database", "archive")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    private final EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());

    @Test
    void aDumpRestoredIntoAFreshClusterVerifiesAndAChangedRecordOrAuditEntryInItIsFound() throws Exception {
        String account = "acc-backup-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(archive(ArchivistApiTest.request(
                    account, "Kommentar til sikkerhedskopi " + i, List.of("INSULT"), "b" + i)));
        }
        JsonPath chainBefore = verify("/api/chain/verify");
        JsonPath auditBefore = verify("/api/audit/verify");
        assertThat(chainBefore.getBoolean("intact")).isTrue();
        assertThat(chainBefore.getInt("links")).isEqualTo(3);
        assertThat(auditBefore.getBoolean("intact")).isTrue();
        assertThat(auditBefore.getLong("entries")).isGreaterThanOrEqualTo(3);

        PostgresCluster original = BackupTestDatabase.cluster();
        String originalSystem = original.systemIdentifier();
        Path dump = Files.createTempFile("archive-", ".dump");
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

        // The service reconnects to the restored database; both chains verify there, the same as before the dump.
        JsonPath chainAfter = awaitVerification("/api/chain/verify");
        assertThat(chainAfter.getBoolean("intact")).isTrue();
        assertThat(chainAfter.getInt("links")).isEqualTo(3);
        assertThat(chainAfter.getString("headChainHash")).isEqualTo(chainBefore.getString("headChainHash"));
        JsonPath auditAfter = verify("/api/audit/verify");
        assertThat(auditAfter.getBoolean("intact")).isTrue();
        assertThat(auditAfter.getLong("entries")).isEqualTo(auditBefore.getLong("entries"));
        assertThat(auditAfter.getString("headHash")).isEqualTo(auditBefore.getString("headHash"));

        // A record changed in the restored copy: its native JSON no longer has the SHA-256 that the chain recorded.
        String changed = ids.get(1);
        update("UPDATE artefact SET content = content || ' '::bytea WHERE record_id = '" + changed
                + "' AND kind = 'JSON'");
        JsonPath broken = verify("/api/chain/verify");
        assertThat(broken.getBoolean("intact")).isFalse();
        assertThat(broken.getString("brokenRecordId")).isEqualTo(changed);
        assertThat(broken.getString("reason")).isEqualTo("RECORD_CHANGED");

        // An audit entry changed in the restored copy, by someone with the database's superuser, past the trigger that
        // keeps the log append-only.
        long seq = auditAfter.getLong("entries") / 2 + 1;
        update(
                "SET session_replication_role = replica",
                "UPDATE audit_entry SET actor = 'someone-else' WHERE seq = " + seq);
        JsonPath auditBroken = verify("/api/audit/verify");
        assertThat(auditBroken.getBoolean("intact")).isFalse();
        assertThat(auditBroken.getLong("firstBrokenSeq")).isEqualTo(seq);
    }

    private String archive(ArchiveRequested request) {
        kafka.sendEvent(
                Topics.ARCHIVE_REQUESTS,
                request.threadKey(),
                EventType.ARCHIVE_REQUESTED.ceType(),
                EventJson.write(request));
        JsonPath event =
                JsonPath.from(kafka.await(Topics.ARCHIVE_RECORDS, r -> r.value().contains(request.requestId()), WAIT)
                        .get(0)
                        .value());
        assertThat(event.getBoolean("verified")).isTrue();
        return event.getString("recordId");
    }

    private static JsonPath verify(String path) {
        return given().auth()
                .oauth2(LocalTokens.forRole("archivist"))
                .when()
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /**
     * The first answer after the restore: the service's pooled connections to the stopped cluster fail once and are
     * replaced, so a few 5xx answers may come before it.
     */
    private static JsonPath awaitVerification(String path) throws InterruptedException {
        Instant until = Instant.now().plus(WAIT);
        int status = -1;
        while (Instant.now().isBefore(until)) {
            var response = given().auth()
                    .oauth2(LocalTokens.forRole("archivist"))
                    .when()
                    .get(path);
            status = response.statusCode();
            if (status == 200) {
                return response.jsonPath();
            }
            Thread.sleep(200);
        }
        throw new AssertionError(path + " did not answer 200 after the restore (last " + status + ")");
    }

    private static void update(String sql) throws SQLException {
        update(null, sql);
    }

    /** {@code sql} changes exactly one row, after {@code setting} (if any) on the same connection. */
    private static void update(String setting, String sql) throws SQLException {
        try (Connection c = BackupTestDatabase.cluster().connect(BackupTestDatabase.database())) {
            if (setting != null) {
                try (var s = c.createStatement()) {
                    s.execute(setting);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                assertThat(ps.executeUpdate()).as(sql).isEqualTo(1);
            }
        }
    }
}
