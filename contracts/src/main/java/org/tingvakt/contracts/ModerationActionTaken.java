package org.tingvakt.contracts;

import java.time.Instant;

/**
 * Something was done to a comment: by a moderator, by policy, or on the platform.
 *
 * @param action APPROVED, HIDDEN, UNHIDDEN, DELETED, REPLIED, NO_REPLY_NEEDED, ESCALATED
 * @param actor who did it: a moderator's subject, {@code policy}, or {@code platform}
 * @param reason the reason category given (a label name or free category), may be null
 */
public record ModerationActionTaken(
        String caseId,
        String commentId,
        int version,
        Platform platform,
        String accountId,
        String threadKey,
        String action,
        String actor,
        String reason,
        Instant takenAt)
        implements Event {}
