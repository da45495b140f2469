package org.tingvakt.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DevStack;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.LocalGraphApi;
import org.tingvakt.devstack.LocalSecrets;
import org.tingvakt.devstack.LocalTokens;
import org.tingvakt.devstack.SampleWebhook;
import org.tingvakt.devstack.ServiceProcess;
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
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path ROOT = Path.of(System.getProperty("tingvakt.root", "..")).toAbsolutePath().normalize();
    private static final Path LOGS = ROOT.resolve("e2e/target/e2e-logs");

    private static DevStack stack;
    private static LocalGraphApi graph;
    private static EventProbe kafka;
    private static final Map<TingvaktService, ServiceProcess> services = new EnumMap<>(TingvaktService.class);
    private static final Map<TingvaktService, Integer> ports = new EnumMap<>(TingvaktService.class);

    @BeforeAll
    static void startEverything() {
        stack = DevStack.start(DevStack.Options.forTests());
        kafka = new EventProbe(stack.bootstrapServers());
        graph = LocalGraphApi.start(0);
        for (TingvaktService s : TingvaktService.values()) {
            ports.put(s, freePort());
            services.put(s, start(s, Map.of("TINGVAKT_DEMO", "true")));
        }
        services.values().forEach(p -> p.awaitReady(Duration.ofMinutes(3)));
    }

    @AfterAll
    static void stopEverything() {
        services.values().forEach(ServiceProcess::close);
        if (stack != null) {
            stack.close();
        }
        if (graph != null) {
            graph.close();
        }
    }

    @Test
    @Order(1)
    void aThreateningQuestionIsClassifiedGetsADeadlineAndIsDeletedOnlyAfterItsRecord() throws Exception {
        String post = SampleWebhook.DEMO_PAGE_ID + "_" + UUID.randomUUID();
        String commentId = post + "_1";
        String body = SampleWebhook.comment(SampleWebhook.DEMO_PAGE_ID, post, commentId, "5550001", "Per Hansen",
                "Jeg vil slå borgmesteren ihjel. Hvornår er han på rådhuset?");
        HttpResponse<String> accepted = SampleWebhook.post(url(TingvaktService.MODERATION), LocalSecrets.META_APP_SECRET,
                body);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(accepted.body()).get("stored").asInt()).isEqualTo(1);

        // moderation: a case, classified with the threat and the question
        JsonNode theCase = await().atMost(WAIT).until(() -> caseFor(commentId), c -> c != null
                && "PENDING_REVIEW".equals(c.get("state").asText()));
        assertThat(texts(theCase.get("labels"))).contains("THREAT");
        assertThat(texts(theCase.get("intents"))).contains("QUESTION");
        String caseId = theCase.get("id").asText();

        // notifier: a reply deadline for the question
        JsonNode deadline = await().atMost(WAIT).until(() -> first(get(TingvaktService.NOTIFIER,
                "/api/deadlines?caseId=" + caseId, "moderator")), d -> d != null);
        assertThat(deadline.get("state").asText()).isEqualTo("OPEN");
        assertThat(deadline.get("intent").asText()).isEqualTo("QUESTION");

        // a moderator deletes: evidence first (archive), then deleted
        HttpResponse<String> decided = post(TingvaktService.MODERATION, "/api/cases/" + caseId + "/decisions",
                "{\"decision\":\"DELETE\",\"reason\":\"THREAT\"}", "moderator");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        assertThat(JSON.readTree(decided.body()).get("state").asText()).isEqualTo("ARCHIVING");
        await().atMost(WAIT).until(() -> caseFor(commentId).get("state").asText().equals("DELETED"));

        // deleted on the platform (the local Graph API stand-in) only now, after the record
        assertThat(graph.calls()).contains("DELETE /v21.0/" + commentId);
        JsonNode record = first(get(TingvaktService.ARCHIVE, "/api/records?commentId=" + commentId, "archivist"));
        assertThat(record).isNotNull();
        JsonNode verification = JSON.readTree(get(TingvaktService.ARCHIVE,
                "/api/records/" + record.get("id").asText() + "/verify", "archivist").body());
        assertThat(verification.get("recordHashMatches").asBoolean()).isTrue();
        assertThat(verification.get("contentDigestMatches").asBoolean()).isTrue();

        // the deletion closes the deadline, and the action is on the bus
        await().atMost(WAIT).until(() -> first(get(TingvaktService.NOTIFIER, "/api/deadlines?caseId=" + caseId,
                "moderator")).get("state").asText().equals("CLOSED"));
        assertThat(kafka.await(Topics.MODERATION_ACTIONS, r -> r.value().contains(caseId)
                && r.value().contains("\"DELETED\""), WAIT)).hasSize(1);
    }

    @Test
    @Order(2)
    void aServiceKilledBetweenItsCommitAndItsPublishPublishesAfterRestart() throws Exception {
        // The moderation service commits webhooks but its outbox relay never runs: a crash right after every commit.
        services.get(TingvaktService.MODERATION).kill();
        services.put(TingvaktService.MODERATION, start(TingvaktService.MODERATION,
                Map.of("TINGVAKT_DEMO", "true", "TINGVAKT_EVENTING_RELAY_ENABLED", "false")));
        services.get(TingvaktService.MODERATION).awaitReady(Duration.ofMinutes(3));

        String post = SampleWebhook.DEMO_PAGE_ID + "_" + UUID.randomUUID();
        String commentId = post + "_crash";
        HttpResponse<String> accepted = SampleWebhook.post(url(TingvaktService.MODERATION), LocalSecrets.META_APP_SECRET,
                SampleWebhook.comment(SampleWebhook.DEMO_PAGE_ID, post, commentId, "5550002", "Kari Nordmann",
                        "Når åpner biblioteket igjen?"));
        assertThat(JSON.readTree(accepted.body()).get("stored").asInt()).isEqualTo(1);
        Thread.sleep(3000);
        assertThat(kafka.readAll(Topics.COMMENTS_RECEIVED)).noneMatch(r -> r.value().contains(commentId));

        services.get(TingvaktService.MODERATION).kill(); // SIGKILL: no shutdown hook, nothing flushed
        services.put(TingvaktService.MODERATION, start(TingvaktService.MODERATION, Map.of("TINGVAKT_DEMO", "true")));
        services.get(TingvaktService.MODERATION).awaitReady(Duration.ofMinutes(3));

        List<EventProbe.Received> published = kafka.await(Topics.COMMENTS_RECEIVED,
                r -> r.value().contains(commentId), WAIT);
        assertThat(published).hasSize(1);
        // The killed instance stays in its consumer group until the broker's session timeout (45 s) expires.
        JsonNode theCase = await().atMost(AFTER_REBALANCE).until(() -> caseFor(commentId), c -> c != null);
        assertThat(texts(theCase.get("intents"))).contains("QUESTION");
    }

    private static ServiceProcess start(TingvaktService s, Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        if (s == TingvaktService.MODERATION) {
            all.putAll(graph.moderationEnvironment());
        }
        if (s == TingvaktService.NOTIFIER) {
            all.put("TINGVAKT_MAIL_MOCK", "true");
        }
        return ServiceProcess.start(ROOT, s, ports.get(s), stack, LOGS, all);
    }

    private static JsonNode caseFor(String commentId) throws Exception {
        JsonNode page = JSON.readTree(get(TingvaktService.MODERATION, "/api/cases?size=200", "moderator").body());
        for (JsonNode c : page.path("items")) {
            if (commentId.equals(c.get("commentId").asText())) {
                return c;
            }
        }
        return null;
    }

    /** The first element of a list answer, or of a page's {@code items}. */
    private static JsonNode first(HttpResponse<String> response) throws Exception {
        JsonNode body = JSON.readTree(response.body());
        JsonNode array = body.has("items") ? body.get("items") : body;
        return array.isArray() && !array.isEmpty() ? array.get(0) : null;
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static HttpResponse<String> get(TingvaktService s, String path, String role) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(s) + path))
                .header("Authorization", "Bearer " + LocalTokens.forRole(role)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(TingvaktService s, String path, String json, String role) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(s) + path))
                .header("Authorization", "Bearer " + LocalTokens.forRole(role))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String url(TingvaktService s) {
        return "http://localhost:" + ports.get(s);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
