package org.tingvakt.moderation.intake;

import org.tingvakt.contracts.Platform;

/**
 * A mention was stored as an empty placeholder version: Meta sent only its ids, so its text has to be read from the
 * platform before it can be classified. Fired synchronously inside the webhook's transaction, so the read is queued
 * durably with the placeholder; the text comes back through {@link CommentIngestion#mentionFetched}.
 *
 * @param mentionId the mentioning comment's id, or the media's id for a caption mention
 * @param inCaption the account was mentioned in a media's caption (not in a comment)
 */
public record MentionReceived(Platform platform, String accountExternalId, String mentionId, boolean inCaption) {}
