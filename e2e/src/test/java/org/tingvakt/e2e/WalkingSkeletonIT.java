package org.tingvakt.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.LocalSecrets;
import org.tingvakt.devstack.SampleWebhook;
import org.tingvakt.devstack.TingvaktService;

/**
 * The three packaged services as separate processes against one devstack, driven only through public interfaces:
 * a webhook in, REST and Kafka events out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration AFTER_REBALANCE = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ServiceStack stack;

    @BeforeAll
    static void startEverything() {
        stack = ServiceStack.start("walking-skeleton", false, (self, service) -> Map.of());
    }

    @AfterAll
    static void stopEverything() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aThreateningQuestionIsClassifiedGetsADeadlineAndIsDeletedOnlyAfterItsRecord() throws Exception {
        String post = SampleWebhook.DEMO_PAGE_ID + "_" + UUID.randomUUID();
        String commentId = post + "_1";
        String body = SampleWebhook.comment(
                SampleWebhook.DEMO_PAGE_ID,
                post,
                commentId,
                "5550001",
                "Per Hansen",
                "Jeg vil slå borgmesteren ihjel. Hvornår er han på rådhuset?");
        HttpResponse<String> accepted =
                SampleWebhook.post(stack.url(TingvaktService.MODERATION), LocalSecrets.META_APP_SECRET, body);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(accepted.body()).get("stored").asInt()).isEqualTo(1);

        // moderation: a case, classified with the threat and the question
        JsonNode theCase = await().atMost(WAIT)
                .until(
                        () -> stack.caseFor(commentId),
                        c -> c != null && "PENDING_REVIEW".equals(c.get("state").asText()));
        assertThat(ServiceStack.texts(theCase.get("labels"))).contains("THREAT");
        assertThat(ServiceStack.texts(theCase.get("intents"))).contains("QUESTION");
        String caseId = theCase.get("id").asText();

        // notifier: a reply deadline for the question
        JsonNode deadline = await().atMost(WAIT)
                .until(
                        () -> ServiceStack.first(stack.getJson(
                                TingvaktService.NOTIFIER, "/api/deadlines?caseId=" + caseId, "moderator")),
                        d -> d != null);
        assertThat(deadline.get("state").asText()).isEqualTo("OPEN");
        assertThat(deadline.get("intent").asText()).isEqualTo("QUESTION");

        // a moderator deletes: evidence first (archive), then deleted
        HttpResponse<String> decided = stack.post(
                TingvaktService.MODERATION,
                "/api/cases/" + caseId + "/decisions",
                "{\"decision\":\"DELETE\",\"reason\":\"THREAT\"}",
                "moderator");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        assertThat(JSON.readTree(decided.body()).get("state").asText()).isEqualTo("ARCHIVING");
        await().atMost(WAIT)
                .until(() -> stack.caseFor(commentId).get("state").asText().equals("DELETED"));

        // deleted on the platform (the local Graph API stand-in) only now, after the record
        assertThat(stack.graph().calls()).contains("DELETE /v25.0/" + commentId);
        JsonNode record = ServiceStack.first(
                stack.getJson(TingvaktService.ARCHIVE, "/api/records?commentId=" + commentId, "archivist"));
        assertThat(record).isNotNull();
        JsonNode verification = stack.getJson(
                TingvaktService.ARCHIVE, "/api/records/" + record.get("id").asText() + "/verify", "archivist");
        assertThat(verification.get("recordHashMatches").asBoolean()).isTrue();
        assertThat(verification.get("contentDigestMatches").asBoolean()).isTrue();

        // the deletion closes the deadline, and the action is on the bus
        await().atMost(WAIT)
                .until(() -> ServiceStack.first(
                                stack.getJson(TingvaktService.NOTIFIER, "/api/deadlines?caseId=" + caseId, "moderator"))
                        .get("state")
                        .asText()
                        .equals("CLOSED"));
        assertThat(stack.events()
                        .await(
                                Topics.MODERATION_ACTIONS,
                                r -> r.value().contains(caseId) && r.value().contains("\"DELETED\""),
                                WAIT))
                .hasSize(1);
    }

    @Test
    @Order(2)
    void aServiceKilledBetweenItsCommitAndItsPublishPublishesAfterRestart() throws Exception {
        // The moderation service commits webhooks but its outbox relay never runs: a crash right after every commit.
        stack.kill(TingvaktService.MODERATION);
        stack.restart(TingvaktService.MODERATION, Map.of("TINGVAKT_EVENTING_RELAY_ENABLED", "false"));

        String post = SampleWebhook.DEMO_PAGE_ID + "_" + UUID.randomUUID();
        String commentId = post + "_crash";
        HttpResponse<String> accepted = SampleWebhook.post(
                stack.url(TingvaktService.MODERATION),
                LocalSecrets.META_APP_SECRET,
                SampleWebhook.comment(
                        SampleWebhook.DEMO_PAGE_ID,
                        post,
                        commentId,
                        "5550002",
                        "Kari Nordmann",
                        "Når åpner biblioteket igjen?"));
        assertThat(JSON.readTree(accepted.body()).get("stored").asInt()).isEqualTo(1);
        Thread.sleep(3000);
        assertThat(stack.events().readAll(Topics.COMMENTS_RECEIVED))
                .noneMatch(r -> r.value().contains(commentId));

        stack.kill(TingvaktService.MODERATION); // SIGKILL: no shutdown hook, nothing flushed
        stack.restart(TingvaktService.MODERATION);

        List<EventProbe.Received> published =
                stack.events().await(Topics.COMMENTS_RECEIVED, r -> r.value().contains(commentId), WAIT);
        assertThat(published).hasSize(1);
        // The killed instance stays in its consumer group until the broker's session timeout (45 s) expires.
        JsonNode theCase = await().atMost(AFTER_REBALANCE).until(() -> stack.caseFor(commentId), c -> c != null);
        assertThat(ServiceStack.texts(theCase.get("intents"))).contains("QUESTION");
    }

    /**
     * GDPR Art. 17 across the services: one sender's comment (archived, and quoted as context in another sender's
     * archived comment) and direct message. After one erasure request in the archive, the combined report is complete
     * and no column of any table in any service's database holds the sender's id, name or texts; nothing was kept, and
     * the report says so.
     */
    @Test
    @Order(3)
    void oneErasureRequestReachesEveryServiceAndLeavesNoCopyOfTheSender() throws Exception {
        String tag = Long.toString(System.nanoTime() % 1_000_000_000L);
        String senderId = "77" + tag;
        String senderName = "Sigrid Erasmussen" + tag;
        String commentText = "Jeg vil slaa borgmesteren ihjel, hilsen nr " + tag;
        String dmText = "Privat besked om min sag nr " + tag;
        String post = SampleWebhook.DEMO_PAGE_ID + "_" + UUID.randomUUID();
        String theirs = post + "_erase1";
        String quoting = post + "_erase2";
        post(SampleWebhook.comment(SampleWebhook.DEMO_PAGE_ID, post, theirs, senderId, senderName, commentText));
        JsonNode first = await().atMost(AFTER_REBALANCE).until(() -> stack.caseFor(theirs), c -> c != null);
        post(SampleWebhook.comment(
                SampleWebhook.DEMO_PAGE_ID,
                post,
                quoting,
                "5550099",
                "Ole Andensen",
                "Jeg vil ogsaa slaa borgmesteren ihjel, han skal doe"));
        JsonNode second = await().atMost(WAIT).until(() -> stack.caseFor(quoting), c -> c != null);
        String mid = "m_erase_" + tag;
        post("{\"object\":\"page\",\"entry\":[{\"id\":\"" + SampleWebhook.DEMO_PAGE_ID + "\",\"time\":"
                + System.currentTimeMillis() + ",\"messaging\":[{\"sender\":{\"id\":\"" + senderId
                + "\"},\"recipient\":{\"id\":\"" + SampleWebhook.DEMO_PAGE_ID + "\"},\"timestamp\":"
                + System.currentTimeMillis() + ",\"message\":{\"mid\":\"" + mid + "\",\"text\":\"" + dmText
                + "\"}}]}]}");
        await().atMost(WAIT).until(() -> stack.caseFor(mid), c -> c != null);

        // Both comments are deleted, so both are archived; the second record quotes the first as thread context.
        for (JsonNode c : List.of(first, second)) {
            String id = c.get("id").asText();
            String commentId = c.get("commentId").asText();
            await().atMost(WAIT)
                    .until(() -> !"RECEIVED"
                            .equals(stack.caseFor(commentId).get("state").asText()));
            HttpResponse<String> decided = stack.post(
                    TingvaktService.MODERATION,
                    "/api/cases/" + id + "/decisions",
                    "{\"decision\":\"DELETE\",\"reason\":\"THREAT\"}",
                    "moderator");
            assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
            await().atMost(WAIT)
                    .until(() -> stack.caseFor(commentId).get("state").asText().equals("DELETED"));
        }
        List<String> needles = List.of(senderId, senderName, "borgmesteren ihjel, hilsen nr " + tag, dmText);
        assertThat(stack.valuesContaining("archive", needles))
                .as("archived with its context")
                .isNotEmpty();

        HttpResponse<String> placed = stack.post(
                TingvaktService.ARCHIVE,
                "/api/erasure-requests",
                "{\"subjectKind\":\"PLATFORM_ID\",\"subject\":\"" + senderId + "\"}",
                "archivist");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
        String requestId = JSON.readTree(placed.body()).get("requestId").asText();
        JsonNode report = await().atMost(WAIT)
                .until(
                        () -> stack.getJson(TingvaktService.ARCHIVE, "/api/erasure-requests/" + requestId, "archivist"),
                        r -> r.get("complete").asBoolean());
        for (String db : DevStackDatabases.ALL) {
            await().atMost(WAIT).until(() -> stack.outboxSize(db) == 0);
        }
        List<String> left = new java.util.ArrayList<>();
        for (String db : DevStackDatabases.ALL) {
            left.addAll(stack.valuesContaining(db, needles));
        }
        assertThat(left).as("copies of the sender left anywhere").isEmpty();

        // The report says what each service removed, and that nothing was kept.
        Map<String, JsonNode> byService = new java.util.HashMap<>();
        report.get("services").forEach(s -> byService.put(s.get("service").asText(), s));
        assertThat(byService).containsOnlyKeys("archive-service", "moderation-service", "notifier-service");
        byService
                .values()
                .forEach(s -> assertThat(s.get("kept")).as(s.toString()).isEmpty());
        assertThat(byService.get("archive-service").get("removed").asInt())
                .as("the own record and the quoting record")
                .isEqualTo(2);
        assertThat(byService.get("moderation-service").get("removed").asInt())
                .as("the comment and the direct message, at least")
                .isGreaterThanOrEqualTo(2);
        assertThat(report.get("archive").get("contextRedacted")).hasSize(1);

        // The same request again: the same request, the same report.
        HttpResponse<String> again = stack.post(
                TingvaktService.ARCHIVE,
                "/api/erasure-requests",
                "{\"subjectKind\":\"PLATFORM_ID\",\"subject\":\"" + senderId + "\"}",
                "archivist");
        assertThat(JSON.readTree(again.body())).isEqualTo(JSON.readTree(placed.body()));
    }

    private static void post(String body) throws Exception {
        HttpResponse<String> accepted =
                SampleWebhook.post(stack.url(TingvaktService.MODERATION), LocalSecrets.META_APP_SECRET, body);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    }

    /** The services' databases. */
    private static final class DevStackDatabases {
        static final List<String> ALL = org.tingvakt.devstack.DevStack.DATABASES;
    }
}
