package org.tingvakt.moderation.stats;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Figures for the public transparency report: removals per reason and response times, per account, over the comments
 * received in a period. Computed in PostgreSQL (percentile_cont), so nothing is loaded into memory.
 */
@ApplicationScoped
public class ModerationStatistics {
    /** Removed = hidden, on its way to deletion, or deleted; the reason is the moderator's, else the deciding label. */
    static final String REMOVED = "('HIDDEN', 'ARCHIVING', 'ARCHIVED', 'DELETED')";

    /** Removals of one account for one reason. */
    public record Removals(UUID accountId, String accountName, String reason, long hidden, long deleted, long total) {
    }

    /** How fast an account's moderators first acted on a comment: median and 90th percentile, in seconds. */
    public record ResponseTimes(UUID accountId, String accountName, long responded, double medianSeconds,
                                double p90Seconds) {
    }

    private final EntityManager em;

    public ModerationStatistics(EntityManager em) {
        this.em = em;
    }

    @SuppressWarnings("unchecked")
    public List<Removals> removals(Instant from, Instant to) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT a.id, a.name, coalesce(c.decision_reason, c.labels[1], 'UNSPECIFIED') AS reason,
                       count(*) FILTER (WHERE c.state <> 'DELETED'), count(*) FILTER (WHERE c.state = 'DELETED'), count(*)
                FROM moderation_case c JOIN account a ON a.id = c.account_id
                WHERE c.state IN %s AND c.received_at >= :from AND c.received_at < :to
                GROUP BY a.id, a.name, reason
                ORDER BY a.name, count(*) DESC, reason""".formatted(REMOVED))
                .setParameter("from", from).setParameter("to", to).getResultList();
        return rows.stream().map(r -> new Removals((UUID) r[0], (String) r[1], (String) r[2], num(r[3]), num(r[4]),
                num(r[5]))).toList();
    }

    @SuppressWarnings("unchecked")
    public List<ResponseTimes> responseTimes(Instant from, Instant to) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT a.id, a.name, count(*),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.first_response_at - c.received_at)),
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM c.first_response_at - c.received_at))
                FROM moderation_case c JOIN account a ON a.id = c.account_id
                WHERE c.first_response_at IS NOT NULL AND c.received_at >= :from AND c.received_at < :to
                GROUP BY a.id, a.name
                ORDER BY a.name""")
                .setParameter("from", from).setParameter("to", to).getResultList();
        return rows.stream().map(r -> new ResponseTimes((UUID) r[0], (String) r[1], num(r[2]),
                ((Number) r[3]).doubleValue(), ((Number) r[4]).doubleValue())).toList();
    }

    private static long num(Object o) {
        return ((Number) o).longValue();
    }
}
