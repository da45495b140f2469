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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tingvakt.moderation.kernel.RemovalReason;
import org.tingvakt.moderation.stats.ModerationStatistics;

/**
 * Computes the public transparency report in PostgreSQL (two grouped queries, percentiles by percentile_cont) and keeps
 * each period's answer for {@code tingvakt.transparency.cache-ttl}, so that a public page cannot make the database
 * aggregate on every request.
 */
@ApplicationScoped
public class TransparencyFigures {
    private static final List<String> REASONS =
            Arrays.stream(RemovalReason.values()).map(Enum::name).toList();

    private final EntityManager em;
    private final Clock clock;
    private final Cache<Period, TransparencyReport> cache;

    @Inject
    public TransparencyFigures(
            EntityManager em,
            @ConfigProperty(name = "tingvakt.transparency.cache-ttl", defaultValue = "PT5M") Duration ttl) {
        this(em, Clock.systemUTC(), ttl);
    }

    TransparencyFigures(EntityManager em, Clock clock, Duration ttl) {
        this.em = em;
        this.clock = clock;
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
        Builder totals = new Builder(null, null);
        for (Object[] r : removals(period)) {
            Builder b = accounts.computeIfAbsent((UUID) r[0], id -> new Builder((String) r[1], (String) r[2]));
            String reason = (String) r[3];
            long hidden = num(r[4]);
            long deleted = num(r[5]);
            b.add(reason, hidden, deleted);
            totals.add(reason, hidden, deleted);
        }
        for (Object[] r : responseTimes(period)) {
            Builder b = accounts.computeIfAbsent((UUID) r[0], id -> new Builder((String) r[1], (String) r[2]));
            b.responded = num(r[3]);
            b.median = seconds(r[4]);
            b.p90 = seconds(r[5]);
        }
        Object[] all = responseTimesOverAll(period);
        totals.responded = num(all[0]);
        totals.median = seconds(all[1]);
        totals.p90 = seconds(all[2]);
        List<TransparencyReport.AccountFigures> list = new ArrayList<>();
        accounts.values().stream()
                .sorted(java.util.Comparator.comparing((Builder b) -> b.name).thenComparing(b -> b.platform))
                .forEach(b -> list.add(new TransparencyReport.AccountFigures(b.name, b.platform, b.figures())));
        return new TransparencyReport(
                period.from(), period.to(), clock.instant(), REASONS, List.copyOf(list), totals.figures());
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

    @SuppressWarnings("unchecked")
    private List<Object[]> responseTimes(Period p) {
        return em.createNativeQuery("""
                SELECT a.id, a.name, a.platform, count(*),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.first_response_at - c.received_at)),
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM c.first_response_at - c.received_at))
                FROM moderation_case c JOIN account a ON a.id = c.account_id
                WHERE c.first_response_at IS NOT NULL AND c.received_at >= :from AND c.received_at < :to
                GROUP BY a.id, a.name, a.platform""")
                .setParameter("from", p.start())
                .setParameter("to", p.end())
                .getResultList();
    }

    private Object[] responseTimesOverAll(Period p) {
        return (Object[]) em.createNativeQuery("""
                SELECT count(*),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.first_response_at - c.received_at)),
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM c.first_response_at - c.received_at))
                FROM moderation_case c
                WHERE c.first_response_at IS NOT NULL AND c.received_at >= :from AND c.received_at < :to""")
                .setParameter("from", p.start())
                .setParameter("to", p.end())
                .getSingleResult();
    }

    private static long num(Object o) {
        return ((Number) o).longValue();
    }

    private static Long seconds(Object o) {
        return o == null ? null : Math.round(((Number) o).doubleValue());
    }

    /** Accumulates one account's (or the totals') figures. */
    private static final class Builder {
        final String name;
        final String platform;
        final Map<String, Long> byReason = new LinkedHashMap<>();
        long hidden;
        long deleted;
        long responded;
        Long median;
        Long p90;

        Builder(String name, String platform) {
            this.name = name;
            this.platform = platform;
        }

        void add(String reason, long h, long d) {
            byReason.merge(reason, h + d, Long::sum);
            hidden += h;
            deleted += d;
        }

        TransparencyReport.Figures figures() {
            Map<String, Long> ordered = new LinkedHashMap<>();
            REASONS.forEach(r -> {
                if (byReason.containsKey(r)) {
                    ordered.put(r, byReason.get(r));
                }
            });
            return new TransparencyReport.Figures(ordered, hidden + deleted, hidden, deleted, responded, median, p90);
        }
    }
}
