package org.tingvakt.moderation.intake.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.tingvakt.contracts.CommentReceived.ItemKind;
import org.tingvakt.contracts.Platform;
import org.tingvakt.moderation.intake.webhook.PlatformItem;
import org.tingvakt.moderation.intake.webhook.PostItem;

/**
 * Reads one account's recent comments through the Graph API, as webhooks would have reported them. Facebook: the page's
 * feed ({@code GET /{page-id}/feed}, posts created within the window) and, for each post whose {@code updated_time}
 * moved since the last walk (Meta moves it when someone comments), every comment and reply
 * ({@code GET /{post-id}/comments?filter=stream}). Instagram: the account's media ({@code GET /{ig-user-id}/media}) and,
 * for each media whose {@code comments_count} changed, its comments with their replies. Every list is followed through
 * its cursors. What a post last looked like is remembered ({@code seen}), so a quiet page costs one feed read a cycle.
 * The same feed and media reads give the account's own posts (a feed item whose {@code from} is the page, every media of
 * the Instagram account): those new or changed since the last walk go to the post sink, as thread roots, before their
 * comments.
 * Not thread-safe: one walk per account at a time.
 */
public final class CommentWalker {
    private static final Logger LOG = Logger.getLogger(CommentWalker.class);
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");
    private static final int MAX_TEXT = 20_000;
    private static final int MAX_PAGES = 1_000;
    static final String FB_FEED_FIELDS = "id,created_time,updated_time,message,from{id,name},permalink_url";
    static final String IG_MEDIA_FIELDS = "id,timestamp,comments_count,caption,permalink";
    static final String FB_COMMENT_FIELDS = "id,message,created_time,from{id,name},parent{id},attachment{url}";
    static final String IG_COMMENT_FIELDS =
            "id,text,timestamp,username,from{id,username}," + "replies{id,text,timestamp,username,from{id,username}}";

    /** Sleeps for the governor's pauses (tests record them instead). */
    @FunctionalInterface
    public interface Pauser {
        void pause(Duration d) throws InterruptedException;
    }

    /**
     * How a walk went: Graph calls made, comments read, whether it stopped early (rate limit near or reached, a read
     * failed) and until when the account should rest (a rate limit's {@code retryAfter}).
     */
    public record Walk(
            int calls,
            int commentsRead,
            boolean complete,
            Optional<String> stoppedBecause,
            Optional<Instant> restUntil) {}

    private final PlatformReads reads;
    private final UsageGovernor governor;
    private final Pauser pauser;
    private final int pageSize;
    /** Post or media id → its last {@code updated_time} or {@code comments_count}, once all its comments were read. */
    private final Map<String, String> seen;

    public CommentWalker(
            PlatformReads reads, UsageGovernor governor, Pauser pauser, int pageSize, Map<String, String> seen) {
        this.reads = reads;
        this.governor = governor;
        this.pauser = pauser;
        this.pageSize = pageSize;
        this.seen = seen;
    }

    /** Walks the account's posts created since {@code since}; hands each page of comments to {@code sink}. */
    public Walk walk(Platform platform, String accountId, Instant since, Consumer<List<PlatformItem>> sink) {
        return walk(platform, accountId, since, sink, posts -> {});
    }

    /** As {@link #walk(Platform, String, Instant, Consumer)}, handing the account's own posts to {@code postSink}. */
    public Walk walk(
            Platform platform,
            String accountId,
            Instant since,
            Consumer<List<PlatformItem>> sink,
            Consumer<List<PostItem>> postSink) {
        Run run = new Run(platform, accountId, sink);
        try {
            Map<String, String> posts = run.posts(since);
            List<PostItem> changed = run.own.stream()
                    .filter(p -> !posts.getOrDefault(p.postId(), "").equals(seen.get(platform + ":" + p.postId())))
                    .toList();
            if (!changed.isEmpty()) {
                postSink.accept(changed);
            }
            for (Map.Entry<String, String> post : posts.entrySet()) {
                String key = platform + ":" + post.getKey();
                if (post.getValue().equals(seen.get(key))) {
                    continue;
                }
                run.comments(post.getKey());
                seen.put(key, post.getValue());
            }
            return new Walk(run.calls, run.read, true, Optional.empty(), Optional.empty());
        } catch (Stopped s) {
            return new Walk(run.calls, run.read, false, Optional.of(s.getMessage()), s.restUntil);
        }
    }

