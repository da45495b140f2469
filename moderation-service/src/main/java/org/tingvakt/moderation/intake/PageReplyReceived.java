package org.tingvakt.moderation.intake;

import java.time.Instant;
import org.tingvakt.contracts.Platform;

/**
 * The page answered a comment on the platform itself (not through Tingvakt), and the reply was stored. Fired
 * synchronously inside the webhook's transaction: triage marks the answered comment's case replied in that transaction.
 *
 * @param parentId the comment the page answered
 * @param createdAt when the page wrote its reply
 */
public record PageReplyReceived(Platform platform, String parentId, String accountExternalId, Instant createdAt) {}
