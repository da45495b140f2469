package org.tingvakt.notifier.tracking;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Whether the promise to answer is kept, per account: share answered in time, median and p90 response time. */
@ApplicationScoped
public class ComplianceReport {
    // percentile_cont in SQL: the database computes median and p90 over all rows without shipping them to the service.
    private static final String QUERY = """
            SELECT account_id,
                   count(*) AS total,
                   count(*) FILTER (WHERE state = 'OPEN' AND due_at >= now()) AS open_in_time,
                   count(*) FILTER (WHERE state = 'OPEN' AND due_at < now()) AS open_overdue,
                   count(*) FILTER (WHERE state = 'MET') AS met,
                   count(*) FILTER (WHERE state = 'LATE') AS late,
                   count(*) FILTER (WHERE state = 'CLOSED') AS no_reply,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - received_at))
                       FILTER (WHERE state IN ('MET', 'LATE')) AS median_s,
                   percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - received_at))
                       FILTER (WHERE state IN ('MET', 'LATE')) AS p90_s
              FROM reply_deadline
             WHERE received_at >= ? AND received_at < ? AND (?::text IS NULL OR account_id = ?)
             GROUP BY account_id
             ORDER BY account_id""";

    private final AgroalDataSource dataSource;

    public ComplianceReport(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Per account (or only {@code accountId}), over the deadlines of comments received in [start, end). */
    public List<AccountCompliance> of(Optional<String> accountId, OffsetDateTime start, OffsetDateTime end) {
        List<AccountCompliance> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(QUERY)) {
            ps.setObject(1, start);
            ps.setObject(2, end);
            ps.setString(3, accountId.orElse(null));
            ps.setString(4, accountId.orElse(null));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long met = rs.getLong("met");
                    long late = rs.getLong("late");
                    long overdue = rs.getLong("open_overdue");
                    long decided = met + late + overdue;
                    result.add(new AccountCompliance(
                            rs.getString("account_id"),
                            rs.getLong("total"),
                            rs.getLong("open_in_time"),
                            overdue,
                            met,
                            late,
                            rs.getLong("no_reply"),
                            decided == 0 ? null : (double) met / decided,
                            seconds(rs, "median_s"),
                            seconds(rs, "p90_s")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not compute the compliance report", e);
        }
        return result;
    }

    private static Long seconds(ResultSet rs, String column) throws SQLException {
        double seconds = rs.getDouble(column);
        return rs.wasNull() ? null : Math.round(seconds);
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
