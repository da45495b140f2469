package org.tingvakt.moderation.actions.connector;

import java.util.Map;
import org.tingvakt.contracts.Platform;

/**
 * Acts on a social-media platform on behalf of an account: hides, unhides, deletes and answers comments, and sends direct
 * messages. Every call returns a {@link PlatformResult} instead of throwing, so the caller can store the outcome on the
 * moderation case. Calls block (they retry with backoff): run them on a worker thread, never on an event loop.
 */
public interface PlatformConnector {

    /** Whether this connector can act on that platform; the other calls fail with {@code INVALID} when it cannot. */
    boolean supports(Platform platform);

    /** Hides a comment from everyone but its author and the author's friends (reversible). */
    PlatformResult hide(CommentRef comment);

    /** Makes a hidden comment visible again. */
    PlatformResult unhide(CommentRef comment);

    /**
     * Deletes a comment. A comment that is already gone counts as a success with {@link PlatformResult.Success#alreadyGone()}.
     */
    PlatformResult delete(CommentRef comment);

    /** Answers a comment (a reply in its thread) or a post (a top-level comment); the success carries the new comment id. */
    PlatformResult reply(ReplyTarget target, String text);

    /** Sends a private message to someone who wrote to the page; the success carries the message id. */
    PlatformResult sendDirectMessage(MessageRecipient recipient, String text);

    /**
     * Reads the text, author and time of a comment or caption that mentions the account (Instagram's mentions webhook
     * carries only ids). Repeatable; a connector that cannot read mentions answers {@code INVALID}.
     */
    default MentionFetch fetchMention(MentionRef mention) {
        return MentionFetch.failed(
                PlatformResult.Failure.unsent(FailureCategory.INVALID, "this connector cannot read mentions"));
    }

    /**
     * Reads a Graph object or edge ({@code GET /{objectId}/{edge}?params}) with the account's token: the reconciliation
     * reads pages' feeds, media and comments with it. Platforms without such reads answer {@code INVALID}, unsent.
     */
    default GraphRead read(
            org.tingvakt.contracts.Platform platform,
            String accountId,
            String objectId,
            String edge,
            java.util.Map<String, String> params) {
        return GraphRead.failed(PlatformResult.Failure.unsent(FailureCategory.INVALID, "reads are not supported"));
    }

    /**
     * A Graph call with a token the caller holds instead of the account's stored one: connecting accounts (the
     * system-user token, a page token about to be stored) and checking tokens. {@code method} GET, POST or DELETE;
     * {@code params} go in the query (GET, DELETE) or the form body (POST). Retried like reads (every one of these is
     * repeatable). The default refuses: only a Meta connector can do it.
     */
    default GraphRead callAs(
            PageAccessToken token, String method, String objectId, String edge, Map<String, String> params) {
        return GraphRead.failed(PlatformResult.Failure.unsent(FailureCategory.INVALID, "not supported"));
    }
}
