package org.tingvakt.moderation.actions.connector;

import org.tingvakt.contracts.Platform;

/** What a reply answers: a comment (the reply goes into its thread) or a post (the reply is a top-level comment). */
public sealed interface ReplyTarget permits CommentRef, PostRef {

    Platform platform();

    /** The Tingvakt account whose page token is used. */
    String accountId();

    /** The platform's id of the comment or post. */
    String objectId();
}
