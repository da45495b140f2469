package org.tingvakt.moderation.intake.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.CommentReceived.ItemKind;
import org.tingvakt.contracts.Platform;
import org.tingvakt.moderation.intake.webhook.PlatformItem;

/** The walk over a page's posts and comments, against scripted Graph answers (paging, usage, failures). */
class CommentWalkerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGE = "100000000000009";
    private static final Instant SINCE = Instant.parse("2026-12-01T00:00:00Z");

    /** Answers in order; records what was asked as {@code objectId/edge?after}. */
    private static final class Script implements PlatformReads {
        final Deque<Read> answers = new ArrayDeque<>();
        final List<String> asked = new ArrayList<>();

        Script ok(String body, int usage) throws Exception {
            answers.add(Read.ok(JSON.readTree(body), usage));
            return this;
        }

        @Override
        public Read get(Platform platform, String accountId, String objectId, String edge, Map<String, String> params) {
            asked.add(objectId + "/" + edge + (params.containsKey("after") ? "?after=" + params.get("after") : ""));
            return answers.isEmpty() ? Read.failed("no answer scripted", false, Optional.empty()) : answers.poll();
        }
    }

    private final List<Duration> pauses = new ArrayList<>();
    private final Map<String, String> seen = new HashMap<>();
    private final List<PlatformItem> stored = new ArrayList<>();

    private CommentWalker walker(Script s) {
        return new CommentWalker(s, new UsageGovernor(50, 80, Duration.ofSeconds(10)), pauses::add, 100, seen);
    }

    private static String feed(String after, String... postsAndUpdated) {
        StringBuilder b = new StringBuilder("{\"data\":[");
        for (int i = 0; i < postsAndUpdated.length; i += 2) {
            b.append(i > 0 ? "," : "")
                    .append("{\"id\":\"")
                    .append(postsAndUpdated[i])
                    .append("\",\"created_time\":\"2026-12-02T10:00:00+0000\",\"updated_time\":\"")
                    .append(postsAndUpdated[i + 1])
                    .append("\"}");
        }
        b.append("]");
        if (after != null) {
            b.append(",\"paging\":{\"cursors\":{\"before\":\"x\",\"after\":\"")
                    .append(after)
                    .append("\"},\"next\":\"https://graph.facebook.com/v25.0/next\"}");
        }
        return b.append("}").toString();
    }

    private static String comments(String after, String... ids) {
        StringBuilder b = new StringBuilder("{\"data\":[");
        for (int i = 0; i < ids.length; i++) {
            b.append(i > 0 ? "," : "")
                    .append("{\"id\":\"")
                    .append(ids[i])
                    .append(
                            "\",\"message\":\"hej\","
                                    + "\"created_time\":\"2026-12-02T10:05:00+0000\",\"from\":{\"id\":\"42\",\"name\":\"Ada\"}}");
        }
        b.append("],\"paging\":{\"cursors\":{\"before\":\"x\",\"after\":\"")
                .append(after == null ? "last" : after)
                .append("\"}");
        if (after != null) {
            b.append(",\"next\":\"https://graph.facebook.com/v25.0/next?after=")
                    .append(after)
                    .append("\"");
        }
        return b.append("}}").toString();
    }

    @Test
    void followsTheCursorsOfTheFeedAndOfEachPostsComments() throws Exception {
        Script s = new Script()
                .ok(feed("F2", PAGE + "_1", "2026-12-02T11:00:00+0000"), 1)
                .ok(feed(null, PAGE + "_2", "2026-12-02T12:00:00+0000"), 1)
                .ok(comments("C2", "1_1", "1_2"), 1)
                .ok(comments(null, "1_3"), 1)
                .ok(comments(null, "2_1"), 1);

        CommentWalker.Walk walk = walker(s).walk(Platform.FACEBOOK, PAGE, SINCE, stored::addAll);

        assertThat(walk.complete()).isTrue();
        assertThat(walk.calls()).isEqualTo(5);
        assertThat(s.asked)
                .containsExactly(
                        PAGE + "/feed",
                        PAGE + "/feed?after=F2",
                        PAGE + "_1/comments",
                        PAGE + "_1/comments?after=C2",
                        PAGE + "_2/comments");
        assertThat(stored).extracting(PlatformItem::commentId).containsExactly("1_1", "1_2", "1_3", "2_1");
        assertThat(stored.get(0).postId()).isEqualTo(PAGE + "_1");
        assertThat(stored.get(0).kind()).isEqualTo(ItemKind.COMMENT);
        assertThat(stored.get(0).senderName()).isEqualTo("Ada");
        assertThat(pauses).isEmpty();
    }

    @Test
    void aPostWhoseUpdatedTimeDidNotMoveIsNotReadAgain() throws Exception {
        Script first = new Script()
                .ok(feed(null, PAGE + "_1", "2026-12-02T11:00:00+0000"), 1)
                .ok(comments(null, "1_1"), 1);
        walker(first).walk(Platform.FACEBOOK, PAGE, SINCE, stored::addAll);
        Script second = new Script().ok(feed(null, PAGE + "_1", "2026-12-02T11:00:00+0000"), 1);

        CommentWalker.Walk walk = walker(second).walk(Platform.FACEBOOK, PAGE, SINCE, stored::addAll);

        assertThat(walk.calls()).isEqualTo(1);
        assertThat(second.asked).containsExactly(PAGE + "/feed");
    }

    @Test
    void slowsDownFromSlowAtAndStopsBeforeTheNextReadAtStopAtThenGoesOnNextTime() throws Exception {
        Script s = new Script()
                .ok(feed(null, PAGE + "_1", "2026-12-02T11:00:00+0000", PAGE + "_2", "2026-12-02T11:00:00+0000"), 60)
                .ok(comments(null, "1_1"), 85);

        CommentWalker.Walk walk = walker(s).walk(Platform.FACEBOOK, PAGE, SINCE, stored::addAll);

        assertThat(pauses).hasSize(1);
        assertThat(pauses.get(0)).isPositive();
        assertThat(walk.complete()).isFalse();
        assertThat(walk.stoppedBecause()).hasValueSatisfying(w -> assertThat(w).contains("85%"));
        assertThat(s.asked).hasSize(2); // the second post was not read
        assertThat(stored).extracting(PlatformItem::commentId).containsExactly("1_1"); // what was read is kept

        Script next = new Script()
                .ok(feed(null, PAGE + "_1", "2026-12-02T11:00:00+0000", PAGE + "_2", "2026-12-02T11:00:00+0000"), 10)
                .ok(comments(null, "2_1"), 10);
        CommentWalker.Walk resumed = walker(next).walk(Platform.FACEBOOK, PAGE, SINCE, stored::addAll);
        assertThat(resumed.complete()).isTrue();
        assertThat(next.asked).containsExactly(PAGE + "/feed", PAGE + "_2/comments");
    }

    @Test
    void aRateLimitEndsTheWalkAndSaysWhenToComeBack() {
        Script s = new Script();
        s.answers.add(PlatformReads.Read.failed("RATE_LIMITED (code 80001)", true, Optional.of(Duration.ofMinutes(5))));

        CommentWalker.Walk walk = walker(s).walk(Platform.FACEBOOK, PAGE, SINCE, stored::addAll);

        assertThat(walk.complete()).isFalse();
        assertThat(walk.restUntil())
                .hasValueSatisfying(t -> assertThat(t).isAfter(Instant.now().plusSeconds(240)));
        assertThat(stored).isEmpty();
    }

    @Test
    void instagramMediaCommentsAndTheirNestedRepliesTheAccountsOwnAsPageReplies() throws Exception {
        String ig = "17841400000000001";
        Script s = new Script()
                .ok(
                        "{\"data\":[{\"id\":\"18000000000000001\",\"timestamp\":\"2026-12-02T10:00:00+0000\","
                                + "\"comments_count\":2}]}",
                        1)
                .ok(
                        "{\"data\":[{\"id\":\"17900000000000001\",\"text\":\"Hvornår?\",\"timestamp\":"
                                + "\"2026-12-02T10:01:00+0000\",\"from\":{\"id\":\"555\",\"username\":\"ada\"},"
                                + "\"replies\":{\"data\":[{\"id\":\"17900000000000002\",\"text\":\"I morgen\",\"timestamp\":"
                                + "\"2026-12-02T10:02:00+0000\",\"from\":{\"id\":\"" + ig
                                + "\",\"username\":\"kommunen\"}}]}}]}",
                        1);

        walker(s).walk(Platform.INSTAGRAM, ig, SINCE, stored::addAll);

        assertThat(s.asked).containsExactly(ig + "/media", "18000000000000001/comments");
        assertThat(stored).hasSize(2);
        assertThat(stored.get(0).kind()).isEqualTo(ItemKind.COMMENT);
        assertThat(stored.get(0).senderProfileUrl()).isEqualTo("https://www.instagram.com/ada");
        assertThat(stored.get(1).parentId()).isEqualTo("17900000000000001");
        assertThat(stored.get(1).kind()).isEqualTo(ItemKind.PAGE_REPLY);
        assertThat(stored.get(1).postId()).isEqualTo("18000000000000001");
    }

    @Test
    void thePagesOwnPostsGoToThePostSinkOnceUntilTheyChangeAndVisitorsPostsDoNot() throws Exception {
        String feed = "{\"data\":[{\"id\":\"" + PAGE + "_1\",\"created_time\":\"2026-12-02T10:00:00+0000\","
                + "\"updated_time\":\"2026-12-02T10:00:00+0000\",\"message\":\"Åbent hus\",\"from\":{\"id\":\""
                + PAGE + "\",\"name\":\"Kommunen\"},\"permalink_url\":\"https://www.facebook.com/" + PAGE + "_1\"},"
                + "{\"id\":\"" + PAGE + "_2\",\"created_time\":\"2026-12-02T09:00:00+0000\","
                + "\"updated_time\":\"2026-12-02T09:00:00+0000\",\"message\":\"Borgerens opslag\","
                + "\"from\":{\"id\":\"42\",\"name\":\"Ada\"}}]}";
        List<org.tingvakt.moderation.intake.webhook.PostItem> posts = new ArrayList<>();
        Script s = new Script()
                .ok(feed, 1)
                .ok(comments(null), 1)
                .ok(comments(null), 1)
                .ok(feed, 1);

        walker(s).walk(Platform.FACEBOOK, PAGE, SINCE, stored::addAll, posts::addAll);
        walker(s).walk(Platform.FACEBOOK, PAGE, SINCE, stored::addAll, posts::addAll);

        assertThat(posts).hasSize(1); // the second walk saw nothing new: no post handed on again
        assertThat(posts.get(0).postId()).isEqualTo(PAGE + "_1");
        assertThat(posts.get(0).text()).isEqualTo("Åbent hus");
        assertThat(posts.get(0).permalink()).isEqualTo("https://www.facebook.com/" + PAGE + "_1");
        assertThat(posts.get(0).createdAt()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));

        // Instagram: every media of the account is its own; the caption is the text.
        String ig = "17841400000000001";
        List<org.tingvakt.moderation.intake.webhook.PostItem> media = new ArrayList<>();
        Script i = new Script()
                .ok(
                        "{\"data\":[{\"id\":\"18000000000000009\",\"timestamp\":\"2026-12-02T10:00:00+0000\","
                                + "\"comments_count\":0,\"caption\":\"Sommerfest\",\"permalink\":"
                                + "\"https://www.instagram.com/p/abc/\"}]}",
                        1)
                .ok("{\"data\":[]}", 1);
        walker(i).walk(Platform.INSTAGRAM, ig, SINCE, stored::addAll, media::addAll);
        assertThat(media)
                .extracting(org.tingvakt.moderation.intake.webhook.PostItem::text)
                .containsExactly("Sommerfest");
        assertThat(media.get(0).permalink()).isEqualTo("https://www.instagram.com/p/abc/");
    }
}
