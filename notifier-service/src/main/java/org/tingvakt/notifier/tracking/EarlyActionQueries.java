package org.tingvakt.notifier.tracking;

import java.time.Instant;
import java.util.Optional;

/**
 * The deadline tracker's native SQL, in the caller's transaction: the per-case advisory lock and the
 * {@code early_case_action} table (a closing action that came before its case's deadline), which has no entity.
 */
final class EarlyActionQueries {
    private EarlyActionQueries() {}

    /**
     * Serialises open() and close() of one case across transactions and instances (a transaction-scoped advisory lock
     * on the case id's hash; a collision only serialises two unrelated cases). Without it a REPLIED and its
     * CommentClassified committed at the same instant could each miss the other's row.
     */
    static void lockCase(String caseId) {
        ReplyDeadline.getEntityManager()
                .createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(?1, 7))) AS locked")
                .setParameter(1, caseId)
                .getSingleResult();
    }

    record EarlyAction(String action, Instant takenAt) {}

    /** Keeps the earliest closing action of a case that has no deadline (yet). */
    static void rememberEarlyAction(String caseId, String action, Instant at) {
        ReplyDeadline.getEntityManager()
                .createNativeQuery("INSERT INTO early_case_action (case_id, action, taken_at) "
                        + "VALUES (?1, ?2, ?3) ON CONFLICT (case_id) DO UPDATE SET action = excluded.action, "
                        + "taken_at = excluded.taken_at WHERE excluded.taken_at < early_case_action.taken_at")
                .setParameter(1, caseId)
                .setParameter(2, action)
                .setParameter(3, at)
                .executeUpdate();
    }

    /** The kept closing action of a case, removed as it is applied. */
    static Optional<EarlyAction> takeEarlyAction(String caseId) {
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> rows = ReplyDeadline.getEntityManager()
                .createNativeQuery("SELECT action, taken_at FROM early_case_action WHERE case_id = ?1")
                .setParameter(1, caseId)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        // under the case's lock (lockCase): nothing else reads or writes this row meanwhile
        ReplyDeadline.getEntityManager()
                .createNativeQuery("DELETE FROM early_case_action WHERE case_id = ?1")
                .setParameter(1, caseId)
                .executeUpdate();
        Object t = rows.get(0)[1];
        Instant at = t instanceof Instant i
                ? i
                : t instanceof java.time.OffsetDateTime o ? o.toInstant() : ((java.sql.Timestamp) t).toInstant();
        return Optional.of(new EarlyAction((String) rows.get(0)[0], at));
    }

    /** Forgets the kept actions recorded before {@code cutoff}. */
    static void forgetBefore(Instant cutoff) {
        ReplyDeadline.getEntityManager()
                .createNativeQuery("DELETE FROM early_case_action WHERE recorded_at < ?1")
                .setParameter(1, cutoff)
                .executeUpdate();
    }
}
