package org.tingvakt.moderation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.EventType;
import org.tingvakt.contracts.EvidenceDigest;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.RecordArchived;
import org.tingvakt.contracts.ThreadKey;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.LocalSecrets;
import org.tingvakt.devstack.SampleWebhook;
import org.tingvakt.eventing.DeadLetters;
import org.tingvakt.eventing.EventJson;
import org.tingvakt.moderation.actions.connector.FakeGraphApi;
import org.tingvakt.moderation.kernel.Channels;

/** The moderation service against a real Kafka broker and PostgreSQL: webhook in, events out, deletion after evidence. */
@QuarkusTest
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class ModerationFlowTest {
    private static final String PAGE = SampleWebhook.DEMO_PAGE_ID;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DataSource dataSource;

    private final EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());
    private final FakeGraphApi graph = GraphApiStub.get();

    @Test
    void subscriptionCheckEchoesTheChallengeOnlyForTheRightToken() {
        given().queryParam("hub.mode", "subscribe")
                .queryParam("hub.verify_token", LocalSecrets.META_VERIFY_TOKEN)
                .queryParam("hub.challenge", "1158201444")
                .when()
                .get("/webhooks/meta")
                .then()
                .statusCode(200)
                .body(equalTo("1158201444"));
        given().queryParam("hub.mode", "subscribe")
                .queryParam("hub.verify_token", "wrong")
                .queryParam("hub.challenge", "1158201444")
                .when()
                .get("/webhooks/meta")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void unsignedForgedMalformedAndOversizedWebhooksChangeNothing() {
        String body = SampleWebhook.comment(PAGE, PAGE + "_9", PAGE + "_9_" + UUID.randomUUID(), "42", "Eve", "Hej?");
        long comments = count("comment_version");
        long outbox = count("outbox_event");
        long received = kafka.count(Topics.COMMENTS_RECEIVED);

        given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/webhooks/meta")
                .then()
                .statusCode(401)
                .body("title", equalTo("Unauthorized"));
        given().contentType(ContentType.JSON)
                .body(body)
                .header("X-Hub-Signature-256", SampleWebhook.signature("not-the-app-secret", bytes(body)))
                .when()
                .post("/webhooks/meta")
                .then()
                .statusCode(403)
                .body("status", equalTo(403));
        given().contentType(ContentType.JSON)
                .body(body)
                .header("X-Hub-Signature-256", "sha256=zz-not-hex")
                .when()
                .post("/webhooks/meta")
                .then()
                .statusCode(403);
        String malformed = "{\"object\":\"page\",\"entry\":[{";
        given().contentType(ContentType.JSON)
                .body(malformed)
                .header("X-Hub-Signature-256", SampleWebhook.signature(LocalSecrets.META_APP_SECRET, bytes(malformed)))
                .when()
                .post("/webhooks/meta")
                .then()
                .statusCode(400)
                .body("detail", containsString("JSON"));
        String wrongShape = "{\"object\":\"page\",\"entry\":{}}";
        given().contentType(ContentType.JSON)
                .body(wrongShape)
                .header("X-Hub-Signature-256", SampleWebhook.signature(LocalSecrets.META_APP_SECRET, bytes(wrongShape)))
                .when()
                .post("/webhooks/meta")
                .then()
                .statusCode(400);
        String huge = "{\"object\":\"page\",\"pad\":\"" + "x".repeat(1_100_000) + "\"}";
        given().contentType(ContentType.JSON)
                .body(huge)
                .header("X-Hub-Signature-256", SampleWebhook.signature(LocalSecrets.META_APP_SECRET, bytes(huge)))
                .when()
                .post("/webhooks/meta")
                .then()
                .statusCode(413);

        assertThat(count("comment_version")).isEqualTo(comments);
        assertThat(count("outbox_event")).isEqualTo(outbox);
        assertThat(kafka.count(Topics.COMMENTS_RECEIVED)).isEqualTo(received);
    }

    @Test
    void aPageWeDoNotModerateIsAcceptedIgnoredAndCounted() {
        String body =
                SampleWebhook.comment("999999999", "999999999_1", "999999999_1_" + UUID.randomUUID(), "7", "Bo", "Hej");
        long comments = count("comment_version");
        signed(body)
                .then()
                .statusCode(200)
                .body("ignoredUnknownAccount", equalTo(1))
                .body("stored", equalTo(0));
        assertThat(count("comment_version")).isEqualTo(comments);
        given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("tingvakt_webhook_items_total{outcome=\"unknown_account\"}"));
    }

    @Test
    void aCommentIsStoredOnceClassifiedAndDeletedOnlyAfterItsVerifiedRecord() throws Exception {
        String post = PAGE + "_" + UUID.randomUUID();
        String commentId = post + "_c1";
        String text = "Jeg vil dræbe borgmesteren. Hvornår er han på rådhuset?";
        String body = SampleWebhook.comment(PAGE, post, commentId, "1234567", "Sven Svensson", text);
        // The page's own post, the thread's root: stored, not a comment (no case).
        String postText = "Borgmesteren holder åbent hus på rådhuset lørdag.";
        signed(SampleWebhook.pagePost(PAGE, post, postText, "add"))
                .then()
                .statusCode(200)
                .body("stored", equalTo(0))
                .body("pagePosts", equalTo(1));

        signed(body).then().statusCode(200).body("stored", equalTo(1));
        signed(body).then().statusCode(200).body("stored", equalTo(0)).body("duplicates", equalTo(1));

        // CommentReceived, once, keyed by the thread, with CloudEvents headers.
        List<EventProbe.Received> received =
                kafka.await(Topics.COMMENTS_RECEIVED, r -> r.value().contains(commentId), WAIT);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).key()).isEqualTo(ThreadKey.of(Platform.FACEBOOK, post));
        assertThat(received.get(0).header("ce_type")).isEqualTo(EventType.COMMENT_RECEIVED.ceType());
        assertThat(received.get(0).header("ce_source")).isEqualTo("urn:tingvakt:moderation-service");
        assertThat(received.get(0).header("ce_id")).isNotBlank();

        // Classified: a case with the threat and the question, and CommentClassified without text or sender.
        String caseId = await().atMost(WAIT).until(() -> caseIdOf(commentId), id -> id != null);
        JsonPath c = asModerator()
                .when()
                .get("/api/cases/" + caseId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(c.getList("labels", String.class)).contains("THREAT");
        assertThat(c.getList("intents", String.class)).contains("QUESTION");
        assertThat(c.getString("state")).isEqualTo("PENDING_REVIEW");
        assertThat(c.getString("thread[0].relation")).isEqualTo("POST");
        assertThat(c.getString("thread[0].text")).isEqualTo(postText);
        EventProbe.Received classified = kafka.await(
                        Topics.COMMENTS_CLASSIFIED, r -> r.value().contains(caseId), WAIT)
                .get(0);
        assertThat(classified.value()).doesNotContain("borgmesteren").doesNotContain("Sven");
        assertThat(classified.value()).contains("\"replyPolicy\"");

        // A stale version number is refused with 409, not a lost update.
        long version = c.getLong("version");
        decide(caseId, "DELETE", version + 7).then().statusCode(409);

        // Delete: the comment is hidden on the platform at once, evidence is requested for this exact version; the case
        // waits, and nothing is deleted on the platform yet.
        decide(caseId, "DELETE", version).then().statusCode(200).body("state", equalTo("ARCHIVING"));
        await().atMost(WAIT)
                .until(() -> GraphApiStub.requestsFor(commentId).stream()
                        .anyMatch(r -> r.method().equals("POST")
                                && "true".equals(r.form().get("is_hidden"))));
        // (The threat was also sent for registration when it was classified: the evidence request is the other one.)
        EventProbe.Received request = kafka.await(
                        Topics.ARCHIVE_REQUESTS,
                        r -> r.value().contains(caseId) && r.value().contains("\"purpose\":\"REMOVAL_EVIDENCE\""),
                        WAIT)
                .get(0);
        JsonPath req = JsonPath.from(request.value());
        String expectedDigest = EvidenceDigest.of(commentId, 1, "1234567", text);
        assertThat(req.getString("contentSha256")).isEqualTo(expectedDigest);
        assertThat(req.getString("sender.name")).isEqualTo("Sven Svensson");
        // The evidence shows the post the comment was written under.
        assertThat(req.getString("thread[0].role")).isEqualTo("POST");
        assertThat(req.getString("thread[0].itemId")).isEqualTo(post);
        assertThat(req.getString("thread[0].text")).isEqualTo(postText);

        // A record whose digest does not match is dead-lettered; the comment is not deleted.
        RecordArchived forged = TestSupport.archived(req, "0".repeat(64));
        String forgedId = kafka.sendEvent(
                Topics.ARCHIVE_RECORDS, request.key(), EventType.RECORD_ARCHIVED.ceType(), EventJson.write(forged));
        EventProbe.Received letter = kafka.await(
                        Topics.deadLetter(Topics.ARCHIVE_RECORDS), r -> forgedId.equals(r.header("ce_id")), WAIT)
                .get(0);
        assertThat(letter.header(DeadLetters.REASON)).contains("digest");
        asModerator().when().get("/api/cases/" + caseId).then().body("state", equalTo("ARCHIVING"));
        assertThat(GraphApiStub.requestsFor(commentId))
                .noneMatch(r -> r.method().equals("DELETE"));

        // Hand-made records with the right digest (anyone who reads archive.requests can compute it), but not signed by
        // the archive: unsigned, or signed with another key. Both are dead-lettered as forged and counted; nothing is
        // deleted and the case still waits for real evidence.
        RecordArchived unsigned = withSignature(TestSupport.archived(req, expectedDigest), null);
        RecordArchived otherKey = TestSupport.archived(req, expectedDigest)
                .signedWith(java.security.KeyPairGenerator.getInstance("Ed25519")
                        .generateKeyPair()
                        .getPrivate());
        for (RecordArchived fake : List.of(unsigned, otherKey)) {
            String fakeId = kafka.sendEvent(
                    Topics.ARCHIVE_RECORDS, request.key(), EventType.RECORD_ARCHIVED.ceType(), EventJson.write(fake));
            EventProbe.Received dead = kafka.await(
                            Topics.deadLetter(Topics.ARCHIVE_RECORDS), r -> fakeId.equals(r.header("ce_id")), WAIT)
                    .get(0);
            assertThat(dead.header(DeadLetters.REASON)).startsWith("forged:").contains("signature");
        }
        asModerator().when().get("/api/cases/" + caseId).then().body("state", equalTo("ARCHIVING"));
        assertThat(GraphApiStub.requestsFor(commentId))
                .noneMatch(r -> r.method().equals("DELETE"));
        assertThat(count("archive_request where state = 'ARCHIVED' and case_id = '" + caseId + "'"))
                .isZero();
        String metrics = given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(metrics)
                .containsPattern(
                        "tingvakt_events_forged_total\\{[^}]*topic=\"archive\\.records\"[^}]*} ([2-9]|[1-9][0-9]+)\\.");

        // The verified record arrives, twice (a redelivery): deleted on the platform once, one ModerationActionTaken.
        String json = EventJson.write(TestSupport.archived(req, expectedDigest));
        String ceId = UUID.randomUUID().toString();
        kafka.sendEvent(Topics.ARCHIVE_RECORDS, request.key(), EventType.RECORD_ARCHIVED.ceType(), ceId, json);
        kafka.sendEvent(Topics.ARCHIVE_RECORDS, request.key(), EventType.RECORD_ARCHIVED.ceType(), ceId, json);
        await().atMost(WAIT)
                .untilAsserted(() ->
                        asModerator().when().get("/api/cases/" + caseId).then().body("state", equalTo("DELETED")));
        List<EventProbe.Received> actions = kafka.await(
                Topics.MODERATION_ACTIONS,
                r -> r.value().contains(caseId) && r.value().contains("DELETED"),
                WAIT);
        assertThat(actions).hasSize(1);
        assertThat(count("processed_event where ce_id = '" + ceId + "'")).isEqualTo(1);
        assertThat(GraphApiStub.requestsFor(commentId))
                .filteredOn(r -> r.method().equals("DELETE"))
                .hasSize(1);
        // The hide came before the delete.
        List<FakeGraphApi.Recorded> calls = GraphApiStub.requestsFor(commentId);
        assertThat(calls.get(0).method()).isEqualTo("POST");
        asModerator()
                .queryParam("caseId", caseId)
                .when()
                .get("/api/platform-actions")
                .then()
                .statusCode(200)
                .body("operation", org.hamcrest.Matchers.contains("HIDE", "DELETE"))
                .body("state", org.hamcrest.Matchers.contains("DONE", "DONE"));

        // The thread gets a notice in the account's language (Danish) with the reason and the rules, naming no one.
        FakeGraphApi.Recorded notice = await().atMost(WAIT)
                .until(
                        () -> GraphApiStub.requestsFor(post).stream()
                                .filter(r -> r.path().endsWith("/" + post + "/comments"))
                                .findFirst()
                                .orElse(null),
                        r -> r != null);
        String noticeText = notice.form().get("message");
        assertThat(noticeText)
                .contains("Vi har fjernet en kommentar")
                .contains("trusler")
                .contains("https://demo.example/regler-for-kommentarer")
                .doesNotContain("Sven")
                .doesNotContain("1234567")
                .doesNotContain("borgmesteren");
    }

    @Test
    void thePagesOwnReplySeenByAWebhookMarksTheQuestionReplied() {
        String post = PAGE + "_" + UUID.randomUUID();
        String question = post + "_q";
        signed(SampleWebhook.comment(PAGE, post, question, "2345678", "Eva Olsen", "Hvornår åbner svømmehallen igen?"))
                .then()
                .statusCode(200)
                .body("stored", equalTo(1));
        String caseId = await().atMost(WAIT).until(() -> caseIdOf(question), id -> id != null);

        // The page answers on Facebook itself: from the page's own id, as a reply to the question.
        String reply = SampleWebhook.comment(PAGE, post, post + "_a", PAGE, "Demo Kommune", "Den åbner 1. december.")
                .replace("\"parent_id\":\"" + post + "\"", "\"parent_id\":\"" + question + "\"");
        signed(reply).then().statusCode(200).body("stored", equalTo(1));

        List<EventProbe.Received> replied = kafka.await(
                Topics.MODERATION_ACTIONS,
                r -> r.value().contains(caseId) && r.value().contains("\"REPLIED\""),
                WAIT);
        assertThat(replied).hasSize(1);
        assertThat(replied.get(0).value()).contains("\"actor\":\"platform\"");
        asModerator().when().get("/api/cases/" + caseId).then().body("state", equalTo("REPLIED"));
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicWithItsReason() {
        String key = "facebook:poison-" + UUID.randomUUID();
        kafka.sendRaw(
                Topics.COMMENTS_RECEIVED,
                key,
                "{not json".getBytes(StandardCharsets.UTF_8),
                Map.of(
                        "ce_id",
                        UUID.randomUUID().toString(),
                        "ce_type",
                        EventType.COMMENT_RECEIVED.ceType(),
                        "ce_source",
                        "urn:test"));
        kafka.sendRaw(Topics.COMMENTS_RECEIVED, key, "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        List<EventProbe.Received> letters = await().atMost(WAIT)
                .until(
                        () -> kafka.readAll(Topics.deadLetter(Topics.COMMENTS_RECEIVED)).stream()
                                .filter(r -> key.equals(r.key()))
                                .toList(),
                        l -> l.size() == 2);
        assertThat(letters)
                .extracting(r -> r.header(DeadLetters.REASON))
                .anySatisfy(reason -> assertThat(reason).contains("malformed"))
                .anySatisfy(reason -> assertThat(reason).contains("missing ce_id"));
        assertThat(letters)
                .allSatisfy(r -> assertThat(r.header(DeadLetters.CONSUMER)).isEqualTo(Channels.CLASSIFIER));
        // Counted once the letter is acknowledged, a moment after it can be read from the topic.
        await().atMost(WAIT)
                .untilAsserted(() -> given().when()
                        .get("/q/metrics")
                        .then()
                        .body(containsString(
                                "tingvakt_events_dead_lettered_total{consumer=\"moderation-classifier\"")));
    }

    @Test
    void theCaseApiNeedsATokenWithAModeratorsRole() {
        given().when().get("/api/cases").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("not.a.token").when().get("/api/cases").then().statusCode(401);
        for (String role : List.of("archivist", "analyst")) {
            given().auth()
                    .oauth2(org.tingvakt.devstack.LocalTokens.forRole(role))
                    .when()
                    .get("/api/cases")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
        for (String role : List.of("moderator", "editor", "admin")) {
            given().auth()
                    .oauth2(org.tingvakt.devstack.LocalTokens.forRole(role))
                    .when()
                    .get("/api/cases")
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void validationErrorsAreProblemBodies() {
        asModerator()
                .contentType(ContentType.JSON)
                .body("{\"decision\":\"DELETE\"}")
                .when()
                .post("/api/cases/" + UUID.randomUUID() + "/decisions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        asModerator()
                .contentType(ContentType.JSON)
                .body("{\"decision\":\"APPROVE\",\"reason\":\"ok\"}")
                .when()
                .post("/api/cases/" + UUID.randomUUID() + "/decisions")
                .then()
                .statusCode(404)
                .body("title", equalTo("Not Found"));
        asModerator().when().get("/api/cases?size=100000").then().statusCode(400);
    }

    private static RecordArchived withSignature(RecordArchived r, String signature) {
        return new RecordArchived(
                r.recordId(),
                r.requestId(),
                r.caseId(),
                r.commentId(),
                r.version(),
                r.platform(),
                r.accountId(),
                r.threadKey(),
                r.contentSha256(),
                r.recordSha256(),
                r.verified(),
                r.archivedAt(),
                r.purpose(),
                r.registrationNumber(),
                signature);
    }

    private static io.restassured.response.Response decide(String caseId, String decision, long expectedVersion) {
        return asModerator()
                .contentType(ContentType.JSON)
                .body(Map.of("decision", decision, "reason", "THREAT", "expectedVersion", expectedVersion))
                .when()
                .post("/api/cases/" + caseId + "/decisions");
    }

    private static io.restassured.response.Response signed(String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .header("X-Hub-Signature-256", SampleWebhook.signature(LocalSecrets.META_APP_SECRET, bytes(body)))
                .when()
                .post("/webhooks/meta");
    }

    private String caseIdOf(String commentId) throws Exception {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT id FROM moderation_case WHERE comment_id = ?")) {
            ps.setString(1, commentId);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private long count(String tableAndCondition) {
        try (var c = dataSource.getConnection();
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM " + tableAndCondition)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static io.restassured.specification.RequestSpecification asModerator() {
        return given().auth().oauth2(org.tingvakt.devstack.LocalTokens.forRole("moderator"));
    }
}
