package org.tingvakt.moderation.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.tingvakt.contracts.CommentReceived.ItemKind;
import org.tingvakt.contracts.Platform;

/**
 * Reads Meta's webhook payload (Graph API "page" object, field {@code feed}) into {@link PlatformItem}s. Changes that are
 * not comments (likes, shares, posts) are counted as skipped, not errors: Meta sends them to every feed subscriber.
 */
public final class MetaWebhookParser {
    /** Texts longer than this are cut: Facebook itself allows 8,000 characters in a comment. */
    static final int MAX_TEXT = 20_000;

    public record Parsed(List<PlatformItem> items, int skipped) {
    }

    public Parsed parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        String object = text(root, "object");
        if (!"page".equals(object)) {
            throw new IllegalArgumentException("unsupported object '" + object + "'; expected 'page'");
        }
        JsonNode entries = root.get("entry");
        if (entries == null || !entries.isArray()) {
            throw new IllegalArgumentException("'entry' must be an array");
        }
        List<PlatformItem> items = new ArrayList<>();
        int skipped = 0;
        for (JsonNode entry : entries) {
            String pageId = text(entry, "id");
            JsonNode changes = entry.get("changes");
            if (pageId == null || changes == null || !changes.isArray()) {
                skipped++;
                continue;
            }
            for (JsonNode change : changes) {
                PlatformItem item = feedComment(pageId, change);
                if (item == null) {
                    skipped++;
                } else {
                    items.add(item);
                }
            }
        }
        return new Parsed(items, skipped);
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
        String message = text(value, "message");
        if (message != null && message.length() > MAX_TEXT) {
            message = message.substring(0, MAX_TEXT);
        }
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
        JsonNode created = value.get("created_time");
        Instant createdAt = created != null && created.canConvertToLong() ? Instant.ofEpochSecond(created.asLong())
                : Instant.now();
        String permalink = "https://www.facebook.com/" + commentId;
        return new PlatformItem(Platform.FACEBOOK, pageId, verb, kind, commentId, postId, parentId, senderId,
                senderName, message == null ? "" : message, permalink, attachments, createdAt);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
