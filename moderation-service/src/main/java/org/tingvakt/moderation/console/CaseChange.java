package org.tingvakt.moderation.console;

import java.time.Instant;

/**
 * One change to a case, as the console's live queue hears of it: ids and what happened, never text or sender.
 *
 * @param type CLASSIFIED (a new or re-classified case), an action of {@code moderation.actions} (APPROVED, HIDDEN,
 *             UNHIDDEN, DELETED, REPLIED, ESCALATED, ...), ARCHIVING (evidence requested before deletion), or the
 *             stream's own READY (sent first) and HEARTBEAT (every 15 s, so a dead connection is noticed)
 * @param action for CLASSIFIED: the policy's action (REVIEW, HIDE, ...)
 */
public record CaseChange(String type, String caseId, String accountId, String action, Instant at) {
    static CaseChange ready() {
        return new CaseChange("READY", null, null, null, Instant.now());
    }

    static CaseChange heartbeat() {
        return new CaseChange("HEARTBEAT", null, null, null, Instant.now());
    }
}
