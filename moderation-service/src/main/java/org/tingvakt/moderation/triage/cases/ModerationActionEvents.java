package org.tingvakt.moderation.triage.cases;

import java.time.Instant;
import org.tingvakt.contracts.ModerationAction;
import org.tingvakt.contracts.ModerationActionTaken;

/**
 * Builds every {@code ModerationActionTaken} moderation publishes: a moderator's decision ({@code CaseService}), the
 * platform's confirmation of a delete, hide or unhide ({@code PlatformActionSteps}), and a reply the page wrote on the
 * platform ({@code PageReplies}).
 */
public final class ModerationActionEvents {
    private ModerationActionEvents() {}

    /**
     * What was done to the case's current comment version.
     *
     * @param accountExternalId the page's id on the platform
     * @param actor a moderator's subject, {@code policy} or {@code platform}
     * @param reason a label name or a free category; may be null
     */
    public static ModerationActionTaken of(
            ModerationCase mc,
            String accountExternalId,
            ModerationAction action,
            String actor,
            String reason,
            Instant takenAt) {
        return new ModerationActionTaken(
                mc.id.toString(),
                mc.commentId,
                mc.version,
                mc.platform,
                accountExternalId,
                mc.threadKey,
                action.name(),
                actor,
                reason,
                takenAt);
    }
}
