package org.tingvakt.archive;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import javax.sql.DataSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
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

        EventProbe.Received announced = kafka.await(Topics.ARCHIVE_RECORDS,
                r -> r.value().contains(request.requestId()), WAIT).get(0);
        JsonPath event = JsonPath.from(announced.value());
        assertThat(event.getBoolean("verified")).isTrue();
        assertThat(event.getString("contentSha256")).isEqualTo(request.contentSha256());
        assertThat(event.getInt("version")).isEqualTo(2);
        assertThat(announced.key()).isEqualTo(request.threadKey());

        List<String> ids = asArchivist().queryParam("commentId", request.commentId()).when().get("/api/records")
                .then().statusCode(200).extract().jsonPath().getList("id", String.class);
        assertThat(ids).hasSize(1); // the redelivery changed nothing
        String id = ids.get(0);
        asArchivist().when().get("/api/records/" + id + "/verify").then().statusCode(200)
                .body("recordHashMatches", equalTo(true)).body("contentDigestMatches", equalTo(true))
                .body("chainLinkMatches", equalTo(true));
        byte[] stored = asArchivist().when().get("/api/records/" + id + "/json").then().statusCode(200).extract().asByteArray();
        assertThat(EvidenceDigest.sha256Hex(stored)).isEqualTo(event.getString("recordSha256"));

        // One changed byte in the stored record is detected.
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "UPDATE archive_record SET native_json = overlay(native_json placing '\\x58'::bytea from 20 for 1) "
                        + "WHERE id = ?::uuid")) {
            ps.setString(1, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        asArchivist().when().get("/api/records/" + id + "/verify").then().statusCode(200)
                .body("recordHashMatches", equalTo(false));
    }

    @Test
    void aRequestWhoseDigestDoesNotMatchItsCommentIsDeadLettered() {
        ArchiveRequested request = request("Ring til mig på 12345678", false);
        String ceId = kafka.sendEvent(Topics.ARCHIVE_REQUESTS, request.threadKey(), EventType.ARCHIVE_REQUESTED.ceType(),
                EventJson.write(request));
        EventProbe.Received letter = kafka.await(Topics.deadLetter(Topics.ARCHIVE_REQUESTS),
                r -> ceId.equals(r.header("ce_id")), WAIT).get(0);
        assertThat(letter.header(DeadLetters.REASON)).contains("contentSha256");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                asArchivist().queryParam("commentId", request.commentId()).when().get("/api/records")
                        .then().extract().jsonPath().getList("id").isEmpty());
    }

    @Test
    void unknownRecordsAreProblemBodies() {
        asArchivist().when().get("/api/records/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        asArchivist().when().get("/api/records/not-a-uuid").then().statusCode(404);
    }

    private static ArchiveRequested request(String text, boolean rightDigest) {
        String post = "100000000000001_" + UUID.randomUUID();
        String commentId = post + "_c";
        Sender sender = new Sender("777", "Karin Nilsson", "https://www.facebook.com/777");
        String digest = rightDigest ? EvidenceDigest.of(commentId, 2, "777", text) : "f".repeat(64);
        return new ArchiveRequested(UUID.randomUUID().toString(), UUID.randomUUID().toString(), commentId, 2,
                Platform.FACEBOOK, "100000000000001", post, ThreadKey.of(Platform.FACEBOOK, post), sender, text,
                "https://www.facebook.com/" + commentId, List.of(), Instant.parse("2026-11-20T09:15:00Z"),
                List.of("INSULT"), "INSULT", "anna", List.of(new ArchiveRequested.ThreadItem("POST", post,
                "Demo Kommune", "Nyt om genbrugspladsen", Instant.parse("2026-11-20T08:00:00Z"))),
                digest, Instant.now());
    }

    private static io.restassured.specification.RequestSpecification asArchivist() {
        return given().auth().oauth2(org.tingvakt.devstack.LocalTokens.forRole("archivist"));
    }
}