    private static final class Stopped extends Exception {
        final Optional<Instant> restUntil;

        Stopped(String why, Optional<Instant> restUntil) {
            super(why, null, false, false);
            this.restUntil = restUntil;
        }
    }

    private final class Run {
        final Platform platform;
        final String accountId;
        final Consumer<List<PlatformItem>> sink;
        int calls;
        int read;
        /** The account's own posts among those read. */
        final List<PostItem> own = new ArrayList<>();

        Run(Platform platform, String accountId, Consumer<List<PlatformItem>> sink) {
            this.platform = platform;
            this.accountId = accountId;
            this.sink = sink;
        }

        /** Post id → what shows new activity (Facebook: updated_time; Instagram: comments_count), newest first. */
        Map<String, String> posts(Instant since) throws Stopped {
            Map<String, String> posts = new LinkedHashMap<>();
            boolean instagram = platform == Platform.INSTAGRAM;
            Map<String, String> params = new LinkedHashMap<>();
            params.put("fields", instagram ? IG_MEDIA_FIELDS : FB_FEED_FIELDS);
            params.put("since", Long.toString(since.getEpochSecond()));
            params.put("limit", Integer.toString(pageSize));
            for (int page = 0; page < MAX_PAGES; page++) {
                JsonNode body = get(accountId, instagram ? "media" : "feed", params);
                boolean older = false;
                for (JsonNode p : body.path("data")) {
                    String id = p.path("id").asText(null);
                    Optional<Instant> created = time(
                            p.path(instagram ? "timestamp" : "created_time").asText(null));
                    if (id == null) {
                        continue;
                    }
                    if (created.isPresent() && created.get().isBefore(since)) {
                        older = true; // newest first: the rest are older still
                        break;
                    }
                    ownPost(p, id, created);
                    posts.put(
                            id,
                            instagram
                                    ? p.path("comments_count").asText("")
                                    : p.path("updated_time").asText(""));
                }
                Optional<String> after = next(body);
                if (older || after.isEmpty()) {
                    break;
                }
                params.put("after", after.get());
            }
            return posts;
        }

        /** Every Instagram media is the account's; on a page's feed, only the items the page posted. */
        private void ownPost(JsonNode p, String id, Optional<Instant> created) {
            boolean instagram = platform == Platform.INSTAGRAM;
            if (!instagram && !accountId.equals(p.path("from").path("id").asText(null))) {
                return;
            }
            String link = p.path(instagram ? "permalink" : "permalink_url").asText(null);
            own.add(new PostItem(
                    platform,
                    accountId,
                    id,
                    cut(p.path(instagram ? "caption" : "message").asText("")),
                    link != null && link.startsWith("https://") ? link : null,
                    created.orElse(Instant.now())));
        }

        void comments(String postId) throws Stopped {
            boolean instagram = platform == Platform.INSTAGRAM;
            Map<String, String> params = new LinkedHashMap<>();
            if (!instagram) {
                params.put("filter", "stream"); // every comment and reply, flat, each reply naming its parent
                params.put("order", "chronological");
            }
            params.put("fields", instagram ? IG_COMMENT_FIELDS : FB_COMMENT_FIELDS);
            params.put("limit", Integer.toString(pageSize));
            for (int page = 0; page < MAX_PAGES; page++) {
                JsonNode body = get(postId, "comments", params);
                List<PlatformItem> items = new ArrayList<>();
                for (JsonNode c : body.path("data")) {
                    if (instagram) {
                        add(items, instagramItem(postId, c, null));
                        for (JsonNode r : c.path("replies").path("data")) {
                            add(items, instagramItem(postId, r, c.path("id").asText(null)));
                        }
                    } else {
                        add(items, facebookItem(postId, c));
                    }
                }
                read += items.size();
                if (!items.isEmpty()) {
                    sink.accept(items);
                }
                Optional<String> after = next(body);
                if (after.isEmpty()) {
                    return;
                }
                params.put("after", after.get());
            }
        }

