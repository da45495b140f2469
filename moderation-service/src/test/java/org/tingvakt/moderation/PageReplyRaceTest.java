package org.tingvakt.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.tingvakt.moderation.TestSupport.as;
import static org.tingvakt.moderation.TestSupport.count;
import static org.tingvakt.moderation.TestSupport.signedMeta;
import static org.tingvakt.moderation.TestSupport.single;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.SampleWebhook;
import org.tingvakt.moderation.triage.PageReplyReconciler;

/**
 * A page reply and its question's case committed at the same instant by two transactions each miss the other: the
 * question's case stays unanswered although the reply is stored. This is that end state, made directly (the reply's
 * row written with no link, as when the webhook's transaction looked for the case before the batch committed it), and
 * the reconciliation that repairs it: REPLIED once, and only for the race (not for a case a person decided, nor for a
 * reply that came long after the case opened, which the webhook path links itself); a case the policy hid stays hidden
 * and only its REPLIED event is sent.
 */
@QuarkusTest
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class PageReplyRaceTest {
    private static final String DEMO = SampleWebhook.DEMO_PAGE_ID;
    private static final Duration WAIT = Duration.ofSeconds(45);

    @Inject
    DataSource db;

    @Inject
    PageReplyReconciler reconciler;

    private final EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());

    private String question(String commentId) {
        String post = commentId.substring(0, commentId.lastIndexOf('_'));
        signedMeta(SampleWebhook.comment(DEMO, post, commentId, "63", "Eva", "Hvornår åbner svømmehallen igen?"))
                .then()
                .statusCode(200)
                .body("stored", equalTo(1));
        return await().atMost(WAIT)
                .until(
                        () -> single(db, "SELECT id FROM moderation_case WHERE comment_id = ?", commentId),
                        id -> id != null);
    }

    /** The page's reply stored as the racing webhook stores it, received {@code minutesAfterCase} after the case opened. */
    private void storedReplyWithoutLink(String questionId, int minutesAfterCase) {
        TestSupport.update(
                db,
                "INSERT INTO comment_version (id, platform, comment_id, version, account_id, post_id, "
                        + "parent_id, thread_key, kind, sender_id, sender_name, text, created_at, received_at) "
                        + "SELECT ?, v.platform, ?, 1, v.account_id, v.post_id, v.comment_id, v.thread_key, 'PAGE_REPLY', "
                        + "?, 'Demo Kommune', 'Den åbner 1. december.', c.created_at + make_interval(mins => ?), "
                        + "c.created_at + make_interval(mins => ?) FROM comment_version v "
                        + "JOIN moderation_case c ON c.comment_version_id = v.id WHERE v.comment_id = ?",
                UUID.randomUUID(),
                questionId + "_a",
                DEMO,
                minutesAfterCase,
                minutesAfterCase,
                questionId);
    }

    private List<EventProbe.Received> repliedEvents(String caseId) {
        return kafka.readAll(Topics.MODERATION_ACTIONS).stream()
                .filter(r -> r.value().contains(caseId) && r.value().contains("\"REPLIED\""))
                .toList();
    }

    @Test
    void aReplyThatRacedItsQuestionIsLinkedOnce() {
        String post = DEMO + "_" + UUID.randomUUID();
        String raced = question(post + "_q1");
        String decided = question(post + "_q2");
        String late = question(post + "_q3");
        as("moderator")
                .contentType("application/json")
                .body("{\"decision\":\"APPROVE\",\"reason\":\"NO_VIOLATION\"}")
                .when()
                .post("/api/cases/" + decided + "/decisions")
                .then()
                .statusCode(200);
        storedReplyWithoutLink(post + "_q1", 0);
        storedReplyWithoutLink(post + "_q2", 0);
        storedReplyWithoutLink(post + "_q3", 10); // ten minutes later: the webhook's own lookup finds such a case
        assertThat(single(db, "SELECT state FROM moderation_case WHERE id = ?::uuid", raced))
                .isEqualTo("PENDING_REVIEW");

        reconciler.reconcile(); // the scheduled run may have been first; either way the outcome is the same

        await().atMost(WAIT).until(() -> repliedEvents(raced).size() == 1);
        JsonPath event = JsonPath.from(repliedEvents(raced).get(0).value());
        assertThat(event.getString("actor")).isEqualTo("platform");
        assertThat(single(db, "SELECT state FROM moderation_case WHERE id = ?::uuid", raced))
                .isEqualTo("REPLIED");
        assertThat(count(
                        db,
                        "page_reply_reconciled WHERE case_id = ?::uuid AND reply_comment_id = ?",
                        raced,
                        post + "_q1_a"))
                .isEqualTo(1);

        // Once only, even if the case leaves REPLIED (an edit reclassified it): nothing is linked again.
        TestSupport.update(db, "UPDATE moderation_case SET state = 'PENDING_REVIEW' WHERE id = ?::uuid", raced);
        reconciler.reconcile();
        assertThat(single(db, "SELECT state FROM moderation_case WHERE id = ?::uuid", raced))
                .isEqualTo("PENDING_REVIEW");
        assertThat(single(db, "SELECT state FROM moderation_case WHERE id = ?::uuid", decided))
                .isEqualTo("APPROVED");
        assertThat(single(db, "SELECT state FROM moderation_case WHERE id = ?::uuid", late))
                .isEqualTo("PENDING_REVIEW");
        assertThat(count(db, "page_reply_reconciled WHERE case_id IN (?::uuid, ?::uuid)", decided, late))
                .isZero();
        assertThat(repliedEvents(raced)).hasSize(1);
        assertThat(repliedEvents(decided)).isEmpty();
        assertThat(repliedEvents(late)).isEmpty();
    }

    @Test
    void aCaseThePolicyHidWhoseReplyRacedItStaysHiddenAndItsReplyIsAnnouncedOnce() {
        String post = DEMO + "_" + UUID.randomUUID();
        String hidden = question(post + "_q1");
        // as the policy leaves a case it hid: HIDDEN with no person's decision
        TestSupport.update(db, "UPDATE moderation_case SET state = 'HIDDEN' WHERE id = ?::uuid", hidden);
        storedReplyWithoutLink(post + "_q1", 0);

        reconciler.reconcile();
        reconciler.reconcile();

        await().atMost(WAIT).until(() -> repliedEvents(hidden).size() == 1);
        assertThat(single(db, "SELECT state FROM moderation_case WHERE id = ?::uuid", hidden))
                .isEqualTo("HIDDEN");
        assertThat(count(db, "page_reply_reconciled WHERE case_id = ?::uuid", hidden))
                .isEqualTo(1);
        assertThat(repliedEvents(hidden)).hasSize(1);
    }
}
