package org.tingvakt.notifier.tracking;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Whether the promise to answer is kept, per account: share answered in time, median and p90 response time. */
@ApplicationScoped
public class ComplianceReport {
    private final ComplianceQueries queries;

    public ComplianceReport(ComplianceQueries queries) {
        this.queries = queries;
    }

    /** Per account (or only {@code accountId}), over the deadlines of comments received in [start, end). */
    public List<AccountCompliance> of(Optional<String> accountId, OffsetDateTime start, OffsetDateTime end) {
        return queries.perAccount(accountId, start, end);
    }

    /**
     * @param answeredInTimeShare met / (met + late + open past due); null when none is decided yet
     * @param medianResponseSeconds from arrival to the reply, over answered deadlines (met or late); null when none
     */
    public record AccountCompliance(
            String accountId,
            long total,
            long openInTime,
            long openOverdue,
            long met,
            long late,
            long noReplyNeeded,
            Double answeredInTimeShare,
            Long medianResponseSeconds,
            Long p90ResponseSeconds,
            String medianResponse,
            String p90Response) {
        AccountCompliance(
                String accountId,
                long total,
                long openInTime,
                long openOverdue,
                long met,
                long late,
                long noReplyNeeded,
                Double answeredInTimeShare,
                Long medianResponseSeconds,
                Long p90ResponseSeconds) {
            this(
                    accountId,
                    total,
                    openInTime,
                    openOverdue,
                    met,
                    late,
                    noReplyNeeded,
                    answeredInTimeShare,
                    medianResponseSeconds,
                    p90ResponseSeconds,
                    iso(medianResponseSeconds),
                    iso(p90ResponseSeconds));
        }

        /** ISO-8601, e.g. PT5H30M. */
        private static String iso(Long seconds) {
            return seconds == null ? null : Duration.ofSeconds(seconds).toString();
        }
    }
}
