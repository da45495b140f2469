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
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.SampleWebhook;
import org.tingvakt.moderation.actions.connector.FakeGraphApi;

/**
 * Moderators' hide and unhide as events, edits of hidden comments (who hid it decides whether an allowed edit is shown
 * again), a page reply that comes before its question's case, and the standard DM reply per account.
 */
@QuarkusTest
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class EditsRepliesAndActionsTest {
    private static final String DEMO = SampleWebhook.DEMO_PAGE_ID;
    /** A page whose policy hides threats at once. */
    private static final String HIDING_PAGE = "200000000000077";

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final String THREAT = "Jeg vil dræbe borgmesteren, det lover jeg.";
    private static final String CLEAN = "Tak for et godt borgermøde i går.";

    @Inject
    DataSource db;

    private final EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());
    private final FakeGraphApi graph = GraphApiStub.get();

    @BeforeEach
    void accounts() {
        TestSupport.account(db, Platform.FACEBOOK, HIDING_PAGE, "da", "{\"THREAT\":\"HIDE\"}", false);
    }

    @Test
    void aModeratorsHideAndUnhideArePublishedAsModerationActionTaken() {
        String post = DEMO + "_" + UUID.randomUUID();
        String comment = post + "_c";
        signedMeta(SampleWebhook.comment(DEMO, post, comment, "31", "Ida", CLEAN))
                .then()
                .statusCode(200);
        String caseId = awaitCase(comment);

        decide(caseId, "HIDE").then().statusCode(200).body("state", equalTo("HIDDEN"));
        List<EventProbe.Received> hidden = kafka.await(
                Topics.MODERATION_ACTIONS,
                r -> r.value().contains(caseId) && r.value().contains("\"HIDDEN\""),
                WAIT);
        assertThat(hidden).hasSize(1);
        JsonPath h = JsonPath.from(hidden.get(0).value());
        assertThat(h.getString("actor")).isNotEqualTo("policy").isNotBlank();
        assertThat(h.getString("reason")).isEqualTo("PROFANITY");

        decide(caseId, "UNHIDE").then().statusCode(200).body("state", equalTo("APPROVED"));
        List<EventProbe.Received> shown = kafka.await(
                Topics.MODERATION_ACTIONS,
                r -> r.value().contains(caseId) && r.value().contains("\"UNHIDDEN\""),
                WAIT);
        assertThat(shown).hasSize(1);
        // And on the platform: hidden, then shown again.
        await().atMost(WAIT).until(() -> hideCalls(comment).equals(List.of("true", "false")));
    }

    @Test
    void anEditThePolicyAllowsShowsAgainWhatThePolicyHid() {
        String post = HIDING_PAGE + "_" + UUID.randomUUID();
        String comment = post + "_c";
        signedMeta(SampleWebhook.comment(HIDING_PAGE, post, comment, "41", "Ole", THREAT))
                .then()
                .statusCode(200);
        String caseId = awaitCase(comment);
        await().atMost(WAIT).until(() -> hideCalls(comment).equals(List.of("true")));
        assertThat(state(caseId)).isEqualTo("HIDDEN");

        signedMeta(SampleWebhook.comment(HIDING_PAGE, post, comment, "41", "Ole", CLEAN, "edited"))
                .then()
                .statusCode(200)
                .body("stored", equalTo(1));
        await().atMost(WAIT).until(() -> hideCalls(comment).equals(List.of("true", "false")));
        assertThat(state(caseId)).isIn("APPROVED", "PENDING_REVIEW");
        assertThat(single(db, "SELECT version FROM moderation_case WHERE id = ?::uuid", caseId))
                .isEqualTo("2");
        List<EventProbe.Received> shown = kafka.await(
                Topics.MODERATION_ACTIONS,
                r -> r.value().contains(caseId) && r.value().contains("\"UNHIDDEN\""),
                WAIT);
        assertThat(shown).hasSize(1);
        assertThat(JsonPath.from(shown.get(0).value()).getString("actor")).isEqualTo("policy");

        // An edit back to a threat hides it again.
        signedMeta(SampleWebhook.comment(HIDING_PAGE, post, comment, "41", "Ole", THREAT + " Igen.", "edited"))
                .then()
                .statusCode(200)
                .body("stored", equalTo(1));
        await().atMost(WAIT).until(() -> hideCalls(comment).equals(List.of("true", "false", "true")));
        await().atMost(WAIT).until(() -> "HIDDEN".equals(state(caseId)));
    }

    @Test
    void anEditDoesNotShowAgainWhatAModeratorHid() {
        String post = HIDING_PAGE + "_" + UUID.randomUUID();
        String comment = post + "_c";
        signedMeta(SampleWebhook.comment(HIDING_PAGE, post, comment, "51", "Pia", CLEAN))
                .then()
                .statusCode(200);
        String caseId = awaitCase(comment);
        decide(caseId, "HIDE").then().statusCode(200).body("state", equalTo("HIDDEN"));
        await().atMost(WAIT).until(() -> hideCalls(comment).equals(List.of("true")));

        signedMeta(SampleWebhook.comment(HIDING_PAGE, post, comment, "51", "Pia", CLEAN + " Og tak igen.", "edited"))
                .then()
                .statusCode(200)
                .body("stored", equalTo(1));
        await().atMost(WAIT)
                .until(() -> "2".equals(single(db, "SELECT version FROM moderation_case WHERE id = ?::uuid", caseId)));
        assertThat(state(caseId)).isEqualTo("HIDDEN");
        // Give a wrongly queued unhide time to run: the runner polls every 300 ms in tests.
        await().pollDelay(Duration.ofSeconds(3)).atMost(WAIT).until(() -> true);
        assertThat(hideCalls(comment)).containsExactly("true");
        assertThat(count(db, "platform_action WHERE case_id = ?::uuid AND operation = 'UNHIDE'", caseId))
                .isZero();
    }

    @Test
    void aPageReplyThatComesBeforeItsQuestionsCaseIsLinkedWhenTheCaseOpens() {
        String post = DEMO + "_" + UUID.randomUUID();
        String question = post + "_q";
        // The page's answer arrives first (Meta does not promise order, and classification may lag).
        String reply = SampleWebhook.comment(DEMO, post, post + "_a", DEMO, "Demo Kommune", "Den åbner 1. december.")
                .replace("\"parent_id\":\"" + post + "\"", "\"parent_id\":\"" + question + "\"");
        signedMeta(reply).then().statusCode(200).body("stored", equalTo(1));
        signedMeta(SampleWebhook.comment(DEMO, post, question, "61", "Eva", "Hvornår åbner svømmehallen igen?"))
                .then()
                .statusCode(200)
                .body("stored", equalTo(1));
        String caseId = awaitCase(question);

        List<EventProbe.Received> replied = kafka.await(
                Topics.MODERATION_ACTIONS,
                r -> r.value().contains(caseId) && r.value().contains("\"REPLIED\""),
                WAIT);
        assertThat(replied).hasSize(1);
        assertThat(JsonPath.from(replied.get(0).value()).getString("actor")).isEqualTo("platform");
        assertThat(state(caseId)).isEqualTo("REPLIED");
    }

    @Test
    void aQuestionWithoutAPageReplyIsNotMarkedReplied() {
        String post = DEMO + "_" + UUID.randomUUID();
        String question = post + "_q";
        signedMeta(SampleWebhook.comment(DEMO, post, question, "62", "Eva", "Hvornår åbner svømmehallen igen?"))
                .then()
                .statusCode(200)
                .body("stored", equalTo(1));
        String caseId = awaitCase(question);
        assertThat(state(caseId)).isEqualTo("PENDING_REVIEW");
    }

    @Test
    void theStandardDmReplyGoesOncePerSenderPerDayOnEachAccount() {
        String sender = "3" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L);
        // The same person writes to two pages, twice each.
        for (String page : List.of(DEMO, HIDING_PAGE)) {
            signedMeta("{\"object\":\"page\",\"entry\":[{\"id\":\"" + page + "\",\"messaging\":["
                            + dm(page, sender, "m_" + page + "_" + sender + "_1", "Hej") + ","
                            + dm(page, sender, "m_" + page + "_" + sender + "_2", "Hallo?") + "]}]}")
                    .then()
                    .statusCode(200)
                    .body("stored", equalTo(2));
        }
        await().atMost(WAIT)
                .until(() -> dmRequests(DEMO, sender).size() == 1
                        && dmRequests(HIDING_PAGE, sender).size() == 1);
        assertThat(count(db, "platform_action WHERE operation = 'DM_REPLY' AND target_id = ?", sender))
                .isEqualTo(2);
        assertThat(count(
                        db,
                        "platform_action WHERE operation = 'DM_REPLY' AND target_id = ? "
                                + "AND account_external_id = ?",
                        sender,
                        HIDING_PAGE))
                .isEqualTo(1);
        // Later the same day, on either page: no further reply.
        signedMeta("{\"object\":\"page\",\"entry\":[{\"id\":\"" + HIDING_PAGE + "\",\"messaging\":["
                        + dm(HIDING_PAGE, sender, "m_" + HIDING_PAGE + "_" + sender + "_3", "Er der nogen?") + "]}]}")
                .then()
                .statusCode(200)
                .body("stored", equalTo(1));
        assertThat(count(db, "platform_action WHERE operation = 'DM_REPLY' AND target_id = ?", sender))
                .isEqualTo(2);
    }

    @Test
    void aRedeliveredCommentReceivedChangesNothingInTheBatchConsumer() {
        String post = DEMO + "_" + UUID.randomUUID();
        String comment = post + "_c";
        signedMeta(SampleWebhook.comment(DEMO, post, comment, "71", "Kim", CLEAN))
                .then()
                .statusCode(200);
        String caseId = awaitCase(comment);
        EventProbe.Received received = kafka.await(
                        Topics.COMMENTS_RECEIVED, r -> r.value().contains(comment), WAIT)
                .get(0);
        String lockVersion = single(db, "SELECT lock_version FROM moderation_case WHERE id = ?::uuid", caseId);

        // Kafka redelivers the same event (same ce_id), twice.
        for (int i = 0; i < 2; i++) {
            kafka.sendEvent(
                    Topics.COMMENTS_RECEIVED,
                    received.key(),
                    received.header("ce_type"),
                    received.header("ce_id"),
                    received.value());
        }
        // A later comment is classified, so the redeliveries (sent before it) have been consumed by then.
        String marker = post + "_after";
        signedMeta(SampleWebhook.comment(DEMO, post, marker, "72", "Kim", CLEAN))
                .then()
                .statusCode(200);
        awaitCase(marker);
        assertThat(count(db, "processed_event WHERE ce_id = ?", received.header("ce_id")))
                .isEqualTo(1);
        assertThat(single(db, "SELECT lock_version FROM moderation_case WHERE id = ?::uuid", caseId))
                .isEqualTo(lockVersion);
        assertThat(kafka.await(Topics.COMMENTS_CLASSIFIED, r -> r.value().contains(caseId), WAIT))
                .hasSize(1);
    }

    private String awaitCase(String commentId) {
        return await().atMost(WAIT)
                .until(
                        () -> single(db, "SELECT id FROM moderation_case WHERE comment_id = ?", commentId),
                        id -> id != null);
    }

    private String state(String caseId) {
        return single(db, "SELECT state FROM moderation_case WHERE id = ?::uuid", caseId);
    }

    /** The is_hidden values sent to the Graph API for a comment, oldest first. */
    private static List<String> hideCalls(String commentId) {
        return GraphApiStub.requestsFor(commentId).stream()
                .filter(r -> r.method().equals("POST"))
                .map(r -> r.form().get("is_hidden"))
                .filter(v -> v != null)
                .toList();
    }

    private static io.restassured.response.Response decide(String caseId, String decision) {
        long version = as("moderator")
                .when()
                .get("/api/cases/" + caseId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("version");
        return as("moderator")
                .contentType(ContentType.JSON)
                .body(Map.of("decision", decision, "reason", "PROFANITY", "expectedVersion", version))
                .when()
                .post("/api/cases/" + caseId + "/decisions");
    }

    private static String dm(String page, String sender, String mid, String text) {
        return "{\"sender\":{\"id\":\"" + sender + "\"},\"recipient\":{\"id\":\"" + page + "\"},"
                + "\"timestamp\":1795400000000,\"message\":{\"mid\":\"" + mid + "\",\"text\":\"" + text + "\"}}";
    }

    private List<FakeGraphApi.Recorded> dmRequests(String page, String recipient) {
        return graph.requests().stream()
                .filter(r -> r.path().endsWith("/" + page + "/messages"))
                .filter(r -> r.body().contains("\"id\":\"" + recipient + "\""))
                .toList();
    }
}
