package org.tingvakt.archive;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.tingvakt.archive.retention.SubjectKeyBackfill;
import org.tingvakt.archive.retention.SubjectKeys;
import org.tingvakt.archive.storage.ArtefactStore;
import org.tingvakt.contracts.ArchiveRequested;
import org.tingvakt.contracts.EventType;
import org.tingvakt.contracts.EvidenceDigest;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.Sender;
import org.tingvakt.contracts.ThreadKey;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.LocalTokens;
import org.tingvakt.eventing.EventJson;

/**
 * The backfill of the national ID index for records captured before it existed, against the real PostgreSQL: records
 * are archived through Kafka, then put back into the pre-V4 state (keys deleted, flag false), and the backfill must
 * index them from their stored JSON exactly as capture does, in batches, skipping rows another transaction holds,
 * leaving a record with changed bytes to the JSON scan, and changing nothing when run again.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "archive"))
class SubjectKeyBackfillTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    DataSource dataSource;

    @Inject
    SubjectKeyBackfill backfill;

    @Inject
    SubjectKeys subjectKeys;

    @Inject
    ArtefactStore store;

    private final EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());

    @Test
    void recordsCapturedBeforeTheIndexAreIndexedFromTheirJsonInResumableBatches() throws Exception {
        String account = "acc-backfill-" + UUID.randomUUID();
        String cpr = ArchivistApiTest.validCpr();
        String written = cpr.substring(0, 6) + "-" + cpr.substring(6);
        String inText =
                archive(request(account, "Mit CPR er " + written + ", ring", "Nyt fra kommunen", "PERSONAL_DATA"));
        String inThread = archive(request(account, "Se opslaget ovenfor", "Borgerens CPR: " + cpr, "PERSONAL_DATA"));
        String registered = archive(request(account, "Jeg finder dig. CPR " + written, "Nyt fra kommunen", "THREAT"));
        String noNumber = archive(request(account, "Ring 2012 3456 om ordre 1234567890", "Nyt fra kommunen", "INSULT"));
        String changed = archive(request(account, "CPR " + cpr, "Nyt fra kommunen", "PERSONAL_DATA"));
        String locked = archive(request(account, "Her: " + written, "Nyt fra kommunen", "PERSONAL_DATA"));
        List<String> all = List.of(inText, inThread, registered, noNumber, changed, locked);
        Map<String, List<String>> atCapture = new java.util.HashMap<>();
        for (String id : all) {
            atCapture.put(id, keys(id));
        }
        assertThat(atCapture.get(inText)).hasSize(1);
        assertThat(atCapture.get(noNumber)).isEmpty();

        // Back to the state of records captured before V4: no keys, not indexed (a registered record too).
        for (String id : all) {
            update("DELETE FROM record_subject_key WHERE record_id = ?::uuid", id);
            update("UPDATE archive_record SET subject_keys_key = NULL WHERE id = ?::uuid", id);
        }
        // One stored JSON with a changed byte (still valid JSON: a digit of the capture time).
        assertThat(update(
                        "UPDATE artefact SET content = overlay(content placing '9'::bytea from position("
                                + "'\"capturedAt\":\"2'::bytea in content) + 15 for 1) WHERE record_id = ?::uuid AND kind = 'JSON'",
                        changed))
                .isEqualTo(1);

        // Another transaction holds one record: the backfill skips it (SKIP LOCKED) instead of waiting.
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement ps =
                    holder.prepareStatement("SELECT id FROM archive_record WHERE id = ?::uuid FOR UPDATE")) {
                ps.setString(1, locked);
                ps.executeQuery().close();
            }
            SubjectKeyBackfill.Run first = backfill.runUntilDone(2);
            assertThat(first.batches()).isGreaterThanOrEqualTo(3); // 5 of ours, 2 a batch
            assertThat(indexed(locked)).isFalse();
            holder.rollback();
        }

        for (String id : List.of(inText, inThread, registered, noNumber)) {
            assertThat(indexed(id)).as(id).isTrue();
            assertThat(keys(id)).as(id).isEqualTo(atCapture.get(id));
        }
        assertThat(keys(inThread)).isEqualTo(keys(inText)).isEqualTo(keys(registered));
        // The changed record is left to the JSON scan.
        assertThat(indexed(changed)).isFalse();
        assertThat(keys(changed)).isEmpty();

        // The next run takes the record that was held, and skips the changed one again; nothing else changes.
        SubjectKeyBackfill.Run second = backfill.runUntilDone(2);
        assertThat(second.skipped()).isGreaterThanOrEqualTo(1);
        assertThat(indexed(locked)).isTrue();
        assertThat(keys(locked)).isEqualTo(atCapture.get(locked));
        assertThat(indexed(changed)).isFalse();
        for (String id : List.of(inText, inThread, registered, noNumber)) {
            assertThat(keys(id)).as(id).isEqualTo(atCapture.get(id));
        }
        // A batch inside a transaction that rolls back leaves no trace (a crash mid-batch: the next run redoes it).
        update("UPDATE archive_record SET subject_keys_key = NULL WHERE id = ?::uuid", inText);
        update("DELETE FROM record_subject_key WHERE record_id = ?::uuid", inText);
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                    assertThat(backfill.batch(Optional.empty(), 500).indexed()).isGreaterThanOrEqualTo(1);
                    throw new IllegalStateException("the service dies mid-batch");
                }))
                .hasMessageContaining("mid-batch");
        assertThat(indexed(inText)).isFalse();
        backfill.runUntilDone();
        assertThat(indexed(inText)).isTrue();
        assertThat(keys(inText)).isEqualTo(atCapture.get(inText));

        // Erasure by the number now finds the backfilled records through the index; the changed one still by its JSON
        // (the scan looks for the digits, which the changed byte did not touch).
        asArchivist()
                .contentType(ContentType.JSON)
                .body(Map.of("subjectKind", "NATIONAL_ID", "subject", cpr))
                .when()
                .post("/api/erasure-requests")
                .then()
                .statusCode(200)
                .body("found", equalTo(5))
                .body("removed", hasItems(inText, inThread, locked))
                .body("kept.find { it.recordId == '" + registered + "' }.why", equalTo("REGISTERED"));
    }

    @Test
    void aChangedKeyReindexesTheRecordsAndErasureFindsThemMeanwhileByTheirJson() throws Exception {
        String cpr = ArchivistApiTest.validCpr();
        String id = archive(
                request("acc-rekey-" + UUID.randomUUID(), "Mit CPR er " + cpr, "Nyt fra kommunen", "PERSONAL_DATA"));
        List<String> underOldKey = keys(id);
        assertThat(underOldKey).hasSize(1);
        assertThat(keyName(id)).isEqualTo(subjectKeys.fingerprint());
        SubjectKeys newKey = new SubjectKeys(dataSource, "a new subject key, rotated by the municipality");
        assertThat(newKey.fingerprint()).isNotEqualTo(subjectKeys.fingerprint());
        // under the new key the record is not in the index: a lookup with it cannot find the record
        assertThat(newKey.recordsOf(cpr)).doesNotContain(UUID.fromString(id));
        try {
            SubjectKeyBackfill.Run run = new SubjectKeyBackfill(dataSource, store, newKey, 50).runUntilDone();
            assertThat(run.indexed()).isGreaterThanOrEqualTo(1);
            assertThat(newKey.recordsOf(cpr)).contains(UUID.fromString(id));
            assertThat(keyName(id)).isEqualTo(newKey.fingerprint());
            // the old key's row is gone (it would link the record to the person under a key no longer in use)
            assertThat(keys(id)).hasSize(1).doesNotContainAnyElementsOf(underOldKey);
            // The service still runs with the old key here: to it the record is not indexed under its key, so its
            // erasure request finds it by scanning the JSON.
            assertThat(subjectKeys.recordsOf(cpr)).doesNotContain(UUID.fromString(id));
            asArchivist()
                    .contentType(ContentType.JSON)
                    .body(Map.of("subjectKind", "NATIONAL_ID", "subject", cpr))
                    .when()
                    .post("/api/erasure-requests")
                    .then()
                    .statusCode(200)
                    .body("found", equalTo(1))
                    .body("removed", hasItems(id));
        } finally {
            // every record of this database back under the service's key, for the other tests
            backfill.runUntilDone();
        }
        assertThat(keyName(id)).isEqualTo(subjectKeys.fingerprint());
        assertThat(keys(id)).isEmpty(); // its personal data was removed by the erasure
    }

    @Test
    void recordsIndexedBeforeTheKeyWasNamedAreAdoptedWhenTheKeyAgreesAndReindexedWhenItDoesNot() throws Exception {
        String cpr = ArchivistApiTest.validCpr();
        String id = archive(request("acc-v4-" + UUID.randomUUID(), "CPR: " + cpr, "Nyt fra kommunen", "PERSONAL_DATA"));
        List<String> atCapture = keys(id);
        assertThat(atCapture).hasSize(1);

        // indexed before V8 with the key the service runs with: adopted as it is
        update("UPDATE archive_record SET subject_keys_key = 'v4' WHERE id = ?::uuid", id);
        backfill.runUntilDone();
        assertThat(keyName(id)).isEqualTo(subjectKeys.fingerprint());
        assertThat(keys(id)).isEqualTo(atCapture);

        // indexed before V8 under another key (changed with the upgrade): the sample disagrees, so it is re-indexed
        update("UPDATE archive_record SET subject_keys_key = 'v4' WHERE id = ?::uuid", id);
        update("UPDATE record_subject_key SET key_hmac = 'made-under-another-key' WHERE record_id = ?::uuid", id);
        backfill.runUntilDone();
        assertThat(keyName(id)).isEqualTo(subjectKeys.fingerprint());
        assertThat(keys(id)).isEqualTo(atCapture);
        assertThat(subjectKeys.recordsOf(cpr)).contains(UUID.fromString(id));
    }

    private String keyName(String recordId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT subject_keys_key FROM archive_record WHERE id = ?::uuid")) {
            ps.setString(1, recordId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
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

    private static ArchiveRequested request(String account, String text, String postText, String label) {
        String post = account + "_" + UUID.randomUUID();
        String commentId = post + "_c";
        String senderId = "sender-" + UUID.randomUUID();
        Sender sender = new Sender(senderId, "Person B", "https://www.facebook.com/" + senderId);
        return new ArchiveRequested(
                        UUID.randomUUID().toString(),
                        UUID.randomUUID().toString(),
                        commentId,
                        1,
                        Platform.FACEBOOK,
                        account,
                        "Testkommune",
                        post,
                        ThreadKey.of(Platform.FACEBOOK, post),
                        sender,
                        text,
                        "https://www.facebook.com/" + commentId,
                        List.of(),
                        Instant.now().minusSeconds(600),
                        List.of(label),
                        label,
                        "anna",
                        List.of(new ArchiveRequested.ThreadItem(
                                "POST",
                                post,
                                "Kommunen",
                                postText,
                                Instant.now().minusSeconds(3600))),
                        EvidenceDigest.of(commentId, 1, senderId, text),
                        Instant.now())
                .signedWith(org.tingvakt.contracts.EventSignature.privateKey(
                        org.tingvakt.devstack.LocalSecrets.MODERATION_SIGNING_KEY));
    }

    private int update(String sql, String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            return ps.executeUpdate();
        }
    }

    private List<String> keys(String recordId) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT key_hmac FROM record_subject_key WHERE record_id = ?::uuid ORDER BY key_hmac")) {
            ps.setString(1, recordId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        return keys;
    }

    /** Indexed under the service's key (the only key these tests run with, but for the rotation test's own). */
    private boolean indexed(String recordId) throws SQLException {
        return subjectKeys.fingerprint().equals(keyName(recordId));
    }

    private static io.restassured.specification.RequestSpecification asArchivist() {
        return given().auth().oauth2(LocalTokens.forRole("archivist"));
    }
}
