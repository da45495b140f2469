package org.tingvakt.notifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.CommentClassified;
import org.tingvakt.contracts.ErasureReported;
import org.tingvakt.contracts.ErasureRequested;
import org.tingvakt.contracts.EventType;
import org.tingvakt.contracts.ModerationActionTaken;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.ReplyPolicy;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.eventing.DeadLetters;
import org.tingvakt.eventing.EventJson;

/** The notifier against a real Kafka broker and PostgreSQL: a question opens a deadline, a reply closes it. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "notifier"))
class NotifierFlowTest {
    @jakarta.inject.Inject
    javax.sql.DataSource db;

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());

    @Test
    void aQuestionBeforeSwedishChristmasIsDueAfterTheHolidaysAndAReplyMeetsIt() {
        String caseId = UUID.randomUUID().toString();
        CommentClassified question = classified(
                caseId,
                List.of("QUESTION"),
                new ReplyPolicy(
                        "SE",
                        "Europe/Stockholm",
                        "WITHIN_24H_OR_NEXT_WORKDAY",
                        LocalTime.of(8, 0),
                        LocalTime.of(16, 0),
                        List.of()),
                Instant.parse("2026-12-23T09:00:00Z"));
        String json = EventJson.write(question);
        String ceId = UUID.randomUUID().toString();
        kafka.sendEvent(
                Topics.COMMENTS_CLASSIFIED, question.threadKey(), EventType.COMMENT_CLASSIFIED.ceType(), ceId, json);
        kafka.sendEvent(
                Topics.COMMENTS_CLASSIFIED, question.threadKey(), EventType.COMMENT_CLASSIFIED.ceType(), ceId, json);

        // 23 Dec 10:00 CET + 24 h lands on Julafton (closed): the next workday after arrival is Monday 28 Dec, at
        // 16:00.
        await().atMost(WAIT)
                .untilAsserted(() -> asModerator()
                        .queryParam("caseId", caseId)
                        .when()
                        .get("/api/deadlines")
                        .then()
                        .statusCode(200)
                        .body("size()", equalTo(1))
                        .body("[0].dueAt", equalTo("2026-12-28T15:00:00Z"))
                        .body("[0].state", equalTo("OPEN")));

        ModerationActionTaken reply = new ModerationActionTaken(
                caseId,
                question.commentId(),
                1,
                Platform.FACEBOOK,
                question.accountId(),
                question.threadKey(),
                "REPLIED",
                "anna",
                null,
                Instant.parse("2026-12-28T08:30:00Z"));
        kafka.sendEvent(
                Topics.MODERATION_ACTIONS,
                reply.threadKey(),
                EventType.MODERATION_ACTION_TAKEN.ceType(),
                EventJson.write(reply));
        await().atMost(WAIT)
                .untilAsserted(() -> asModerator()
                        .queryParam("caseId", caseId)
                        .when()
                        .get("/api/deadlines")
                        .then()
                        .body("[0].state", equalTo("MET"))
                        .body("[0].closedBy", equalTo("REPLIED")));
    }

    @Test
    void aCommentWithoutAQuestionOpensNoDeadline() {
        String caseId = UUID.randomUUID().toString();
        CommentClassified statement = classified(
                caseId,
                List.of(),
                new ReplyPolicy("NO", "Europe/Oslo", "NEXT_WORKDAY", null, null, List.of()),
                Instant.now());
        kafka.sendEvent(
                Topics.COMMENTS_CLASSIFIED,
                statement.threadKey(),
                EventType.COMMENT_CLASSIFIED.ceType(),
                EventJson.write(statement));
        // A later question on the same topic partition proves the first event was consumed before we look.
        String marker = UUID.randomUUID().toString();
        CommentClassified question = classified(
                marker,
                List.of("QUESTION"),
                new ReplyPolicy("NO", "Europe/Oslo", "NEXT_WORKDAY", null, null, List.of()),
                Instant.now());
        kafka.sendEvent(
                Topics.COMMENTS_CLASSIFIED,
                statement.threadKey(),
                EventType.COMMENT_CLASSIFIED.ceType(),
                EventJson.write(question));
        await().atMost(WAIT)
                .untilAsserted(() -> asModerator()
                        .queryParam("caseId", marker)
                        .when()
                        .get("/api/deadlines")
                        .then()
                        .body("size()", equalTo(1)));
        asModerator()
                .queryParam("caseId", caseId)
                .when()
                .get("/api/deadlines")
                .then()
                .body("size()", equalTo(0));
    }

    @Test
    void anUnusablePolicyIsDeadLetteredWithItsReason() {
        String caseId = UUID.randomUUID().toString();
        CommentClassified bad = classified(
                caseId,
                List.of("QUESTION"),
                new ReplyPolicy("XX", "Europe/Oslo", "WHENEVER", null, null, List.of()),
                Instant.now());
        String ceId = kafka.sendEvent(
                Topics.COMMENTS_CLASSIFIED,
                bad.threadKey(),
                EventType.COMMENT_CLASSIFIED.ceType(),
                EventJson.write(bad));
        EventProbe.Received letter = kafka.await(
                        Topics.deadLetter(Topics.COMMENTS_CLASSIFIED), r -> ceId.equals(r.header("ce_id")), WAIT)
                .get(0);
        assertThat(letter.header(DeadLetters.REASON)).contains("reply policy");
        asModerator()
                .queryParam("caseId", caseId)
                .when()
                .get("/api/deadlines")
                .then()
                .body("size()", equalTo(0));
    }

    /**
     * An erasure request (privacy.erasure-requests): the notifier holds no sender, name or text, only the DM thread's key
     * names the sender; that deadline is moved to a key without it, and the report comes back on
     * privacy.erasure-reports with that count and what the notifier holds.
     */
    @Test
    void anErasureRequestRenamesTheSendersDirectMessageThreadAndReports() throws java.sql.SQLException {
        String caseId = UUID.randomUUID().toString();
        String person = "dm-person-" + UUID.randomUUID();
        CommentClassified q = classified(
                caseId,
                List.of("QUESTION"),
                new ReplyPolicy(
                        "DK",
                        "Europe/Copenhagen",
                        "WITHIN_24H_OR_NEXT_WORKDAY",
                        LocalTime.of(8, 0),
                        LocalTime.of(16, 0),
                        List.of()),
                Instant.now());
        CommentClassified dm = new CommentClassified(
                q.caseId(),
                "m_" + caseId,
                1,
                Platform.FACEBOOK,
                q.accountId(),
                "dm-" + person,
                "facebook:dm-" + person,
                q.language(),
                q.labels(),
                q.intents(),
                q.scores(),
                q.spans(),
                q.action(),
                q.replyPolicy(),
                q.receivedAt(),
                q.classifiedAt());
        kafka.sendEvent(
                Topics.COMMENTS_CLASSIFIED, dm.threadKey(), EventType.COMMENT_CLASSIFIED.ceType(), EventJson.write(dm));
        await().atMost(WAIT)
                .untilAsserted(() -> asModerator()
                        .queryParam("caseId", caseId)
                        .when()
                        .get("/api/deadlines")
                        .then()
                        .body("size()", equalTo(1)));

        String requestId = UUID.randomUUID().toString();
        kafka.sendEvent(
                Topics.ERASURE_REQUESTS,
                ErasureRequested.keyOf(requestId),
                EventType.ERASURE_REQUESTED.ceType(),
                EventJson.write(new ErasureRequested(
                        requestId, ErasureRequested.keyOf(requestId), List.of(person), List.of(), Instant.now())));
        ErasureReported report = EventJson.read(
                kafka.await(Topics.ERASURE_REPORTS, r -> r.value().contains(requestId), WAIT)
                        .get(0)
                        .value()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                ErasureReported.class);
        assertThat(report.service()).isEqualTo("notifier-service");
        assertThat(report.removed()).isEqualTo(1);
        assertThat(report.kept()).isEmpty();
        // The API's deadline view shows no thread key; the stored row is what must no longer name the person.
        try (java.sql.Connection c = db.getConnection();
                java.sql.PreparedStatement ps =
                        c.prepareStatement("SELECT thread_key FROM reply_deadline WHERE case_id = ?")) {
            ps.setString(1, caseId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1))
                        .isEqualTo("facebook:dm-erased-" + requestId)
                        .doesNotContain(person);
            }
        }
    }

    private static CommentClassified classified(String caseId, List<String> intents, ReplyPolicy policy, Instant at) {
        String post = "100000000000001_" + UUID.randomUUID();
        return new CommentClassified(
                caseId,
                post + "_c",
                1,
                Platform.FACEBOOK,
                "100000000000001",
                post,
                "facebook:notifier-test",
                "sv",
                List.of(),
                intents,
                Map.of(),
                List.of(),
                "ALLOW",
                policy,
                at,
                Instant.now());
    }

    private static io.restassured.specification.RequestSpecification asModerator() {
        return given().auth().oauth2(org.tingvakt.devstack.LocalTokens.forRole("moderator"));
    }
}
