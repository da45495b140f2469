package org.tingvakt.moderation.intake.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.tingvakt.contracts.CommentReceived.ItemKind;
import org.tingvakt.contracts.Platform;

/**
 * Reads Meta's webhook payloads into {@link PlatformItem}s:
 * <ul>
 * <li>{@code object: page}, field {@code feed}: Facebook comments added, edited, removed by their author, and the page's
 * own replies (sender = the page);</li>
 * <li>{@code object: instagram}, fields {@code comments} (and {@code live_comments}) and {@code mentions} (a comment
 * or caption that mentions the account; Meta sends only ids, so the item has no text until it is read through the Graph
 * API, see {@code PlatformAction.Operation.FETCH_MENTION});</li>
 * <li>{@code messaging} on either object: Messenger and Instagram direct messages (echoes of our own messages skipped).</li>
 * </ul>
 * The page's own posts (field {@code feed}, items {@code status}, {@code post}, {@code photo}, {@code video} added or
 * edited, sent by the page itself) are read as {@link PostItem}s, the roots of their threads. Other changes (likes,
 * shares, reactions, citizens' posts on the page) are counted as skipped, not errors: Meta sends them to every
 * subscriber of the field.
 */
public final class MetaWebhookParser {
    /** Texts longer than this are cut: Facebook itself allows 8,000 characters in a comment. */
    static final int MAX_TEXT = 20_000;
    /** Direct messages get their own thread per sender: {@code dm-<sender id>} stands in for the post. */
    public static final String DM_THREAD_PREFIX = "dm-";

    /** Comments and messages ({@code items}), the page's own posts ({@code posts}), and changes skipped. */
    public record Parsed(List<PlatformItem> items, List<PostItem> posts, int skipped) {
        public Parsed(List<PlatformItem> items, int skipped) {
            this(items, List.of(), skipped);
        }
    }

    private static final java.util.Set<String> POST_ITEMS = java.util.Set.of("status", "post", "photo", "video");

