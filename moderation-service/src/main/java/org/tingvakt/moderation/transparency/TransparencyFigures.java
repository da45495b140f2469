package org.tingvakt.moderation.transparency;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tingvakt.moderation.kernel.RemovalReason;
import org.tingvakt.moderation.stats.ModerationStatistics;

/**
 * Computes the public transparency report in PostgreSQL (two grouped queries, percentiles by percentile_cont), applies
 * the small-count rule ({@link SmallCounts}, {@code tingvakt.transparency.min-count}) and keeps
 * each period's answer for {@code tingvakt.transparency.cache-ttl}, so that a public page cannot make the database
 * aggregate on every request.
 */
@ApplicationScoped
public class TransparencyFigures {
    private static final List<String> REASONS =
            Arrays.stream(RemovalReason.values()).map(Enum::name).toList();

    private final EntityManager em;
    private final Clock clock;
    private final int minCount;
    private final Cache<Period, TransparencyReport> cache;

    @Inject
    public TransparencyFigures(
            EntityManager em,
            @ConfigProperty(name = "tingvakt.transparency.cache-ttl", defaultValue = "PT5M") Duration ttl,
            @ConfigProperty(name = "tingvakt.transparency.min-count", defaultValue = "5") int minCount) {
        this(em, Clock.systemUTC(), ttl, minCount);
    }

    TransparencyFigures(EntityManager em, Clock clock, Duration ttl, int minCount) {
        if (minCount < 1) {
            throw new IllegalArgumentException("tingvakt.transparency.min-count must be at least 1");
        }
        this.em = em;
        this.clock = clock;
        this.minCount = minCount;
        this.cache =
                Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(256).build();
    }

    /** Days (UTC) from {@code from} to {@code to}, both inclusive. */
    public record Period(LocalDate from, LocalDate to) {
        Instant start() {
            return from.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        Instant end() {
            return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    public TransparencyReport report(Period period) {
        return cache.get(period, this::compute);
    }

    private TransparencyReport compute(Period period) {
        Map<UUID, Builder> accounts = new LinkedHashMap<>();
        for (Object[] r : removals(period)) {
            Builder b = accounts.computeIfAbsent((UUID) r[0], id -> new Builder((String) r[1], (String) r[2]));
            long hidden = num(r[4]);
            long deleted = num(r[5]);
            b.byReason.merge((String) r[3], hidden + deleted, Long::sum);
            b.hidden += hidden;
            b.deleted += deleted;
        }
        SmallCounts.Answers all = new SmallCounts.Answers(0, 0, null, null);
        for (Object[] r : answers(period)) {
            SmallCounts.Answers a = new SmallCounts.Answers(num(r[3]), num(r[4]), dbl(r[5]), dbl(r[6]));
            if (r[0] == null) {
                all = a;
            } else {
                accounts.computeIfAbsent((UUID) r[0], id -> new Builder((String) r[1], (String) r[2])).answers = a;
            }
        }
        List<SmallCounts.Counted> counted = accounts.values().stream()
                .sorted(Comparator.comparing((Builder b) -> b.name).thenComparing(b -> b.platform))
                .map(Builder::counted)
                .toList();
        SmallCounts.Published published = SmallCounts.publish(REASONS, counted, all, minCount);
        return new TransparencyReport(
                period.from(),
                period.to(),
                clock.instant(),
                minCount,
                REASONS,
                published.accounts(),
                published.totals());
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> removals(Period p) {
        return em.createNativeQuery("""
                SELECT a.id, a.name, a.platform, %s AS reason,
                       count(*) FILTER (WHERE c.state <> 'DELETED'), count(*) FILTER (WHERE c.state = 'DELETED')
                FROM moderation_case c JOIN account a ON a.id = c.account_id
                WHERE c.state IN %s AND c.received_at >= :from AND c.received_at < :to
                GROUP BY a.id, a.name, a.platform, reason""".formatted(ModerationStatistics.REASON_CATEGORY, ModerationStatistics.REMOVED))
                .setParameter("from", p.start())
                .setParameter("to", p.end())
                .getResultList();
    }

    /**
     * Questions received in the period and their first confirmed reply, per account and over all (the row whose account
     * is null): the page's own reply as the platform reports it (a {@code PAGE_REPLY} comment version whose parent is
     * the question, the link {@code PageReplies} uses; its creation time on the platform), or Tingvakt's reply that the
     * platform accepted ({@code REPLY} action DONE with result SUCCESS; when it was done). A reply the platform refused
     * or that failed is no answer. A reply stamped before the question's arrival (clocks, or a late webhook) counts 0 s.
     */
    @SuppressWarnings("unchecked")
    private List<Object[]> answers(Period p) {
        return em.createNativeQuery("""
                WITH q AS (
                    SELECT c.account_id, c.received_at, least(
                        (SELECT min(r.created_at) FROM comment_version r
                         WHERE r.kind = 'PAGE_REPLY' AND r.platform = c.platform AND r.parent_id = c.comment_id),
                        (SELECT min(pa.updated_at) FROM platform_action pa
                         WHERE pa.case_id = c.id AND pa.operation = 'REPLY' AND pa.state = 'DONE'
                           AND pa.result_category = 'SUCCESS')) AS answered_at
                    FROM moderation_case c
                    WHERE 'QUESTION' = ANY (c.intents) AND c.received_at >= :from AND c.received_at < :to)
                SELECT a.id, a.name, a.platform, count(*), count(q.answered_at),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(0, extract(epoch FROM q.answered_at - q.received_at)))
                           FILTER (WHERE q.answered_at IS NOT NULL),
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY greatest(0, extract(epoch FROM q.answered_at - q.received_at)))
                           FILTER (WHERE q.answered_at IS NOT NULL)
                FROM q JOIN account a ON a.id = q.account_id
                GROUP BY GROUPING SETS ((a.id, a.name, a.platform), ())""")
                .setParameter("from", p.start())
                .setParameter("to", p.end())
                .getResultList();
    }

    private static long num(Object o) {
        return ((Number) o).longValue();
    }

    private static Double dbl(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

    /** One account's figures as counted. */
    private static final class Builder {
        final String name;
        final String platform;
        final Map<String, Long> byReason = new LinkedHashMap<>();
        long hidden;
        long deleted;
        SmallCounts.Answers answers = new SmallCounts.Answers(0, 0, null, null);

        Builder(String name, String platform) {
            this.name = name;
            this.platform = platform;
        }

        SmallCounts.Counted counted() {
            return new SmallCounts.Counted(
                    name,
                    platform,
                    byReason,
                    hidden,
                    deleted,
                    answers.questions(),
                    answers.answered(),
                    answers.medianAnswerSeconds(),
                    answers.p90AnswerSeconds());
        }
    }
}
