package org.tingvakt.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
 * Delete only after evidence, with real crashes: the moderation service is SIGKILLed between the saga's steps (after
 * the archive request, before the record; after the record, while the platform delete is pending) and restarted. The
 * comment stays hidden throughout, is deleted on the platform only after the matching {@code RecordArchived}, exactly
 * once, and the thread notice is posted once.
 */
class DeleteSagaCrashIT {
    /** A restarted service waits for the killed instance to leave its consumer groups (the broker's 45 s session timeout). */
    private static final Duration AFTER_REBALANCE = Duration.ofSeconds(180);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path ROOT = Path.of(System.getProperty("tingvakt.root", "..")).toAbsolutePath().normalize();
    private static final Path LOGS = ROOT.resolve("e2e/target/e2e-logs/delete-saga-crash");
    /** Short leases and backoffs so a resumed action runs within seconds, and notices are looked at every second. */
    private static final Map<String, String> MODERATION_ENV = Map.of("TINGVAKT_DEMO", "true",
            "TINGVAKT_THREAD_NOTICE_POLL", "1s", "TINGVAKT_PLATFORM_ACTIONS_LEASE", "10s",
            "TINGVAKT_PLATFORM_ACTIONS_BACKOFF", "1s", "TINGVAKT_PLATFORM_ACTIONS_MAX_BACKOFF", "2s",
            "TINGVAKT_META_RETRY_MAX_ATTEMPTS", "2");

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
            services.put(s, start(s));
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
    void killedBetweenSagaStepsTheCommentStaysHiddenAndIsDeletedOnceAfterItsRecord() throws Exception {
        String post = SampleWebhook.DEMO_PAGE_ID + "_" + UUID.randomUUID();
        String commentId = post + "_1";
        String hideOrUnhide = "POST /v21.0/" + commentId;
        String delete = "DELETE /v21.0/" + commentId;
        String notice = "POST /v21.0/" + post + "/comments";
        HttpResponse<String> accepted = SampleWebhook.post(url(TingvaktService.MODERATION), LocalSecrets.META_APP_SECRET,
                SampleWebhook.comment(SampleWebhook.DEMO_PAGE_ID, post, commentId, "5550101", "Per Hansen",
                        "Jeg vil slå borgmesteren ihjel. Hvornår er han på rådhuset?"));
        assertThat(accepted.statusCode()).isEqualTo(200);
        String caseId = await().atMost(WAIT).until(() -> caseFor(commentId),
                c -> c != null && "PENDING_REVIEW".equals(c.get("state").asText())).get("id").asText();

        // Step 1 with the archive down: the decision hides and requests the record, in one transaction.
        services.get(TingvaktService.ARCHIVE).kill();
        HttpResponse<String> decided = post("/api/cases/" + caseId + "/decisions",
                "{\"decision\":\"DELETE\",\"reason\":\"THREAT\"}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        assertThat(JSON.readTree(decided.body()).get("state").asText()).isEqualTo("ARCHIVING");
        await().atMost(WAIT).until(() -> graph.calls().contains(hideOrUnhide));
        kafka.await(Topics.ARCHIVE_REQUESTS, r -> r.value().contains(commentId), WAIT);

        // Crash 1: after the request, before the record.
        services.get(TingvaktService.MODERATION).kill();
        graph.failDeletes(true);
        services.put(TingvaktService.ARCHIVE, start(TingvaktService.ARCHIVE));
        services.get(TingvaktService.ARCHIVE).awaitReady(Duration.ofMinutes(3));
        kafka.await(Topics.ARCHIVE_RECORDS, r -> r.value().contains(commentId), AFTER_REBALANCE);
        Instant recordSeen = Instant.now();
        assertThat(graph.calls()).doesNotContain(delete).containsOnlyOnce(hideOrUnhide);

        // Restarted: the record is taken up (ARCHIVED) and the delete queued, but the platform fails it for now.
        services.put(TingvaktService.MODERATION, start(TingvaktService.MODERATION));
        services.get(TingvaktService.MODERATION).awaitReady(Duration.ofMinutes(3));
        await().atMost(AFTER_REBALANCE).until(() -> graph.calls().contains(delete));
        assertThat(caseFor(commentId).get("state").asText()).isEqualTo("ARCHIVED");

        // Crash 2: after the record, while the delete is pending.
        services.get(TingvaktService.MODERATION).kill();
        long deletesBeforeHeal = graph.calls().stream().filter(delete::equals).count();
        assertThat(graph.calls()).doesNotContain(notice);
        graph.failDeletes(false);
        services.put(TingvaktService.MODERATION, start(TingvaktService.MODERATION));
        services.get(TingvaktService.MODERATION).awaitReady(Duration.ofMinutes(3));
        await().atMost(AFTER_REBALANCE).until(() -> "DELETED".equals(caseFor(commentId).get("state").asText()));

        // Hidden once and never shown again; deleted after the record; one delete succeeded; one notice.
        List<String> calls = graph.calls();
        assertThat(calls).containsOnlyOnce(hideOrUnhide);
        assertThat(calls.indexOf(hideOrUnhide)).isLessThan(calls.indexOf(delete));
        assertThat(calls.stream().filter(delete::equals).count()).isGreaterThan(deletesBeforeHeal);
        JsonNode actions = JSON.readTree(get(TingvaktService.MODERATION, "/api/platform-actions?caseId=" + caseId,
                "moderator").body());
        Map<String, JsonNode> byOperation = new HashMap<>();
        actions.forEach(a -> byOperation.merge(a.get("operation").asText(), a, (x, y) -> {
            throw new AssertionError("two " + x.get("operation").asText() + " actions: " + actions);
        }));
        assertThat(byOperation).containsOnlyKeys("HIDE", "DELETE");
        assertThat(byOperation.get("HIDE").get("state").asText()).isEqualTo("DONE");
        assertThat(byOperation.get("DELETE").get("state").asText()).isEqualTo("DONE");
        assertThat(byOperation.get("DELETE").get("runs").asInt()).isGreaterThan(1);
        assertThat(Instant.parse(byOperation.get("DELETE").get("createdAt").asText())).isAfter(recordSeen.minusSeconds(1));
        assertThat(kafka.await(Topics.MODERATION_ACTIONS, r -> r.value().contains(caseId)
                && r.value().contains("\"DELETED\""), WAIT)).hasSize(1);
        await().atMost(WAIT).until(() -> graph.calls().contains(notice));
        Thread.sleep(5000);
        assertThat(graph.calls().stream().filter(notice::equals).count()).isEqualTo(1);
        JsonNode record = JSON.readTree(get(TingvaktService.ARCHIVE, "/api/records?commentId=" + commentId,
                "archivist").body());
        assertThat(record.has("items") ? record.get("items") : record).hasSize(1);
    }

    private static ServiceProcess start(TingvaktService s) {
        Map<String, String> env = new HashMap<>(Map.of("TINGVAKT_DEMO", "true"));
        if (s == TingvaktService.MODERATION) {
            env.putAll(MODERATION_ENV);
            env.putAll(graph.moderationEnvironment());
        }
        if (s == TingvaktService.NOTIFIER) {
            env.put("TINGVAKT_MAIL_MOCK", "true");
        }
        return ServiceProcess.start(ROOT, s, ports.get(s), stack, LOGS, env);
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

    private static HttpResponse<String> get(TingvaktService s, String path, String role) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(s) + path))
                .header("Authorization", "Bearer " + LocalTokens.forRole(role)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(TingvaktService.MODERATION) + path))
                .header("Authorization", "Bearer " + LocalTokens.forRole("moderator"))
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
