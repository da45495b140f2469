package org.tingvakt.notifier.tracking;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tingvakt.notifier.tracking.ComplianceReport.AccountCompliance;

/** The compliance report's one query over {@code reply_deadline}: counts and percentiles per account, in SQL. */
@ApplicationScoped
public class ComplianceQueries {
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

    public ComplianceQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The compliance figures per account (or only {@code accountId}) of the comments received in [start, end). */
    public List<AccountCompliance> perAccount(Optional<String> accountId, OffsetDateTime start, OffsetDateTime end) {
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
}
