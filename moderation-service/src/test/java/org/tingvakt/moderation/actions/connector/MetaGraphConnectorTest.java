package org.tingvakt.moderation.actions.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tingvakt.contracts.Platform;
import org.tingvakt.moderation.actions.connector.FakeGraphApi.Answer;
import org.tingvakt.moderation.actions.connector.FakeGraphApi.Recorded;

class MetaGraphConnectorTest {

    private static final String TOKEN = "EAAB-test-page-token";
    private static final CommentRef FB_COMMENT = new CommentRef(Platform.FACEBOOK, "aarhus", "111_222");
    private static final CommentRef IG_COMMENT = new CommentRef(Platform.INSTAGRAM, "aarhus", "17890000000000001");
    private static final RetryPolicy POLICY = new RetryPolicy(
            4, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(60));

    private FakeGraphApi graph;
    private final List<Duration> sleeps = new ArrayList<>();
    private MetaGraphConnector connector;

    @BeforeEach
    void start() throws IOException {
        graph = new FakeGraphApi();
        connector = connector(graph.baseUrl(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    private MetaGraphConnector connector(URI baseUrl, Duration requestTimeout) {
        MetaGraphSettings settings = MetaGraphSettings.defaults()
                .withBaseUrl(baseUrl)
                .withRequestTimeout(requestTimeout)
                .withRetryPolicy(POLICY);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        return new MetaGraphConnector(
                settings,
                account -> account.equals("aarhus") ? Optional.of(PageAccessToken.of(TOKEN)) : Optional.empty(),
                client,
                sleeps::add,
                () -> 0.5);
    }

    private Recorded only() {
        List<Recorded> all = graph.requests();
        assertEquals(1, all.size(), "requests sent");
        return all.get(0);
    }

    private static void assertAuthorized(Recorded r) {
        assertEquals("Bearer " + TOKEN, r.header("Authorization"));
        assertNull(r.query(), "nothing in the query string, the token least of all");
    }

    // --- exact requests ------------------------------------------------------------------------------------------

    @Test
    void hidesFacebookCommentWithIsHidden() {
        PlatformResult result = connector.hide(FB_COMMENT);

        assertEquals(PlatformResult.Success.done(1), result);
        Recorded r = only();
        assertEquals("POST", r.method());
        assertEquals("/v25.0/111_222", r.path());
        assertEquals(Map.of("is_hidden", "true"), r.form());
        assertEquals("application/x-www-form-urlencoded", r.header("Content-Type"));
        assertAuthorized(r);
    }

    @Test
    void unhidesFacebookComment() {
        assertTrue(connector.unhide(FB_COMMENT).isSuccess());
        Recorded r = only();
        assertEquals("POST", r.method());
        assertEquals("/v25.0/111_222", r.path());
        assertEquals(Map.of("is_hidden", "false"), r.form());
    }

    @Test
    void hidesAndUnhidesInstagramCommentWithHide() {
        assertTrue(connector.hide(IG_COMMENT).isSuccess());
        assertTrue(connector.unhide(IG_COMMENT).isSuccess());
        List<Recorded> all = graph.requests();
        assertEquals(2, all.size());
        assertEquals("/v25.0/17890000000000001", all.get(0).path());
        assertEquals(Map.of("hide", "true"), all.get(0).form());
        assertEquals(Map.of("hide", "false"), all.get(1).form());
        assertAuthorized(all.get(1));
    }

    @Test
    void deletesWithDelete() {
        assertTrue(connector.delete(FB_COMMENT).isSuccess());
        assertTrue(connector.delete(IG_COMMENT).isSuccess());
        List<Recorded> all = graph.requests();
        assertEquals("DELETE", all.get(0).method());
        assertEquals("/v25.0/111_222", all.get(0).path());
        assertEquals("", all.get(0).body());
        assertEquals("DELETE", all.get(1).method());
        assertEquals("/v25.0/17890000000000001", all.get(1).path());
        assertAuthorized(all.get(0));
    }

    @Test
    void repliesToFacebookCommentAndReturnsTheNewId() {
        graph.then(Answer.json(200, "{\"id\": \"111_333\"}"));
        String text = "Tak for dit spørgsmål – vi svarer i morgen. & 100% sikkert?";

        PlatformResult result = connector.reply(FB_COMMENT, text);

        assertEquals(new PlatformResult.Success(Optional.of("111_333"), false, 1), result);
        Recorded r = only();
        assertEquals("POST", r.method());
        assertEquals("/v25.0/111_222/comments", r.path());
        assertEquals(Map.of("message", text), r.form());
        assertAuthorized(r);
    }

    @Test
    void repliesToFacebookPostAsTopLevelComment() {
        graph.then(Answer.json(200, "{\"id\": \"999_444\"}"));
        PlatformResult result = connector.reply(new PostRef(Platform.FACEBOOK, "aarhus", "999_111"), "Opslag");
        assertEquals(Optional.of("999_444"), ((PlatformResult.Success) result).createdId());
        assertEquals("/v25.0/999_111/comments", only().path());
    }

    @Test
    void repliesToInstagramCommentThroughReplies() {
        graph.then(Answer.json(200, "{\"id\": \"17890000000000002\"}"));
        PlatformResult result = connector.reply(IG_COMMENT, "Hej!");
        assertEquals(Optional.of("17890000000000002"), ((PlatformResult.Success) result).createdId());
        Recorded r = only();
        assertEquals("/v25.0/17890000000000001/replies", r.path());
        assertEquals(Map.of("message", "Hej!"), r.form());
    }

    @Test
    void repliesToInstagramMediaThroughComments() {
        graph.then(Answer.json(200, "{\"id\": \"17890000000000003\"}"));
        assertTrue(connector
                .reply(new PostRef(Platform.INSTAGRAM, "aarhus", "18000000000000001"), "Hej!")
                .isSuccess());
        assertEquals("/v25.0/18000000000000001/comments", only().path());
    }

    @Test
    void sendsDirectMessageAsJsonWithResponseType() throws IOException {
        graph.then(Answer.json(200, "{\"recipient_id\": \"6000001\", \"message_id\": \"m_abc\"}"));
        MessageRecipient to = new MessageRecipient(Platform.FACEBOOK, "aarhus", "1234567890", "6000001");

        PlatformResult result = connector.sendDirectMessage(to, "Skriv til os via Digital Post.");

        assertEquals(new PlatformResult.Success(Optional.of("m_abc"), false, 1), result);
        Recorded r = only();
        assertEquals("POST", r.method());
        assertEquals("/v25.0/1234567890/messages", r.path());
        assertEquals("application/json", r.header("Content-Type"));
        JsonNode body = new ObjectMapper().readTree(r.body());
        assertEquals("6000001", body.path("recipient").path("id").asText());
        assertEquals("RESPONSE", body.path("messaging_type").asText());
        assertEquals(
                "Skriv til os via Digital Post.",
                body.path("message").path("text").asText());
        assertEquals(3, body.size());
        assertAuthorized(r);
    }

    @Test
    void sendsAppSecretProofWhenConfigured() {
        MetaGraphSettings settings = MetaGraphSettings.defaults()
                .withBaseUrl(graph.baseUrl())
                .withRetryPolicy(POLICY)
                .withAppSecret("app-secret");
        MetaGraphConnector withProof = new MetaGraphConnector(
                settings,
                a -> Optional.of(PageAccessToken.of(TOKEN)),
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                sleeps::add,
                () -> 0.5);

        assertTrue(withProof.hide(FB_COMMENT).isSuccess());

        // HMAC-SHA256("EAAB-test-page-token", key "app-secret"), computed independently with openssl.
        assertEquals(
                "appsecret_proof=23fb2badcdf20ad7a0768af19a4684a42d87a2d5642c37482327ec086298656e", only().query());
    }

    // --- retries --------------------------------------------------------------------------------------------------

    @Test
    void retriesServerErrorThenSucceedsWithExponentialJitteredBackoff() {
        graph.then(Answer.json(500, "")).then(Answer.json(503, "<html>busy</html>"));

        PlatformResult result = connector.hide(FB_COMMENT);

        assertEquals(PlatformResult.Success.done(3), result);
        assertEquals(3, graph.requests().size());
        // base 500 ms, doubled, jittered to 75 % with random 0.5
        assertEquals(List.of(Duration.ofMillis(375), Duration.ofMillis(750)), sleeps);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void retriesTransientGraphCodes(int code) {
        graph.then(Answer.graphError(500, code, null, "An unknown error has occurred."));
        assertEquals(PlatformResult.Success.done(2), connector.delete(FB_COMMENT));
        assertEquals(1, sleeps.size());
    }

    @Test
    void retriesErrorMarkedTransientByThePlatform() {
        graph.then(
                Answer.json(400, "{\"error\": {\"message\": \"try again\", \"code\": 368, \"is_transient\": true}}"));
        assertEquals(PlatformResult.Success.done(2), connector.hide(FB_COMMENT));
    }

    @Test
    void givesUpAfterMaxAttemptsWithTransientExhausted() {
        graph.otherwise(Answer.graphError(500, 2, null, "Service temporarily unavailable"));

        PlatformResult.Failure failure = assertInstanceOf(PlatformResult.Failure.class, connector.hide(FB_COMMENT));

        assertEquals(FailureCategory.TRANSIENT_EXHAUSTED, failure.category());
        assertEquals(4, failure.attempts());
        assertEquals(4, graph.requests().size());
        assertEquals(OptionalInt.of(2), failure.graphCode());
        assertEquals("Service temporarily unavailable", failure.message());
        assertEquals(Optional.of("Atrace2"), failure.traceId());
        assertTrue(failure.retryable());
        assertEquals(List.of(Duration.ofMillis(375), Duration.ofMillis(750), Duration.ofMillis(1500)), sleeps);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 17, 32, 613, 80001})
    void backsOffLongerOnRateLimitThenSucceeds(int code) {
        graph.then(Answer.graphError(400, code, null, "Application request limit reached"));

        PlatformResult result = connector.hide(FB_COMMENT);

        assertEquals(PlatformResult.Success.done(2), result);
        assertEquals(List.of(Duration.ofMillis(7500)), sleeps, "rate-limit base 10 s, jittered");
    }

    @Test
    void retriesHttp429() {
        graph.then(Answer.json(429, "").withHeader("Retry-After", "3"));
        assertEquals(PlatformResult.Success.done(2), connector.delete(FB_COMMENT));
        assertEquals(List.of(Duration.ofSeconds(3)), sleeps);
    }

    @Test
    void honoursEstimatedTimeToRegainAccessWhenShort() {
        MetaGraphConnector patient = connectorWith(new RetryPolicy(
                4, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMinutes(5)));
        graph.then(
                Answer.graphError(400, 32, null, "Page request limit reached")
                        .withHeader(
                                "X-Business-Use-Case-Usage",
                                "{\"1234567890\": [{\"type\": \"pages\", \"call_count\": 100, "
                                        + "\"total_cputime\": 20, \"total_time\": 30, \"estimated_time_to_regain_access\": 2}]}"));

        assertEquals(PlatformResult.Success.done(2), patient.hide(FB_COMMENT));
        assertEquals(List.of(Duration.ofMinutes(2)), sleeps);
    }

    @Test
    void returnsRateLimitedWithRetryAfterWhenTheWaitIsTooLongToSleep() {
        graph.then(Answer.graphError(400, 4, null, "Application request limit reached")
                .withHeader("X-App-Usage", "{\"call_count\": 100, \"total_cputime\": 10, \"total_time\": 12}")
                .withHeader(
                        "X-Business-Use-Case-Usage",
                        "{\"1234567890\": [{\"type\": \"pages\", \"call_count\": 100, "
                                + "\"estimated_time_to_regain_access\": 19}]}"));

        PlatformResult.Failure failure =
                assertInstanceOf(PlatformResult.Failure.class, connector.reply(FB_COMMENT, "x"));

        assertEquals(FailureCategory.RATE_LIMITED, failure.category());
        assertEquals(OptionalInt.of(4), failure.graphCode());
        assertEquals(Optional.of(Duration.ofMinutes(19)), failure.retryAfter());
        assertEquals(1, failure.attempts());
        assertTrue(sleeps.isEmpty(), "did not hold the thread for 19 minutes");
    }

    @Test
    void rateLimitOnEveryAttemptEndsRateLimited() {
        graph.otherwise(Answer.graphError(400, 17, null, "User request limit reached"));
        MetaGraphConnector patient = connectorWith(new RetryPolicy(
                3, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMinutes(5)));

        PlatformResult.Failure failure = assertInstanceOf(PlatformResult.Failure.class, patient.unhide(FB_COMMENT));

        assertEquals(FailureCategory.RATE_LIMITED, failure.category());
        assertEquals(3, failure.attempts());
        assertEquals(List.of(Duration.ofMillis(7500), Duration.ofSeconds(15)), sleeps);
        assertEquals(Optional.of(Duration.ofSeconds(30)), failure.retryAfter());
    }

    // --- permanent failures ---------------------------------------------------------------------------------------

    @Test
    void missingObjectFailsAtOnceAsNotFound() {
        graph.otherwise(
                Answer.graphError(400, 100, 33, "Unsupported post request. Object with ID '111_222' does not exist"));

        PlatformResult.Failure failure = assertInstanceOf(PlatformResult.Failure.class, connector.hide(FB_COMMENT));

        assertEquals(FailureCategory.NOT_FOUND, failure.category());
        assertEquals(OptionalInt.of(100), failure.graphCode());
        assertEquals(OptionalInt.of(33), failure.graphSubcode());
        assertEquals(1, failure.attempts());
        assertEquals(1, graph.requests().size());
        assertFalse(failure.retryable());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void deletingAnAlreadyDeletedCommentIsSuccessAlreadyGone() {
        graph.then(Answer.graphError(400, 100, 33, "Object with ID '111_222' does not exist"));

        PlatformResult result = connector.delete(FB_COMMENT);

        assertEquals(PlatformResult.Success.gone(1), result);
        assertTrue(((PlatformResult.Success) result).alreadyGone());
    }

    @Test
    void otherInvalidParameterIsInvalid() {
        graph.then(Answer.graphError(400, 100, null, "(#100) Param message must be non-empty"));
        PlatformResult.Failure failure = assertInstanceOf(PlatformResult.Failure.class, connector.delete(FB_COMMENT));
        assertEquals(FailureCategory.INVALID, failure.category());
        assertEquals(1, graph.requests().size());
    }

    @Test
    void invalidTokenFailsAtOnceAsAuth() {
        graph.otherwise(Answer.graphError(400, 190, 463, "Error validating access token: Session has expired"));

        PlatformResult.Failure failure = assertInstanceOf(PlatformResult.Failure.class, connector.delete(FB_COMMENT));

        assertEquals(FailureCategory.AUTH, failure.category());
        assertEquals(OptionalInt.of(190), failure.graphCode());
        assertEquals(OptionalInt.of(463), failure.graphSubcode());
        assertEquals(1, failure.attempts());
        assertEquals(Optional.of("Atrace190"), failure.traceId());
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 200, 230})
    void missingPermissionFailsAtOnceAsPermission(int code) {
        graph.otherwise(Answer.graphError(403, code, null, "Requires pages_manage_engagement permission"));
        PlatformResult.Failure failure = assertInstanceOf(PlatformResult.Failure.class, connector.hide(IG_COMMENT));
        assertEquals(FailureCategory.PERMISSION, failure.category());
        assertEquals(1, graph.requests().size());
    }

    @Test
    void noTokenFailsAsAuthWithoutSending() {
        PlatformResult.Failure failure = assertInstanceOf(
                PlatformResult.Failure.class,
                connector.hide(new CommentRef(Platform.FACEBOOK, "unknown-account", "1_2")));
        assertEquals(FailureCategory.AUTH, failure.category());
        assertEquals(0, failure.attempts());
        assertTrue(graph.requests().isEmpty());
    }

    @Test
    void rejectsPathLikeIdsAndGenericPlatformWithoutSending() {
        assertEquals(
                FailureCategory.INVALID,
                ((PlatformResult.Failure)
                                connector.delete(new CommentRef(Platform.FACEBOOK, "aarhus", "../me/accounts")))
                        .category());
        assertEquals(
                FailureCategory.INVALID,
                ((PlatformResult.Failure) connector.delete(new CommentRef(Platform.GENERIC, "aarhus", "1_2")))
                        .category());
        assertEquals(FailureCategory.INVALID, ((PlatformResult.Failure) connector.reply(FB_COMMENT, "  ")).category());
        assertTrue(graph.requests().isEmpty());
    }

    // --- timeouts, network, malformed answers -------------------------------------------------------------------

    @Test
    void slowResponseOfRepeatableCallIsRetried() {
        MetaGraphConnector impatient = connector(graph.baseUrl(), Duration.ofMillis(250));
        graph.then(Answer.json(200, "{\"success\": true}").delayed(1500));

        PlatformResult result = impatient.hide(FB_COMMENT);

        assertEquals(PlatformResult.Success.done(2), result);
        assertEquals(2, graph.requests().size());
    }

    @Test
    void slowResponseOfReplyIsNotRepeatedAndOutcomeUnknown() {
        MetaGraphConnector impatient = connector(graph.baseUrl(), Duration.ofMillis(250));
        graph.then(Answer.json(200, "{\"id\": \"111_333\"}").delayed(1500));

        PlatformResult.Failure failure =
                assertInstanceOf(PlatformResult.Failure.class, impatient.reply(FB_COMMENT, "Svar"));

        assertEquals(FailureCategory.UNKNOWN, failure.category());
        assertEquals(1, failure.attempts());
        assertEquals(1, graph.requests().size(), "a reply that may have been posted is never sent twice");
        assertTrue(failure.message().startsWith("outcome unknown"));
    }

    @Test
    void replyIsRetriedAfterAnErrorResponse() {
        graph.then(Answer.graphError(500, 1, null, "An unknown error occurred"))
                .then(Answer.json(200, "{\"id\": \"111_333\"}"));
        PlatformResult result = connector.reply(FB_COMMENT, "Svar");
        assertEquals(new PlatformResult.Success(Optional.of("111_333"), false, 2), result);
    }

    @Test
    void connectionRefusedIsRetriedThenExhausted() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MetaGraphConnector nowhere =
                connector(URI.create("http://127.0.0.1:" + closedPort + "/v25.0"), Duration.ofSeconds(1));

        PlatformResult.Failure failure =
                assertInstanceOf(PlatformResult.Failure.class, nowhere.reply(FB_COMMENT, "Svar"));

        assertEquals(FailureCategory.TRANSIENT_EXHAUSTED, failure.category());
        assertEquals(4, failure.attempts());
        assertEquals(OptionalInt.empty(), failure.graphCode());
        assertEquals(3, sleeps.size());
    }

    @Test
    void malformedJsonOnSuccessIsRetriedForRepeatableCalls() {
        graph.then(Answer.json(200, "{\"success\": tru"));
        assertEquals(PlatformResult.Success.done(2), connector.delete(FB_COMMENT));
    }

    @Test
    void malformedJsonOnSuccessOfReplyIsUnknown() {
        graph.then(Answer.json(200, "<html>oops"));
        PlatformResult.Failure failure =
                assertInstanceOf(PlatformResult.Failure.class, connector.reply(IG_COMMENT, "x"));
        assertEquals(FailureCategory.UNKNOWN, failure.category());
        assertEquals(1, graph.requests().size());
    }

    @Test
    void malformedErrorBodyIsJudgedByStatus() {
        graph.then(Answer.json(502, "Bad gateway")).then(Answer.json(404, "not json"));
        PlatformResult.Failure failure = assertInstanceOf(PlatformResult.Failure.class, connector.hide(FB_COMMENT));
        assertEquals(FailureCategory.NOT_FOUND, failure.category());
        assertEquals(2, failure.attempts());
    }

    @Test
    void successFalseIsNotASuccess() {
        graph.then(Answer.json(200, "{\"success\": false}"));
        PlatformResult.Failure failure = assertInstanceOf(PlatformResult.Failure.class, connector.hide(FB_COMMENT));
        assertEquals(FailureCategory.UNKNOWN, failure.category());
    }

    @Test
    void tokenNeverAppearsInResultsOrToString() {
        graph.otherwise(Answer.graphError(400, 190, null, "Invalid OAuth access token."));
        PlatformResult result = connector.hide(FB_COMMENT);
        assertFalse(result.toString().contains(TOKEN));
        assertFalse(PageAccessToken.of(TOKEN).toString().contains(TOKEN));
        assertFalse(
                MetaGraphSettings.defaults().withAppSecret("s3cret").toString().contains("s3cret"));
        assertFalse(new MessageRecipient(Platform.FACEBOOK, "a", "1", "6000001")
                .toString()
                .contains("6000001"));
    }

    @Test
    void logsNeitherTokenNorTextNorRecipientAtAnyLevel() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(MetaGraphConnector.class.getPackageName());
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                Object[] params = record.getParameters();
                logged.add(record.getMessage() + " " + (params == null ? "" : java.util.Arrays.toString(params)));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        capture.setLevel(java.util.logging.Level.ALL);
        java.util.logging.Level before = logger.getLevel();
        logger.setLevel(java.util.logging.Level.ALL);
        logger.addHandler(capture);
        try {
            graph.then(Answer.graphError(500, 2, null, "temporarily unavailable"))
                    .then(Answer.json(200, "{\"id\": \"111_333\"}"))
                    .then(Answer.graphError(400, 190, null, "Invalid OAuth access token."))
                    .then(Answer.json(200, "garbage"));
            connector.reply(FB_COMMENT, "Hemmelig svartekst");
            connector.hide(FB_COMMENT);
            connector.sendDirectMessage(
                    new MessageRecipient(Platform.FACEBOOK, "aarhus", "1234567890", "6000001"), "Privat besked");
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(before);
        }
        assertTrue(logged.size() >= 4, "the connector logged its attempts: " + logged);
        for (String line : logged) {
            assertFalse(line.contains(TOKEN), line);
            assertFalse(line.contains("Hemmelig svartekst"), line);
            assertFalse(line.contains("Privat besked"), line);
            assertFalse(line.contains("6000001"), line);
        }
    }

    private MetaGraphConnector connectorWith(RetryPolicy policy) {
        MetaGraphSettings settings =
                MetaGraphSettings.defaults().withBaseUrl(graph.baseUrl()).withRetryPolicy(policy);
        return new MetaGraphConnector(
                settings,
                a -> Optional.of(PageAccessToken.of(TOKEN)),
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                sleeps::add,
                () -> 0.5);
    }
}
