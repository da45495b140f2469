package org.tingvakt.moderation.stats;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.tingvakt.moderation.kernel.RemovalReason;

/**
 * The moderators' statistics: removals per reason and response times (first human action on a case), per account, over
 * the comments received in a period. Computed in PostgreSQL (percentile_cont), so nothing is loaded into memory. The
 * public transparency report shares the removal categories ({@link #REMOVED}, {@link #REASON_CATEGORY}) but measures
 * answers to questions instead (transparency.TransparencyFigures).
 */
@ApplicationScoped
public class ModerationStatistics {
    /** Removed = hidden, on its way to deletion, or deleted; the reason is the moderator's, else the deciding label. */
    public static final String REMOVED = "('HIDDEN', 'ARCHIVING', 'ARCHIVED', 'DELETED')";

    /**
     * SQL for the reason category of a removed case: the moderator's reason, else the first label, as a
     * {@link RemovalReason} name; anything else (free text, which may name people) is OTHER. Built from the enum.
     */
    public static final String REASON_CATEGORY = "CASE WHEN upper(btrim(coalesce(c.decision_reason, c.labels[1])))"
            + " IN ("
            + Arrays.stream(RemovalReason.values())
                    .map(r -> "'" + r.name() + "'")
                    .collect(Collectors.joining(", ")) + ") THEN upper(btrim(coalesce(c.decision_reason, c.labels[1])))"
            + " ELSE 'OTHER' END";

    /** Removals of one account for one reason. */
    public record Removals(
            UUID accountId,
            String externalId,
            String accountName,
            String reason,
            long hidden,
            long deleted,
            long total) {}

    /** Removals of one account for one reason category ({@link RemovalReason}) in one day or week (UTC). */
    public record RemovalsInBucket(
            UUID accountId, String externalId, String accountName, LocalDate bucketStart, String reason, long total) {}

    /** The length of a bucket of {@link #removalsOverTime}. */
    public enum Bucket {
        DAY,
        WEEK;

        String sqlField() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How fast an account's moderators first acted on a comment: median and 90th percentile, in seconds. */
    public record ResponseTimes(
            UUID accountId,
            String externalId,
            String accountName,
            long responded,
            double medianSeconds,
            double p90Seconds) {}

    private final EntityManager em;

    public ModerationStatistics(EntityManager em) {
        this.em = em;
    }

    @SuppressWarnings("unchecked")
    public List<Removals> removals(Instant from, Instant to) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT a.id, a.external_id, a.name, coalesce(c.decision_reason, c.labels[1], 'UNSPECIFIED') AS reason,
                       count(*) FILTER (WHERE c.state <> 'DELETED'), count(*) FILTER (WHERE c.state = 'DELETED'), count(*)
                FROM moderation_case c JOIN account a ON a.id = c.account_id
                WHERE c.state IN %s AND c.received_at >= :from AND c.received_at < :to
                GROUP BY a.id, a.external_id, a.name, reason
                ORDER BY a.name, count(*) DESC, reason""".formatted(REMOVED))
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList();
        return rows.stream()
                .map(r -> new Removals(
                        (UUID) r[0], (String) r[1], (String) r[2], (String) r[3], num(r[4]), num(r[5]), num(r[6])))
                .toList();
    }

    @SuppressWarnings("unchecked")
    public List<ResponseTimes> responseTimes(Instant from, Instant to) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT a.id, a.external_id, a.name, count(*),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.first_response_at - c.received_at)),
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM c.first_response_at - c.received_at))
                FROM moderation_case c JOIN account a ON a.id = c.account_id
                WHERE c.first_response_at IS NOT NULL AND c.received_at >= :from AND c.received_at < :to
                GROUP BY a.id, a.external_id, a.name
                ORDER BY a.name""")
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList();
        return rows.stream()
                .map(r -> new ResponseTimes(
                        (UUID) r[0],
                        (String) r[1],
                        (String) r[2],
                        num(r[3]),
                        ((Number) r[4]).doubleValue(),
                        ((Number) r[5]).doubleValue()))
                .toList();
    }

    /**
     * Removals per account, reason category and day or week (UTC; weeks start on Monday, as date_trunc's ISO weeks),
     * of comments received in [from, to). The reason is the moderator's, else the first label, mapped to a
     * {@link RemovalReason} (a free-text reason becomes OTHER), so a chart has a small, fixed set of series.
     */
    @SuppressWarnings("unchecked")
    public List<RemovalsInBucket> removalsOverTime(Instant from, Instant to, Bucket bucket, Optional<UUID> account) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT a.id, a.external_id, a.name,
                       CAST(date_trunc('%s', c.received_at AT TIME ZONE 'UTC') AS date) AS bucket,
                       %s AS reason, count(*)
                FROM moderation_case c JOIN account a ON a.id = c.account_id
                WHERE c.state IN %s AND c.received_at >= :from AND c.received_at < :to
                  AND (CAST(:account AS uuid) IS NULL OR a.id = CAST(:account AS uuid))
                GROUP BY a.id, a.external_id, a.name, bucket, reason
                ORDER BY bucket, a.name, reason""".formatted(bucket.sqlField(), REASON_CATEGORY, REMOVED))
                .setParameter("from", from)
                .setParameter("to", to)
                .setParameter("account", account.map(UUID::toString).orElse(null))
                .getResultList();
        return rows.stream()
                .map(r -> new RemovalsInBucket(
                        (UUID) r[0], (String) r[1], (String) r[2], day(r[3]), (String) r[4], num(r[5])))
                .toList();
    }

    /** A SQL date as Hibernate hands it over (LocalDate in Hibernate 6, java.sql.Date with older dialects). */
    private static LocalDate day(Object o) {
        return o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
    }

    private static long num(Object o) {
        return ((Number) o).longValue();
    }
}
