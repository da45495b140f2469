package org.tingvakt.archive.retention;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads the log of disposals that retention and erasure write: what was removed, when, under which rule. */
@ApplicationScoped
public class DisposalLog {
    private final DataSource dataSource;

    public DisposalLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One logged disposal (never the content). */
    public record Disposal(String recordId, String accountId, Instant disposedAt, String rule, String removed) {}

    /** A page of disposals, newest first, of one account or of all when {@code accountId} is null. */
    public List<Disposal> list(String accountId, int page, int size) {
        List<Disposal> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT record_id, account_id, disposed_at, rule, removed FROM disposal_log "
                                + "WHERE (?::text IS NULL OR account_id = ?) ORDER BY id DESC LIMIT ? OFFSET ?")) {
            ps.setString(1, accountId);
            ps.setString(2, accountId);
            ps.setInt(3, size);
            ps.setLong(4, (long) page * size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Disposal(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getTimestamp(3).toInstant(),
                            rs.getString(4),
                            rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the disposal log", e);
        }
        return out;
    }
}
