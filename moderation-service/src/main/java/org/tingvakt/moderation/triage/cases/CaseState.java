package org.tingvakt.moderation.triage.cases;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of a moderation case. Every change goes through {@link #canMoveTo(CaseState)}: deletion is reachable only
 * through ARCHIVING and ARCHIVED, so nothing is deleted without evidence. REJECTED: the archive did not confirm the
 * evidence after every attempt (docs/resilience.md); the comment stays hidden and a moderator decides again (late
 * authentic evidence still completes the deletion).
 */
public enum CaseState {
    RECEIVED,
    CLASSIFIED,
    APPROVED,
    HIDDEN,
    PENDING_REVIEW,
    ARCHIVING,
    ARCHIVED,
    DELETED,
    REPLIED,
    REJECTED;

    private static final Map<CaseState, Set<CaseState>> NEXT = Map.of(
            RECEIVED, EnumSet.of(CLASSIFIED),
            CLASSIFIED, EnumSet.of(APPROVED, HIDDEN, PENDING_REVIEW, ARCHIVING, REPLIED),
            PENDING_REVIEW, EnumSet.of(APPROVED, HIDDEN, ARCHIVING, REPLIED, CLASSIFIED),
            APPROVED, EnumSet.of(HIDDEN, ARCHIVING, REPLIED, CLASSIFIED),
            HIDDEN, EnumSet.of(APPROVED, ARCHIVING, CLASSIFIED),
            REPLIED, EnumSet.of(HIDDEN, ARCHIVING, APPROVED, CLASSIFIED),
            ARCHIVING, EnumSet.of(ARCHIVED, REJECTED),
            REJECTED, EnumSet.of(ARCHIVING, ARCHIVED, APPROVED, HIDDEN, CLASSIFIED),
            ARCHIVED, EnumSet.of(DELETED),
            DELETED, EnumSet.noneOf(CaseState.class));

    public boolean canMoveTo(CaseState next) {
        return NEXT.get(this).contains(next);
    }
}
