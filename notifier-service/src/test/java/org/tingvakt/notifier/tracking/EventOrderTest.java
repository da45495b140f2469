package org.tingvakt.notifier.tracking;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.CommentClassified;
import org.tingvakt.contracts.EventType;
import org.tingvakt.contracts.ModerationActionTaken;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.ReplyPolicy;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.LocalTokens;
import org.tingvakt.eventing.EventJson;

/**
 * REPLIED (moderation.actions) and the question's CommentClassified (comments.classified) are on two topics, so either
 * can arrive first, or both at the same instant: the deadline ends the same in every order.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "notifier"))
class EventOrderTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ReplyPolicy POLICY = new ReplyPolicy(
            "DK",
            "Europe/Copenhagen",
            "WITHIN_24H_OR_NEXT_WORKDAY",
            LocalTime.of(8, 0),
            LocalTime.of(16, 0),
            List.of());

    private final EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());

    @Inject
    DataSource db;

    @Inject
    DeadlineTracker tracker;

    private static CommentClassified question(String caseId, Instant receivedAt) {
        String post = "100000000000001_" + UUID.randomUUID();
        return new CommentClassified(
                caseId,
                post + "_c",
                1,
                Platform.FACEBOOK,
                "100000000000001",
                post,
                "facebook:order-" + caseId,
                "da",
                List.of(),
                List.of("QUESTION"),
                Map.of(),
                List.of(),
                "REVIEW",
                POLICY,
                receivedAt,
                Instant.now());
    }

    private static ModerationActionTaken action(CommentClassified q, String action, Instant at) {
        return new ModerationActionTaken(
                q.caseId(),
                q.commentId(),
                1,
                Platform.FACEBOOK,
                q.accountId(),
                q.threadKey(),
                action,
                "platform",
                null,
                at);
    }

    private void send(CommentClassified q) {
        kafka.sendEvent(
                Topics.COMMENTS_CLASSIFIED, q.threadKey(), EventType.COMMENT_CLASSIFIED.ceType(), EventJson.write(q));
    }

    private void send(ModerationActionTaken a) {
        kafka.sendEvent(
                Topics.MODERATION_ACTIONS,
                a.threadKey(),
                EventType.MODERATION_ACTION_TAKEN.ceType(),
                EventJson.write(a));
    }

    private static RequestSpecification asModerator() {
        return given().auth().oauth2(LocalTokens.forRole("moderator"));
    }

    private long count(String sql, String param) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long pendingNotifications(String caseId) throws Exception {
        return count(
                "SELECT count(*) FROM notification n JOIN reply_deadline d ON d.id = n.deadline_id "
                        + "WHERE d.case_id = ? AND n.state = 'PENDING'",
                caseId);
    }

    @Test
    void aReplyBeforeItsQuestionClosesTheDeadlineWhenItOpens() throws Exception {
        Instant received = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Instant replied = received.plus(20, ChronoUnit.MINUTES);
        CommentClassified q = question(UUID.randomUUID().toString(), received);

        send(action(q, "REPLIED", replied));
        await().atMost(WAIT)
                .until(() -> count("SELECT count(*) FROM early_case_action WHERE case_id = ?", q.caseId()) == 1);
        asModerator()
                .queryParam("caseId", q.caseId())
                .when()
                .get("/api/deadlines")
                .then()
                .body("size()", equalTo(0));

        send(q);
        await().atMost(WAIT)
                .untilAsserted(() -> asModerator()
                        .queryParam("caseId", q.caseId())
                        .when()
                        .get("/api/deadlines")
                        .then()
                        .statusCode(200)
                        .body("size()", equalTo(1))
                        .body("[0].state", equalTo("MET"))
                        .body("[0].closedBy", equalTo("REPLIED"))
                        .body("[0].closedAt", equalTo(replied.toString())));
        assertThat(pendingNotifications(q.caseId())).isZero();
        assertThat(count("SELECT count(*) FROM early_case_action WHERE case_id = ?", q.caseId()))
                .isZero();
    }

    @Test
    void aQuestionBeforeItsReplyIsMetAsBefore() throws Exception {
        Instant received = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        CommentClassified q = question(UUID.randomUUID().toString(), received);

        send(q);
        await().atMost(WAIT)
                .untilAsserted(() -> asModerator()
                        .queryParam("caseId", q.caseId())
                        .when()
                        .get("/api/deadlines")
                        .then()
                        .body("size()", equalTo(1))
                        .body("[0].state", equalTo("OPEN")));
        assertThat(pendingNotifications(q.caseId())).isPositive();
        send(action(q, "REPLIED", received.plus(5, ChronoUnit.MINUTES)));
        await().atMost(WAIT)
                .untilAsserted(() -> asModerator()
                        .queryParam("caseId", q.caseId())
                        .when()
                        .get("/api/deadlines")
                        .then()
                        .body("[0].state", equalTo("MET")));
        assertThat(pendingNotifications(q.caseId())).isZero();
        assertThat(count("SELECT count(*) FROM early_case_action WHERE case_id = ?", q.caseId()))
                .isZero();
    }

    @Test
    void aDeletionBeforeItsQuestionClosesItAndTheEarliestActionCounts() throws Exception {
        Instant received = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        CommentClassified q = question(UUID.randomUUID().toString(), received);
        // The deletion (earlier) arrives after a later reply: the earliest closing action is the one kept.
        send(action(q, "REPLIED", received.plus(90, ChronoUnit.MINUTES)));
        send(action(q, "DELETED", received.plus(30, ChronoUnit.MINUTES)));
        send(action(q, "ESCALATED", received.plus(10, ChronoUnit.MINUTES))); // not a closing action: ignored
        await().atMost(WAIT)
                .until(() -> count(
                                "SELECT count(*) FROM early_case_action WHERE case_id = ? " + "AND action = 'DELETED'",
                                q.caseId())
                        == 1);

        send(q);
        await().atMost(WAIT)
                .untilAsserted(() -> asModerator()
                        .queryParam("caseId", q.caseId())
                        .when()
                        .get("/api/deadlines")
                        .then()
                        .body("size()", equalTo(1))
                        .body("[0].state", equalTo("CLOSED"))
                        .body("[0].closedBy", equalTo("DELETED")));
        assertThat(pendingNotifications(q.caseId())).isZero();
    }

    /**
     * The same instant: the REPLIED transaction has found no deadline and kept the action but not committed yet while
     * the question's transaction opens the deadline. The case lock makes the second wait and see the first.
     */
    @Test
    void aReplyAndItsQuestionCommittingTogetherDoNotMissEachOther() throws Exception {
        CommentClassified q = question(
                UUID.randomUUID().toString(),
                Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
        ModerationActionTaken reply = action(q, "REPLIED", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        CountDownLatch kept = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew()
                .run(() -> {
                    tracker.close(reply);
                    kept.countDown();
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        assertThat(kept.await(20, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> opening = CompletableFuture.runAsync(
                () -> QuarkusTransaction.requiringNew().run(() -> tracker.open(q)));
        Thread.sleep(1000);
        assertThat(opening).isNotDone(); // waiting for the case's lock
        release.countDown();
        closing.get(20, TimeUnit.SECONDS);
        opening.get(20, TimeUnit.SECONDS);
        asModerator()
                .queryParam("caseId", q.caseId())
                .when()
                .get("/api/deadlines")
                .then()
                .body("size()", equalTo(1))
                .body("[0].state", equalTo("MET"));
        assertThat(pendingNotifications(q.caseId())).isZero();
    }

    @Test
    void keptActionsOfCasesWithoutAQuestionAreForgottenAfterAWeek() throws Exception {
        String old = UUID.randomUUID().toString();
        String fresh = UUID.randomUUID().toString();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO early_case_action (case_id, action, taken_at, recorded_at) VALUES (?, 'DELETED', now(), ?)")) {
            ps.setString(1, old);
            ps.setObject(2, java.time.OffsetDateTime.now().minusDays(8));
            ps.executeUpdate();
            ps.setString(1, fresh);
            ps.setObject(2, java.time.OffsetDateTime.now().minusDays(6));
            ps.executeUpdate();
        }
        tracker.purgeEarlyActions();
        assertThat(count("SELECT count(*) FROM early_case_action WHERE case_id = ?", old))
                .isZero();
        assertThat(count("SELECT count(*) FROM early_case_action WHERE case_id = ?", fresh))
                .isEqualTo(1);
    }
}
