package org.tingvakt.notifier.resilience;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.CommentClassified;
import org.tingvakt.contracts.EventType;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.ReplyPolicy;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.LocalTokens;
import org.tingvakt.eventing.DeadLetters;
import org.tingvakt.eventing.EventJson;

/** Dead letters through the admin API: listed, inspected, replayed; replaying twice has one effect. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "notifier"))
class DeadLetterReplayTest {
    private static final Duration WAIT = Duration.ofSeconds(45);

    @Inject
    DataSource db;

    private final EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());

    @Test
    void aDeadLetterReplayedTwiceOpensOneDeadline() throws Exception {
        // A good event that was dead-lettered (say, by a fault since fixed): as DeadLetters writes it.
        CommentClassified question = question(UUID.randomUUID().toString(), "facebook:dlq-" + UUID.randomUUID());
        String ceId = UUID.randomUUID().toString();
        kafka.sendRaw(
                Topics.deadLetter(Topics.COMMENTS_CLASSIFIED),
                question.threadKey(),
                EventJson.write(question).getBytes(StandardCharsets.UTF_8),
                Map.of(
                        "ce_specversion",
                        "1.0",
                        "ce_id",
                        ceId,
                        "ce_type",
                        EventType.COMMENT_CLASSIFIED.ceType(),
                        "ce_source",
                        "urn:tingvakt:moderation-service",
                        "ce_time",
                        Instant.now().toString(),
                        DeadLetters.REASON,
                        "could not reach the database",
                        DeadLetters.CONSUMER,
                        "notifier-deadlines",
                        DeadLetters.ORIGINAL_TOPIC,
                        Topics.COMMENTS_CLASSIFIED));

        // Listed and inspected (admins only).
        JsonPath listed = await().atMost(WAIT)
                .until(
                        () -> JsonPath.from(asAdmin()
                                .queryParam("topic", Topics.COMMENTS_CLASSIFIED)
                                .when()
                                .get("/api/admin/dead-letters")
                                .then()
                                .statusCode(200)
                                .extract()
                                .asString()),
                        j -> j.getList("ceId", String.class).contains(ceId));
        Map<String, Object> letter = listed.getMap("find { it.ceId == '" + ceId + "' }");
        assertThat(letter.get("reason")).isEqualTo("could not reach the database");
        assertThat(letter.get("originalTopic")).isEqualTo(Topics.COMMENTS_CLASSIFIED);
        String where = "/api/admin/dead-letters/" + Topics.COMMENTS_CLASSIFIED + "/" + letter.get("partition") + "/"
                + letter.get("offset");
        asAdmin()
                .when()
                .get(where)
                .then()
                .statusCode(200)
                .body("value", org.hamcrest.Matchers.containsString(question.caseId()))
                .body("headers.ce_id", equalTo(ceId));
        given().auth()
                .oauth2(LocalTokens.forRole("moderator"))
                .queryParam("topic", Topics.COMMENTS_CLASSIFIED)
                .when()
                .get("/api/admin/dead-letters")
                .then()
                .statusCode(403);
        asAdmin()
                .queryParam("topic", Topics.ARCHIVE_REQUESTS)
                .when()
                .get("/api/admin/dead-letters")
                .then()
                .statusCode(404);
        asAdmin()
                .when()
                .get("/api/admin/dead-letters/" + Topics.COMMENTS_CLASSIFIED + "/0/999999999")
                .then()
                .statusCode(404);

        // Replayed twice: the same ce_id both times.
        asAdmin()
                .when()
                .post(where + "/replay")
                .then()
                .statusCode(200)
                .body("ceId", equalTo(ceId))
                .body("topic", equalTo(Topics.COMMENTS_CLASSIFIED));
        asAdmin().when().post(where + "/replay").then().statusCode(200).body("ceId", equalTo(ceId));

        // A later event on the same key (so the same partition) proves both replays were consumed before we count.
        CommentClassified marker = question(UUID.randomUUID().toString(), question.threadKey());
        kafka.sendEvent(
                Topics.COMMENTS_CLASSIFIED,
                marker.threadKey(),
                EventType.COMMENT_CLASSIFIED.ceType(),
                EventJson.write(marker));
        await().atMost(WAIT).until(() -> count("reply_deadline WHERE case_id = ?", marker.caseId()) == 1);
        assertThat(count("reply_deadline WHERE case_id = ?", question.caseId())).isEqualTo(1);
        assertThat(count("processed_event WHERE ce_id = ?", ceId)).isEqualTo(1);
        assertThat(kafka.readAll(Topics.COMMENTS_CLASSIFIED).stream()
                        .filter(r -> ceId.equals(r.header("ce_id")))
                        .toList())
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.header(DeadLetters.REASON)).isNull());
    }

    private static CommentClassified question(String caseId, String threadKey) {
        String post = "100000000000001_" + UUID.randomUUID();
        return new CommentClassified(
                caseId,
                post + "_c",
                1,
                Platform.FACEBOOK,
                "100000000000001",
                post,
                threadKey,
                "da",
                List.of(),
                List.of("QUESTION"),
                Map.of(),
                List.of(),
                "ALLOW",
                new ReplyPolicy("DK", "Europe/Copenhagen", "NEXT_WORKDAY", null, null, List.of()),
                Instant.now(),
                Instant.now());
    }

    private long count(String tableAndCondition, String param) throws Exception {
        try (var c = db.getConnection();
                var ps = c.prepareStatement("SELECT count(*) FROM " + tableAndCondition)) {
            ps.setString(1, param);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static RequestSpecification asAdmin() {
        return given().auth().oauth2(LocalTokens.forRole("admin"));
    }
}