        private void add(List<PlatformItem> items, PlatformItem item) {
            if (item != null) {
                items.add(item);
            }
        }

        private JsonNode get(String objectId, String edge, Map<String, String> params) throws Stopped {
            if (stopBeforeNext.isPresent()) {
                throw new Stopped(stopBeforeNext.get(), Optional.empty());
            }
            calls++;
            PlatformReads.Read r = reads.get(platform, accountId, objectId, edge, params);
            if (r.body().isEmpty()) {
                String why = r.failure().orElse("read failed");
                LOG.debugf("reconciliation of %s %s: %s/%s failed: %s", platform, accountId, objectId, edge, why);
                throw new Stopped(
                        (r.rateLimited() ? "rate limited: " : "read failed: ") + why,
                        r.retryAfter().map(d -> Instant.now().plus(d)));
            }
            UsageGovernor.Decision d = governor.after(r.usagePercent());
            if (d instanceof UsageGovernor.Decision.Stop) {
                // What this read gave is still used; no further read this cycle, the next goes on from there.
                stopBeforeNext = Optional.of("usage at " + r.usagePercent() + "% of Meta's rate limit");
            } else if (d instanceof UsageGovernor.Decision.Pause p) {
                try {
                    pauser.pause(p.duration());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Stopped("interrupted", Optional.empty());
                }
            }
            return r.body().get();
        }

        private Optional<String> stopBeforeNext = Optional.empty();

        private PlatformItem facebookItem(String postId, JsonNode c) {
            String id = c.path("id").asText(null);
            if (id == null) {
                return null;
            }
            String senderId = c.path("from").path("id").asText(null);
            String senderName = c.path("from").path("name").asText(null);
            String parentId = c.path("parent").path("id").asText(null);
            if (postId.equals(parentId)) {
                parentId = null;
            }
            ItemKind kind = accountId.equals(senderId) ? ItemKind.PAGE_REPLY : ItemKind.COMMENT;
            List<String> attachments = new ArrayList<>();
            String url = c.path("attachment").path("url").asText(null);
            if (url != null) {
                attachments.add(url);
            }
            return new PlatformItem(
                    Platform.FACEBOOK,
                    accountId,
                    PlatformItem.Verb.ADD,
                    kind,
                    id,
                    postId,
                    parentId,
                    senderId,
                    senderName,
                    senderId == null ? null : "https://www.facebook.com/" + senderId,
                    cut(c.path("message").asText("")),
                    "https://www.facebook.com/" + id,
                    attachments,
                    time(c.path("created_time").asText(null)).orElse(Instant.now()));
        }

        private PlatformItem instagramItem(String mediaId, JsonNode c, String parentId) {
            String id = c.path("id").asText(null);
            if (id == null) {
                return null;
            }
            String senderId = c.path("from").path("id").asText(null);
            String username =
                    c.path("from").path("username").asText(c.path("username").asText(null));
            ItemKind kind = accountId.equals(senderId) ? ItemKind.PAGE_REPLY : ItemKind.COMMENT;
            return new PlatformItem(
                    Platform.INSTAGRAM,
                    accountId,
                    PlatformItem.Verb.ADD,
                    kind,
                    id,
                    mediaId,
                    parentId,
                    senderId,
                    username,
                    username == null ? null : "https://www.instagram.com/" + username,
                    cut(c.path("text").asText("")),
                    null,
                    List.of(),
                    time(c.path("timestamp").asText(null)).orElse(Instant.now()));
        }
    }

    /** The cursor of the next page, when Meta says there is one ({@code paging.next}). */
    private static Optional<String> next(JsonNode body) {
        JsonNode paging = body.path("paging");
        String after = paging.path("cursors").path("after").asText(null);
        return paging.hasNonNull("next") && after != null ? Optional.of(after) : Optional.empty();
    }

    private static String cut(String text) {
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    }

    static Optional<Instant> time(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        for (DateTimeFormatter f : new DateTimeFormatter[] {GRAPH_TIME, DateTimeFormatter.ISO_OFFSET_DATE_TIME}) {
            try {
                return Optional.of(OffsetDateTime.parse(value, f).toInstant());
            } catch (DateTimeParseException e) {
                // the next form
            }
        }
        return Optional.empty();
    }
}
