package org.tingvakt.moderation.actions.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.Platform;
import org.tingvakt.moderation.actions.connector.FakeGraphApi.Answer;
import org.tingvakt.moderation.actions.connector.FakeGraphApi.Recorded;

/** Reading an Instagram mention's text through Meta's mentions API, against the fake Graph API, failures included. */
class MentionFetchTest {
    private static final String TOKEN = "EAAB-test-page-token";
    private static final String IG_USER = "17841400000000001";
    private static final RetryPolicy POLICY = new RetryPolicy(
            3, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(60));

    private FakeGraphApi graph;
    private final List<Duration> sleeps = new ArrayList<>();
    private MetaGraphConnector connector;

    @BeforeEach
    void start() throws IOException {
        graph = new FakeGraphApi();
        MetaGraphSettings settings = MetaGraphSettings.defaults()
                .withBaseUrl(graph.baseUrl())
                .withRequestTimeout(Duration.ofSeconds(5))
                .withRetryPolicy(POLICY);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        connector = new MetaGraphConnector(
                settings,
                account -> account.equals(IG_USER) ? Optional.of(PageAccessToken.of(TOKEN)) : Optional.empty(),
                client,
                sleeps::add,
                () -> 0.5);
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    private static String fields(Recorded r) {
        for (String pair : r.query().split("&")) {
            if (pair.startsWith("fields=")) {
                return URLDecoder.decode(pair.substring("fields=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Test
    void readsTheMentioningCommentsTextAuthorAndTime() {
        graph.then(Answer.json(
                200,
                "{\"mentioned_comment\": {\"text\": \"@kommunen varför är simhallen stängd?\","
                        + " \"username\": \"ada.l\", \"timestamp\": \"2026-11-23T09:15:00+0000\", \"id\": \"17900000000000009\"},"
                        + " \"id\": \"" + IG_USER + "\"}"));

        MentionFetch fetched =
                connector.fetchMention(new MentionRef(Platform.INSTAGRAM, IG_USER, "17900000000000009", false));

        assertTrue(fetched.result().isSuccess());
        MentionedContent c = fetched.content().orElseThrow();
        assertEquals("@kommunen varför är simhallen stängd?", c.text());
        assertEquals(Optional.of("ada.l"), c.username());
        assertEquals(Optional.of(Instant.parse("2026-11-23T09:15:00Z")), c.timestamp());
        Recorded r = graph.requests().get(0);
        assertEquals("GET", r.method());
        assertEquals("/v25.0/" + IG_USER, r.path());
        assertEquals("mentioned_comment.comment_id(17900000000000009){text,username,timestamp}", fields(r));
        assertEquals("Bearer " + TOKEN, r.header("Authorization"));
        assertFalse(r.query().contains(TOKEN), "the token never in the URL");
    }

    @Test
    void readsAMentioningCaption() {
        graph.then(Answer.json(
                200,
                "{\"mentioned_media\": {\"caption\": \"Tack @kommunen!\", \"username\": \"bo\","
                        + " \"timestamp\": \"2026-11-23T09:15:00+0000\"}, \"id\": \"" + IG_USER + "\"}"));

        MentionFetch fetched =
                connector.fetchMention(new MentionRef(Platform.INSTAGRAM, IG_USER, "17800000000000002", true));

        assertEquals("Tack @kommunen!", fetched.content().orElseThrow().text());
        assertEquals(
                "mentioned_media.media_id(17800000000000002){caption,username,timestamp}",
                fields(graph.requests().get(0)));
    }

    @Test
    void transientFailuresAreRetriedWithBackoffThenSucceed() {
        graph.then(Answer.graphError(500, 2, null, "Service temporarily unavailable"))
                .then(Answer.json(503, ""))
                .then(Answer.json(200, "{\"mentioned_comment\": {\"text\": \"hej\"}}"));

        MentionFetch fetched = connector.fetchMention(new MentionRef(Platform.INSTAGRAM, IG_USER, "179001", false));

        assertEquals(3, fetched.result().attempts());
        assertEquals("hej", fetched.content().orElseThrow().text());
        assertEquals(Optional.empty(), fetched.content().orElseThrow().timestamp());
        assertEquals(2, sleeps.size(), "a backoff before each retry");
        assertTrue(sleeps.get(1).compareTo(sleeps.get(0)) > 0, "growing: " + sleeps);
    }

    @Test
    void transientFailuresOnEveryAttemptAreARetryableFailureWithoutContent() {
        graph.otherwise(Answer.graphError(500, 1, null, "An unknown error occurred"));

        MentionFetch fetched = connector.fetchMention(new MentionRef(Platform.INSTAGRAM, IG_USER, "179001", false));

        PlatformResult.Failure f = assertInstanceOf(PlatformResult.Failure.class, fetched.result());
        assertEquals(FailureCategory.TRANSIENT_EXHAUSTED, f.category());
        assertTrue(f.retryable());
        assertTrue(fetched.content().isEmpty());
        assertEquals(3, graph.requests().size());
    }

    @Test
    void anAnswerWithoutTheMentionedCommentIsNotFound() {
        graph.then(Answer.json(200, "{\"id\": \"" + IG_USER + "\"}"));

        MentionFetch fetched = connector.fetchMention(new MentionRef(Platform.INSTAGRAM, IG_USER, "179001", false));

        PlatformResult.Failure f = assertInstanceOf(PlatformResult.Failure.class, fetched.result());
        assertEquals(FailureCategory.NOT_FOUND, f.category());
        assertFalse(f.retryable());
        assertEquals(1, graph.requests().size());
    }

    @Test
    void rateLimitIsRetryableAndPermissionIsNot() {
        graph.otherwise(Answer.graphError(400, 4, null, "Application request limit reached"));
        PlatformResult.Failure limited = assertInstanceOf(
                PlatformResult.Failure.class,
                connector
                        .fetchMention(new MentionRef(Platform.INSTAGRAM, IG_USER, "179001", false))
                        .result());
        assertEquals(FailureCategory.RATE_LIMITED, limited.category());

        graph.otherwise(Answer.graphError(403, 10, null, "Permission denied"));
        PlatformResult.Failure denied = assertInstanceOf(
                PlatformResult.Failure.class,
                connector
                        .fetchMention(new MentionRef(Platform.INSTAGRAM, IG_USER, "179002", false))
                        .result());
        assertEquals(FailureCategory.PERMISSION, denied.category());
    }

    @Test
    void badIdsAndMissingTokensSendNothing() {
        assertEquals(
                FailureCategory.INVALID,
                ((PlatformResult.Failure) connector
                                .fetchMention(new MentionRef(Platform.INSTAGRAM, IG_USER, "1){x}", false))
                                .result())
                        .category());
        assertEquals(
                FailureCategory.AUTH,
                ((PlatformResult.Failure) connector
                                .fetchMention(new MentionRef(Platform.INSTAGRAM, "17841499999999999", "179001", false))
                                .result())
                        .category());
        assertTrue(graph.requests().isEmpty());
    }

    @Test
    void graphTimesWithAndWithoutColonInTheOffset() {
        assertEquals(
                Optional.of(Instant.parse("2017-05-23T18:14:12Z")),
                MetaGraphConnector.graphTime("2017-05-23T18:14:12+0000"));
        assertEquals(
                Optional.of(Instant.parse("2017-05-23T16:14:12Z")),
                MetaGraphConnector.graphTime("2017-05-23T18:14:12+02:00"));
        assertEquals(Optional.empty(), MetaGraphConnector.graphTime("yesterday"));
    }
}
