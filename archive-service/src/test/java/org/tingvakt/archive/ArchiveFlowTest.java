package org.tingvakt.archive;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.ArchiveRequested;
import org.tingvakt.contracts.EventType;
import org.tingvakt.contracts.EvidenceDigest;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.Sender;
import org.tingvakt.contracts.ThreadKey;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.eventing.DeadLetters;
import org.tingvakt.eventing.EventJson;

/** The archive service against a real Kafka broker and PostgreSQL: a request in, a verified record and its event out. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "archive"))
class ArchiveFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DataSource dataSource;

    private final EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());

    @Test
    void aRequestBecomesOneVerifiedRecordAndATamperedByteIsDetected() throws Exception {
        ArchiveRequested request = request("Du er en idiot og jeg ved hvor du bor", true);
        String json = EventJson.write(request);
        String ceId = UUID.randomUUID().toString();
        kafka.sendEvent(Topics.ARCHIVE_REQUESTS, request.threadKey(), EventType.ARCHIVE_REQUESTED.ceType(), ceId, json);
        kafka.sendEvent(Topics.ARCHIVE_REQUESTS, request.threadKey(), EventType.ARCHIVE_REQUESTED.ceType(), ceId, json);

        EventProbe.Received announced = kafka.await(
                        Topics.ARCHIVE_RECORDS, r -> r.value().contains(request.requestId()), WAIT)
                .get(0);
        JsonPath event = JsonPath.from(announced.value());
        assertThat(event.getBoolean("verified")).isTrue();
        assertThat(event.getString("contentSha256")).isEqualTo(request.contentSha256());
        assertThat(event.getInt("version")).isEqualTo(2);
        assertThat(announced.key()).isEqualTo(request.threadKey());
        // Signed by the archive: moderation can tell it from a hand-made one.
        org.tingvakt.contracts.RecordArchived archived = EventJson.read(
                announced.value().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                org.tingvakt.contracts.RecordArchived.class);
        assertThat(org.tingvakt.contracts.EventSignature.verify(
                        org.tingvakt.contracts.EventSignature.signedContent(archived),
                        archived.signature(),
                        org.tingvakt.contracts.EventSignature.publicKeys(
                                org.tingvakt.devstack.LocalSecrets.ARCHIVE_VERIFY_KEY)))
                .isTrue();

        List<String> ids = asArchivist()
                .queryParam("commentId", request.commentId())
                .when()
                .get("/api/records")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id", String.class);
        assertThat(ids).hasSize(1); // the redelivery changed nothing
        String id = ids.get(0);
        asArchivist()
                .when()
                .get("/api/records/" + id + "/verify")
                .then()
                .statusCode(200)
                .body("recordHashMatches", equalTo(true))
                .body("contentDigestMatches", equalTo(true))
                .body("pdfHashMatches", equalTo(true))
                .body("pngHashMatches", equalTo(true))
                .body("chainLinkMatches", equalTo(true));
        byte[] stored = asArchivist()
                .when()
                .get("/api/records/" + id + "/json")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(EvidenceDigest.sha256Hex(stored)).isEqualTo(event.getString("recordSha256"));
        JsonPath doc = JsonPath.from(new String(stored, java.nio.charset.StandardCharsets.UTF_8));
        byte[] pdf = asArchivist()
                .when()
                .get("/api/records/" + id + "/pdf")
                .then()
                .statusCode(200)
                .contentType("application/pdf")
                .extract()
                .asByteArray();
        byte[] png = asArchivist()
                .when()
                .get("/api/records/" + id + "/png")
                .then()
                .statusCode(200)
                .contentType("image/png")
                .extract()
                .asByteArray();
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        assertThat(EvidenceDigest.sha256Hex(pdf)).isEqualTo(doc.getString("artefacts.pdf.sha256"));
        assertThat(EvidenceDigest.sha256Hex(png)).isEqualTo(doc.getString("artefacts.png.sha256"));
        assertThat(png[1]).isEqualTo((byte) 'P');
        assertThat(doc.getString("request.text")).isEqualTo(request.text());
        asArchivist().when().get("/api/chain/verify").then().statusCode(200).body("intact", equalTo(true));

        // One changed byte in any stored artefact is detected, by the record's and by the whole chain's verification.
        tamper(id, "JSON", 20);
        asArchivist()
                .when()
                .get("/api/records/" + id + "/verify")
                .then()
                .statusCode(200)
                .body("recordHashMatches", equalTo(false))
                .body("pdfHashMatches", equalTo(true));
        asArchivist()
                .when()
                .get("/api/chain/verify")
                .then()
                .statusCode(200)
                .body("intact", equalTo(false))
                .body("brokenRecordId", equalTo(id))
                .body("reason", equalTo("RECORD_CHANGED"));
        tamper(id, "JSON", 20); // XOR again: the original byte is back
        tamper(id, "PDF", 300);
        asArchivist()
                .when()
                .get("/api/records/" + id + "/verify")
                .then()
                .statusCode(200)
                .body("recordHashMatches", equalTo(true))
                .body("pdfHashMatches", equalTo(false))
                .body("pngHashMatches", equalTo(true));
        tamper(id, "PDF", 300);
        tamper(id, "PNG", 100);
        asArchivist()
                .when()
                .get("/api/records/" + id + "/verify")
                .then()
                .statusCode(200)
                .body("pdfHashMatches", equalTo(true))
                .body("pngHashMatches", equalTo(false));
        tamper(id, "PNG", 100);
        asArchivist()
                .when()
                .get("/api/records/" + id + "/verify")
                .then()
                .statusCode(200)
                .body("recordHashMatches", equalTo(true))
                .body("pdfHashMatches", equalTo(true))
                .body("pngHashMatches", equalTo(true))
                .body("chainLinkMatches", equalTo(true));
        asArchivist().when().get("/api/chain/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    /** Flips every bit of one stored byte (applying it twice restores it). */
    private void tamper(String id, String kind, int offset) throws Exception {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement(
                        "UPDATE artefact SET content = set_byte(content, ?, 255 - get_byte(content, ?)) "
                                + "WHERE record_id = ?::uuid AND kind = ?")) {
            ps.setInt(1, offset);
            ps.setInt(2, offset);
            ps.setString(3, id);
            ps.setString(4, kind);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void aRequestWhoseDigestDoesNotMatchItsCommentIsDeadLettered() {
        ArchiveRequested request = request("Ring til mig på 12345678", false);
        String ceId = kafka.sendEvent(
                Topics.ARCHIVE_REQUESTS,
                request.threadKey(),
                EventType.ARCHIVE_REQUESTED.ceType(),
                EventJson.write(request));
        EventProbe.Received letter = kafka.await(
                        Topics.deadLetter(Topics.ARCHIVE_REQUESTS), r -> ceId.equals(r.header("ce_id")), WAIT)
                .get(0);
        assertThat(letter.header(DeadLetters.REASON)).contains("contentSha256");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(30))
                .until(() -> asArchivist()
                        .queryParam("commentId", request.commentId())
                        .when()
                        .get("/api/records")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items.id")
                        .isEmpty());
    }

    @Test
    void aThreatRequestNotSignedByModerationBecomesNoRecord() throws Exception {
        ArchiveRequested genuine = request("Jeg ved hvor du bor, og jeg kommer", true);
        ArchiveRequested unsigned = withSignature(genuine, null);
        ArchiveRequested otherKey = withSignature(genuine, null)
                .signedWith(java.security.KeyPairGenerator.getInstance("Ed25519")
                        .generateKeyPair()
                        .getPrivate());
        // Moderation's own signature, but the labels changed to THREAT afterwards (to get it registered).
        ArchiveRequested relabelled = new ArchiveRequested(
                genuine.requestId(),
                genuine.caseId(),
                genuine.commentId(),
                genuine.version(),
                genuine.platform(),
                genuine.accountId(),
                genuine.accountName(),
                genuine.postId(),
                genuine.threadKey(),
                genuine.sender(),
                genuine.text(),
                genuine.permalink(),
                genuine.attachments(),
                genuine.postedAt(),
                List.of("THREAT"),
                "THREAT",
                genuine.requestedBy(),
                genuine.thread(),
                genuine.contentSha256(),
                genuine.requestedAt(),
                genuine.intents(),
                genuine.purpose(),
                genuine.registration(),
                genuine.signature());
        for (ArchiveRequested forged : List.of(unsigned, otherKey, relabelled)) {
            String ceId = kafka.sendEvent(
                    Topics.ARCHIVE_REQUESTS,
                    forged.threadKey(),
                    EventType.ARCHIVE_REQUESTED.ceType(),
                    EventJson.write(forged));
            EventProbe.Received letter = kafka.await(
                            Topics.deadLetter(Topics.ARCHIVE_REQUESTS), r -> ceId.equals(r.header("ce_id")), WAIT)
                    .get(0);
            assertThat(letter.header(DeadLetters.REASON)).startsWith("forged:").contains("signature");
        }
        assertThat(asArchivist()
                        .queryParam("commentId", genuine.commentId())
                        .when()
                        .get("/api/records")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items.id"))
                .isEmpty();
        assertThat(given().when().get("/q/metrics").then().extract().asString())
                .containsPattern(
                        "tingvakt_events_forged_total\\{[^}]*topic=\"archive\\.requests\"[^}]*} ([3-9]|[1-9][0-9]+)\\.");

        // The genuine request, signed by moderation, becomes the record.
        kafka.sendEvent(
                Topics.ARCHIVE_REQUESTS,
                genuine.threadKey(),
                EventType.ARCHIVE_REQUESTED.ceType(),
                EventJson.write(genuine));
        // Patience, not a timing assertion: this may be the JVM's first rendering (fonts, PDF/A), slow on a busy
        // machine.
        kafka.await(Topics.ARCHIVE_RECORDS, r -> r.value().contains(genuine.requestId()), Duration.ofSeconds(120));
        assertThat(asArchivist()
                        .queryParam("commentId", genuine.commentId())
                        .when()
                        .get("/api/records")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items.id"))
                .hasSize(1);
    }

    private static ArchiveRequested withSignature(ArchiveRequested r, String signature) {
        return new ArchiveRequested(
                r.requestId(),
                r.caseId(),
                r.commentId(),
                r.version(),
                r.platform(),
                r.accountId(),
                r.accountName(),
                r.postId(),
                r.threadKey(),
                r.sender(),
                r.text(),
                r.permalink(),
                r.attachments(),
                r.postedAt(),
                r.labels(),
                r.reason(),
                r.requestedBy(),
                r.thread(),
                r.contentSha256(),
                r.requestedAt(),
                r.intents(),
                r.purpose(),
                r.registration(),
                signature);
    }

    @Test
    void unknownRecordsAreProblemBodies() {
        asArchivist()
                .when()
                .get("/api/records/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        asArchivist().when().get("/api/records/not-a-uuid").then().statusCode(404);
    }

    private static ArchiveRequested request(String text, boolean rightDigest) {
        String post = "100000000000001_" + UUID.randomUUID();
        String commentId = post + "_c";
        Sender sender = new Sender("777", "Karin Nilsson", "https://www.facebook.com/777");
        String digest = rightDigest ? EvidenceDigest.of(commentId, 2, "777", text) : "f".repeat(64);
        return new ArchiveRequested(
                        UUID.randomUUID().toString(),
                        UUID.randomUUID().toString(),
                        commentId,
                        2,
                        Platform.FACEBOOK,
                        "100000000000001",
                        "Aarhus Kommune – Borgerservice",
                        post,
                        ThreadKey.of(Platform.FACEBOOK, post),
                        sender,
                        text,
                        "https://www.facebook.com/" + commentId,
                        List.of(),
                        Instant.parse("2026-11-20T09:15:00Z"),
                        List.of("INSULT"),
                        "INSULT",
                        "anna",
                        List.of(new ArchiveRequested.ThreadItem(
                                "POST",
                                post,
                                "Demo Kommune",
                                "Nyt om genbrugspladsen",
                                Instant.parse("2026-11-20T08:00:00Z"))),
                        digest,
                        Instant.now())
                .signedWith(org.tingvakt.contracts.EventSignature.privateKey(
                        org.tingvakt.devstack.LocalSecrets.MODERATION_SIGNING_KEY));
    }

    private static io.restassured.specification.RequestSpecification asArchivist() {
        return given().auth().oauth2(org.tingvakt.devstack.LocalTokens.forRole("archivist"));
    }
}