    public Parsed parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        String object = text(root, "object");
        Platform platform;
        if ("page".equals(object)) {
            platform = Platform.FACEBOOK;
        } else if ("instagram".equals(object)) {
            platform = Platform.INSTAGRAM;
        } else {
            throw new IllegalArgumentException("unsupported object '" + object + "'; expected 'page' or 'instagram'");
        }
        JsonNode entries = root.get("entry");
        if (entries == null || !entries.isArray()) {
            throw new IllegalArgumentException("'entry' must be an array");
        }
        List<PlatformItem> items = new ArrayList<>();
        List<PostItem> posts = new ArrayList<>();
        int skipped = 0;
        for (JsonNode entry : entries) {
            String accountId = text(entry, "id");
            JsonNode changes = entry.get("changes");
            JsonNode messaging = entry.get("messaging");
            boolean hasChanges = changes != null && changes.isArray();
            boolean hasMessages = messaging != null && messaging.isArray();
            if (accountId == null || !(hasChanges || hasMessages)) {
                skipped++;
                continue;
            }
            if (hasChanges) {
                for (JsonNode change : changes) {
                    PostItem post = platform == Platform.FACEBOOK ? pagePost(accountId, change) : null;
                    if (post != null) {
                        posts.add(post);
                        continue;
                    }
                    PlatformItem item = platform == Platform.FACEBOOK
                            ? feedComment(accountId, change)
                            : instagramChange(accountId, change);
                    if (item == null) {
                        skipped++;
                    } else {
                        items.add(item);
                    }
                }
            }
            if (hasMessages) {
                for (JsonNode message : messaging) {
                    PlatformItem item = directMessage(platform, accountId, message);
                    if (item == null) {
                        skipped++;
                    } else {
                        items.add(item);
                    }
                }
            }
        }
        return new Parsed(items, posts, skipped);
    }

    /** The page's own post, added or edited; null for anything else (a citizen's post on the page is not one). */
    private static PostItem pagePost(String pageId, JsonNode change) {
        JsonNode value = change.get("value");
        if (!"feed".equals(text(change, "field")) || value == null || !POST_ITEMS.contains(text(value, "item"))) {
            return null;
        }
        String verb = text(value, "verb");
        String postId = text(value, "post_id");
        JsonNode from = value.get("from");
        String senderId = from == null ? null : text(from, "id");
        if (!("add".equals(verb) || "edited".equals(verb)) || postId == null || !pageId.equals(senderId)) {
            return null;
        }
        return new PostItem(
                Platform.FACEBOOK,
                pageId,
                postId,
                cut(text(value, "message")),
                "https://www.facebook.com/" + postId,
                epochSeconds(value.get("created_time")));
    }

    private static PlatformItem feedComment(String pageId, JsonNode change) {
        JsonNode value = change.get("value");
        if (!"feed".equals(text(change, "field")) || value == null || !"comment".equals(text(value, "item"))) {
            return null;
        }
        PlatformItem.Verb verb = switch (String.valueOf(text(value, "verb"))) {
            case "add" -> PlatformItem.Verb.ADD;
            case "edited" -> PlatformItem.Verb.EDIT;
            case "remove" -> PlatformItem.Verb.REMOVE;
            default -> null;
        };
        String commentId = text(value, "comment_id");
        String postId = text(value, "post_id");
        if (verb == null || commentId == null || postId == null) {
            return null;
        }
        JsonNode from = value.get("from");
        String senderId = from == null ? null : text(from, "id");
        String senderName = from == null ? null : text(from, "name");
        String parentId = text(value, "parent_id");
        if (postId.equals(parentId)) {
            parentId = null; // Meta gives the post as parent of a top-level comment
        }
        ItemKind kind = pageId.equals(senderId) ? ItemKind.PAGE_REPLY : ItemKind.COMMENT;
        List<String> attachments = new ArrayList<>();
        String photo = text(value, "photo");
        if (photo != null) {
            attachments.add(photo);
        }
        String video = text(value, "video");
        if (video != null) {
            attachments.add(video);
        }
        String permalink = "https://www.facebook.com/" + commentId;
        return new PlatformItem(
                Platform.FACEBOOK,
                pageId,
                verb,
                kind,
                commentId,
                postId,
                parentId,
                senderId,
                senderName,
                profileUrl(Platform.FACEBOOK, senderId, null),
                cut(text(value, "message")),
                permalink,
                attachments,
                epochSeconds(value.get("created_time")));
    }

    private static PlatformItem instagramChange(String igAccountId, JsonNode change) {
        String field = text(change, "field");
        JsonNode value = change.get("value");
        if (value == null || field == null) {
            return null;
        }
        if (field.equals("comments") || field.equals("live_comments")) {
            String commentId = text(value, "id");
            JsonNode media = value.get("media");
            String mediaId = media == null ? null : text(media, "id");
            if (commentId == null || mediaId == null) {
                return null;
            }
            JsonNode from = value.get("from");
            String senderId = from == null ? null : text(from, "id");
            String username = from == null ? null : text(from, "username");
            ItemKind kind = igAccountId.equals(senderId) ? ItemKind.PAGE_REPLY : ItemKind.COMMENT;
            return new PlatformItem(
                    Platform.INSTAGRAM,
                    igAccountId,
                    PlatformItem.Verb.ADD,
                    kind,
                    commentId,
                    mediaId,
                    text(value, "parent_id"),
                    senderId,
                    username,
                    profileUrl(Platform.INSTAGRAM, senderId, username),
                    cut(text(value, "text")),
                    null,
                    List.of(),
                    Instant.now());
        }
        if (field.equals("mentions")) {
            // A comment that mentions the account: media_id and comment_id; a caption that does: media_id only (the
            // media is then the item, its id the comment id). The text is read through the Graph API before
            // classification.
            String commentId = text(value, "comment_id");
            String mediaId = text(value, "media_id");
            if (mediaId == null) {
                return null;
            }
            return new PlatformItem(
                    Platform.INSTAGRAM,
                    igAccountId,
                    PlatformItem.Verb.ADD,
                    ItemKind.MENTION,
                    commentId == null ? mediaId : commentId,
                    mediaId,
                    null,
                    null,
                    null,
                    null,
                    "",
                    null,
                    List.of(),
                    Instant.now());
        }
        return null;
    }

    private static PlatformItem directMessage(Platform platform, String accountId, JsonNode event) {
        JsonNode message = event.get("message");
        JsonNode sender = event.get("sender");
        if (message == null || !message.isObject() || sender == null) {
            return null; // reads, deliveries, reactions, postbacks
        }
        if (message.path("is_echo").asBoolean(false)) {
            return null; // our own message, echoed back
        }
        String senderId = text(sender, "id");
        String mid = text(message, "mid");
        if (senderId == null || mid == null || senderId.equals(accountId)) {
            return null;
        }
        List<String> attachments = new ArrayList<>();
        JsonNode atts = message.get("attachments");
        if (atts != null && atts.isArray()) {
            for (JsonNode a : atts) {
                String url = a.path("payload").path("url").asText(null);
                if (url != null) {
                    attachments.add(url);
                }
            }
        }
        JsonNode ts = event.get("timestamp");
        Instant at = ts != null && ts.canConvertToLong() ? Instant.ofEpochMilli(ts.asLong()) : Instant.now();
        return new PlatformItem(
                platform,
                accountId,
                PlatformItem.Verb.ADD,
                ItemKind.DIRECT_MESSAGE,
                mid,
                DM_THREAD_PREFIX + senderId,
                null,
                senderId,
                null,
                null,
                cut(text(message, "text")),
                null,
                attachments,
                at);
    }

    private static String profileUrl(Platform platform, String senderId, String username) {
        if (platform == Platform.INSTAGRAM) {
            return username == null ? null : "https://www.instagram.com/" + username;
        }
        return senderId == null ? null : "https://www.facebook.com/" + senderId;
    }

    private static Instant epochSeconds(JsonNode created) {
        return created != null && created.canConvertToLong() ? Instant.ofEpochSecond(created.asLong()) : Instant.now();
    }

    private static String cut(String message) {
        if (message == null) {
            return "";
        }
        return message.length() > MAX_TEXT ? message.substring(0, MAX_TEXT) : message;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : storable(v.asText());
    }

    /**
     * The text as PostgreSQL can store it: JSON may carry {@code \u0000}, which neither {@code text} nor {@code jsonb}
     * accepts, so a comment holding one would fail its transaction with a 500 and be redelivered by Meta for ever. It
     * is kept visible as U+FFFD (the replacement character), the rest of the text untouched.
     */
    public static String storable(String s) {
        return s == null || s.indexOf('\u0000') < 0 ? s : s.replace('\u0000', '\uFFFD');
    }
}
