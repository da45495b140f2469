package org.tingvakt.contracts;

import java.time.Instant;

/**
 * Something was done to a comment: by a moderator, by policy, or on the platform.
 *
 * @param action a {@link ModerationAction} name
 * @param actor who did it: a moderator's subject, {@code policy}, or {@code platform}
 * @param reason the reason category given: a {@link Label} name, or a free category a consumer may not know; may be
 *     null
 */
public record ModerationActionTaken(
        String caseId,
        String commentId,
        int version,
        Platform platform,
        String accountId,
        String threadKey,
        @KnownValues(ModerationAction.class) String action,
        String actor,
        String reason,
        Instant takenAt)
        implements Event {}
