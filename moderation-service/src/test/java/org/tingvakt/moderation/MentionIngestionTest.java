package org.tingvakt.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.moderation.actions.connector.FakeGraphApi;
import org.tingvakt.moderation.actions.connector.FakeGraphApi.Answer;

/**
 * Instagram mentions: the webhook has only ids, so the text is read through the Graph API (a FETCH_MENTION platform
 * action, retried with backoff) before the mention is classified; while it cannot be read the mention waits, visibly,
 * and is never classified with an empty text.
 */
@QuarkusTest
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class MentionIngestionTest {
    /** An account of its own: every mention read goes to GET /{ig-user-id}, so the fake's answers are routed by it. */
    private static final String IG = "17841400000000077";

    private static final Duration WAIT = Duration.ofSeconds(45);

    @Inject
    DataSource db;

    private final EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());
    private final FakeGraphApi graph = GraphApiStub.get();

    @BeforeEach
    void account() {
        TestSupport.account(db, Platform.INSTAGRAM, IG, "sv", "{}", false);
    }

    private static String newId() {
        return "1790" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
    }

    private static void mentionWebhook(String media, String comment) {
        String value = comment == null
                ? "{\"media_id\":\"" + media + "\"}"
                : "{\"media_id\":\"" + media + "\",\"comment_id\":\"" + comment + "\"}";
        signedMeta("{\"object\":\"instagram\",\"entry\":[{\"id\":\"" + IG + "\",\"time\":1795400000,\"changes\":["
                        + "{\"field\":\"mentions\",\"value\":" + value + "}]}]}")
                .then()
                .statusCode(200)
                .body("stored", equalTo(1));
    }

    private static Answer comment(String text) {
        return Answer.json(
                200,
                "{\"mentioned_comment\":{\"text\":\"" + text + "\",\"username\":\"ada.l\","
                        + "\"timestamp\":\"2026-11-23T09:15:00+0000\",\"id\":\"x\"},\"id\":\"" + IG + "\"}");
    }

    private String fetchAction(String targetId) {
        return await().atMost(WAIT)
                .until(
                        () -> single(
                                db,
                                "SELECT id FROM platform_action WHERE operation = 'FETCH_MENTION' AND target_id = ?",
                                targetId),
                        id -> id != null);
    }

    @Test
    void aMentionWaitsWhileItsTextCannotBeReadAndIsClassifiedWithItOnceRead() {
        String media = newId();
        String mention = media + "2";
        Answer unavailable = Answer.graphError(500, 2, null, "Service temporarily unavailable");
        // test config: 2 requests per run; runs 1 and 2 fail (backoff 1 s, then 2 s), run 3 reads the text.
        graph.on(
                "GET",
                "/" + IG,
                unavailable,
                unavailable,
                unavailable,
                unavailable,
                comment("Hej @kommunen, när öppnar simhallen igen?"));

        mentionWebhook(media, mention);

        assertThat(single(db, "SELECT text FROM comment_version WHERE comment_id = ?", mention))
                .isEmpty();
        String actionId = fetchAction(mention);
        await().atMost(WAIT)
                .until(
                        () -> single(db, "SELECT result_category FROM platform_action WHERE id = ?::uuid", actionId),
                        "TRANSIENT_EXHAUSTED"::equals);
        // Waiting, not classified: no case, no CommentReceived, the text still unknown; and visible to moderators.
        assertThat(count(db, "moderation_case WHERE comment_id = ?", mention)).isZero();
        assertThat(kafka.readAll(Topics.COMMENTS_RECEIVED))
                .noneMatch(r -> r.value().contains(mention));
        List<String> pending = as("moderator")
                .queryParam("operation", "FETCH_MENTION")
                .queryParam("state", "PENDING")
                .when()
                .get("/api/platform-actions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("id");
        assertThat(pending).contains(actionId);
        assertThat(single(db, "SELECT state FROM platform_action WHERE id = ?::uuid", actionId))
                .isEqualTo("PENDING");

        String caseId = await().atMost(WAIT)
                .until(
                        () -> single(db, "SELECT id FROM moderation_case WHERE comment_id = ?", mention),
                        id -> id != null);
        assertThat(single(
                        db,
                        "SELECT state || '/' || runs || '/' || result_category FROM platform_action "
                                + "WHERE id = ?::uuid",
                        actionId))
                .isEqualTo("DONE/3/SUCCESS");
        assertThat(single(
                        db,
                        "SELECT text || '|' || sender_name || '|' || sender_profile_url || '|' || created_at "
                                + "FROM comment_version WHERE comment_id = ?",
                        mention))
                .startsWith(
                        "Hej @kommunen, när öppnar simhallen igen?|ada.l|https://www.instagram.com/ada.l|2026-11-23 ");
        assertThat(count(db, "comment_version WHERE comment_id = ?", mention)).isEqualTo(1);
        as("moderator")
                .when()
                .get("/api/cases/" + caseId)
                .then()
                .statusCode(200)
                .body("platform", equalTo("INSTAGRAM"))
                .body("intents", hasItem("QUESTION"));
        assertThat(kafka.await(Topics.COMMENTS_RECEIVED, r -> r.value().contains(mention), WAIT))
                .hasSize(1);
        assertThat(graph.requests().stream()
                        .filter(r -> r.path().endsWith("/" + IG)
                                && r.query() != null
                                && r.query().contains(mention)))
                .hasSize(5);
    }

    @Test
    void aMentionThatIsGoneFailsVisiblyAndAPersonCanQueueItAgain() {
        String media = newId();
        String mention = media + "3";
        graph.on("GET", "/" + IG, Answer.graphError(400, 100, 33, "Unsupported get request. Object does not exist"));

        mentionWebhook(media, mention);

        String actionId = fetchAction(mention);
        await().atMost(WAIT)
                .until(
                        () -> single(db, "SELECT state FROM platform_action WHERE id = ?::uuid", actionId),
                        "FAILED"::equals);
        JsonPath failed = as("editor")
                .queryParam("operation", "FETCH_MENTION")
                .queryParam("state", "FAILED")
                .when()
                .get("/api/platform-actions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(failed.getList("findAll { it.id == '" + actionId + "' }.resultCategory", String.class))
                .containsExactly("NOT_FOUND");
        assertThat(count(db, "moderation_case WHERE comment_id = ?", mention)).isZero();

        graph.on("GET", "/" + IG, comment("Bra jobbat @kommunen"));
        as("editor")
                .when()
                .post("/api/platform-actions/" + actionId + "/retry")
                .then()
                .statusCode(200);
        await().atMost(WAIT)
                .until(
                        () -> single(db, "SELECT id FROM moderation_case WHERE comment_id = ?", mention),
                        id -> id != null);
        assertThat(single(db, "SELECT text FROM comment_version WHERE comment_id = ?", mention))
                .isEqualTo("Bra jobbat @kommunen");
    }

    @Test
    void aCaptionMentionIsReadThroughTheMentionedMedia() {
        String media = newId();
        graph.on(
                "GET",
                "/" + IG,
                Answer.json(
                        200,
                        "{\"mentioned_media\":{\"caption\":\"Tack @kommunen för en fin dag\","
                                + "\"username\":\"bo\"},\"id\":\"" + IG + "\"}"));

        mentionWebhook(media, null);

        await().atMost(WAIT)
                .until(
                        () -> single(db, "SELECT id FROM moderation_case WHERE comment_id = ?", media),
                        id -> id != null);
        assertThat(single(db, "SELECT kind || '|' || text FROM comment_version WHERE comment_id = ?", media))
                .isEqualTo("MENTION|Tack @kommunen för en fin dag");
        assertThat(graph.requests().stream()
                        .filter(r -> r.query() != null
                                && r.query().contains("mentioned_media")
                                && r.query().contains(media)))
                .hasSize(1);
    }

    /**
     * A caption mention is another account's media: the platform will not let us hide or delete it. A threat there
     * under a HIDE policy queues no HIDE (it could only fail with PERMISSION), waits for a person (PENDING_REVIEW,
     * policy action REVIEW) with the reason visible ({@code platformLimit}), and a moderator's HIDE or DELETE answers
     * 422 and changes nothing; approving still works. A comment mention on the same account is hidden as usual.
     */
    @Test
    void aMentionOnAnotherAccountsMediaIsMonitoredNeverHiddenOrDeleted() {
        String strictIg = "17841400000000078";
        TestSupport.account(db, Platform.INSTAGRAM, strictIg, "da", "{\"THREAT\":\"HIDE\"}", false);
        String media = newId();
        String mentionComment = newId() + "4";
        graph.on(
                "GET",
                "/" + strictIg,
                Answer.json(
                        200,
                        "{\"mentioned_media\":{\"caption\":\"Jeg vil dræbe borgmesteren i morgen.\","
                                + "\"username\":\"bo\"},\"id\":\"" + strictIg + "\"}"),
                Answer.json(
                        200,
                        "{\"mentioned_comment\":{\"text\":\"Jeg vil dræbe borgmesteren i morgen.\","
                                + "\"username\":\"bo\",\"id\":\"x\"},\"id\":\"" + strictIg + "\"}"));
        signedMeta("{\"object\":\"instagram\",\"entry\":[{\"id\":\"" + strictIg + "\",\"time\":1795400000,"
                        + "\"changes\":[{\"field\":\"mentions\",\"value\":{\"media_id\":\"" + media + "\"}}]}]}")
                .then()
                .statusCode(200)
                .body("stored", equalTo(1));
        String caseId = await().atMost(WAIT)
                .until(
                        () -> single(db, "SELECT id FROM moderation_case WHERE comment_id = ?", media),
                        id -> id != null);

        assertThat(single(
                        db,
                        "SELECT state || '/' || policy_action || '/' || array_to_string(labels, ',') "
                                + "FROM moderation_case WHERE id = ?::uuid",
                        caseId))
                .isEqualTo("PENDING_REVIEW/REVIEW/THREAT");
        assertThat(count(db, "platform_action WHERE case_id = ?::uuid", caseId)).isZero();
        as("moderator")
                .when()
                .get("/api/cases/" + caseId)
                .then()
                .statusCode(200)
                .body("platformLimit", equalTo("FOREIGN_MEDIA_MENTION"));
        as("moderator")
                .queryParam("account", single(db, "SELECT account_id FROM moderation_case WHERE id = ?::uuid", caseId))
                .when()
                .get("/api/cases")
                .then()
                .statusCode(200)
                .body("items.find { it.id == '" + caseId + "' }.platformLimit", equalTo("FOREIGN_MEDIA_MENTION"));
        long version = as("moderator")
                .when()
                .get("/api/cases/" + caseId)
                .then()
                .extract()
                .jsonPath()
                .getLong("version");
        for (String decision : List.of("HIDE", "DELETE")) {
            as("moderator")
                    .contentType("application/json")
                    .body("{\"decision\":\"" + decision + "\",\"reason\":\"THREAT\"}")
                    .when()
                    .post("/api/cases/" + caseId + "/decisions")
                    .then()
                    .statusCode(422)
                    .contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.containsString("not ours to hide or delete"));
        }
        as("moderator")
                .contentType("application/json")
                .body("{\"decision\":\"HIDE\",\"reason\":\"THREAT\",\"cases\":[{\"id\":\"" + caseId + "\"}]}")
                .when()
                .post("/api/cases/decisions")
                .then()
                .statusCode(200)
                .body("[0].status", equalTo(422));
        assertThat(single(db, "SELECT state || '/' || lock_version FROM moderation_case WHERE id = ?::uuid", caseId))
                .isEqualTo("PENDING_REVIEW/" + version);
        assertThat(count(db, "platform_action WHERE case_id = ?::uuid", caseId)).isZero();
        assertThat(count(db, "archive_request WHERE case_id = ?::uuid", caseId)).isZero();
        as("moderator")
                .contentType("application/json")
                .body("{\"decision\":\"APPROVE\",\"reason\":\"THREAT\"}")
                .when()
                .post("/api/cases/" + caseId + "/decisions")
                .then()
                .statusCode(200)
                .body("state", equalTo("APPROVED"))
                .body("platformLimit", equalTo("FOREIGN_MEDIA_MENTION"));

        // A comment that mentions the account on another account's media is the same: monitored, never hidden.
        mentionWebhookFor(strictIg, media, mentionComment);
        String commentCase = await().atMost(WAIT)
                .until(
                        () -> single(db, "SELECT id FROM moderation_case WHERE comment_id = ?", mentionComment),
                        id -> id != null);
        assertThat(single(
                        db,
                        "SELECT state || '/' || policy_action FROM moderation_case WHERE id = ?::uuid",
                        commentCase))
                .isEqualTo("PENDING_REVIEW/REVIEW");
        assertThat(count(db, "platform_action WHERE case_id = ?::uuid", commentCase))
                .isZero();
        as("moderator")
                .when()
                .get("/api/cases/" + commentCase)
                .then()
                .statusCode(200)
                .body("platformLimit", equalTo("FOREIGN_MEDIA_MENTION"));

        // The control: the same threat as a comment on the account's own media is hidden by the same policy.
        String ownMedia = newId();
        String ownComment = newId() + "5";
        signedMeta("{\"object\":\"instagram\",\"entry\":[{\"id\":\"" + strictIg + "\",\"time\":1795400000,"
                        + "\"changes\":[{\"field\":\"comments\",\"value\":{\"id\":\"" + ownComment + "\","
                        + "\"text\":\"Jeg vil dræbe borgmesteren i morgen.\",\"from\":{\"id\":\"5550199\","
                        + "\"username\":\"bo\"},\"media\":{\"id\":\"" + ownMedia + "\"}}}]}]}")
                .then()
                .statusCode(200)
                .body("stored", equalTo(1));
        String ownCase = await().atMost(WAIT)
                .until(
                        () -> single(db, "SELECT id FROM moderation_case WHERE comment_id = ?", ownComment),
                        id -> id != null);
        await().atMost(WAIT)
                .until(
                        () -> count(db, "platform_action WHERE case_id = ?::uuid AND operation = 'HIDE'", ownCase),
                        n -> n == 1);
        as("moderator")
                .when()
                .get("/api/cases/" + ownCase)
                .then()
                .statusCode(200)
                .body("platformLimit", org.hamcrest.Matchers.nullValue());
    }

    private static void mentionWebhookFor(String ig, String media, String comment) {
        signedMeta("{\"object\":\"instagram\",\"entry\":[{\"id\":\"" + ig + "\",\"time\":1795400000,\"changes\":["
                        + "{\"field\":\"mentions\",\"value\":{\"media_id\":\"" + media + "\",\"comment_id\":\""
                        + comment
                        + "\"}}]}]}")
                .then()
                .statusCode(200)
                .body("stored", equalTo(1));
    }

    @Test
    void listingActionsNeedsACaseOrAKnownOperation() {
        as("moderator").when().get("/api/platform-actions").then().statusCode(400);
        as("moderator")
                .queryParam("operation", "NOPE")
                .when()
                .get("/api/platform-actions")
                .then()
                .statusCode(400);
        as("moderator")
                .queryParam("operation", "FETCH_MENTION")
                .queryParam("state", "MAYBE")
                .when()
                .get("/api/platform-actions")
                .then()
                .statusCode(400);
        as("analyst")
                .queryParam("operation", "FETCH_MENTION")
                .when()
                .get("/api/platform-actions")
                .then()
                .statusCode(403);
    }
}
