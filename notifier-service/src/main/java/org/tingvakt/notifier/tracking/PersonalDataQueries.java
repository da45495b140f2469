package org.tingvakt.notifier.tracking;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.tingvakt.notifier.tracking.PersonalDataAccess.Deadline;
import org.tingvakt.notifier.tracking.PersonalDataAccess.SentNotification;

/**
 * The SQL of access and erasure requests (GDPR Art. 15 and 17): a person's deadlines found by comment ids and by their
 * direct-message thread, and the renaming of that thread when they are erased.
 */
@ApplicationScoped
public class PersonalDataQueries {
    private final DataSource dataSource;

    public PersonalDataQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The deadlines of these comments and of the direct-message thread {@code dmPost}, oldest first. */
    List<Deadline> deadlinesOf(List<String> comments, String dmPost) {
        List<Deadline> deadlines = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, case_id, comment_id, intent, rule, received_at, "
                        + "due_at, state, closed_at FROM reply_deadline WHERE comment_id = ANY (?) OR "
                        + "substr(thread_key, position(':' in thread_key) + 1) = ? ORDER BY received_at, id")) {
            ps.setArray(1, c.createArrayOf("text", comments.toArray()));
            ps.setString(2, dmPost);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    deadlines.add(new Deadline(
                            id,
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            instant(rs.getTimestamp(6)),
                            instant(rs.getTimestamp(7)),
                            rs.getString(8),
                            instant(rs.getTimestamp(9)),
                            notifications(c, id)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the person's deadlines", e);
        }
        return deadlines;
    }

    /**
     * Renames the deadlines' direct-message threads {@code dmPosts} after the request and records it applied; answers
     * how many deadlines the request has renamed in all (its earlier deliveries included).
     */
    int applyErasure(UUID requestId, String[] dmPosts, Instant now) {
        int removed;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE reply_deadline SET thread_key = substr(thread_key, 1, position(':' in thread_key)) || ? "
                            + "WHERE substr(thread_key, position(':' in thread_key) + 1) = ANY (?)")) {
                ps.setString(1, "dm-erased-" + requestId);
                ps.setArray(2, c.createArrayOf("text", dmPosts));
                removed = ps.executeUpdate();
            }
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT removed FROM erasure_applied WHERE request_id = ? FOR UPDATE")) {
                ps.setObject(1, requestId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        removed += rs.getInt(1);
                    }
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO erasure_applied (request_id, removed, applied_at) VALUES (?, ?, ?) "
                            + "ON CONFLICT (request_id) DO UPDATE SET removed = excluded.removed, "
                            + "applied_at = excluded.applied_at")) {
                ps.setObject(1, requestId);
                ps.setInt(2, removed);
                ps.setTimestamp(3, Timestamp.from(now));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not apply the erasure request", e);
        }
        return removed;
    }

    private static List<SentNotification> notifications(Connection c, UUID deadline) throws SQLException {
        List<SentNotification> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT kind, state, due_at, sent_at FROM notification WHERE deadline_id = ? ORDER BY due_at")) {
            ps.setObject(1, deadline);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SentNotification(
                            rs.getString(1),
                            rs.getString(2),
                            instant(rs.getTimestamp(3)),
                            instant(rs.getTimestamp(4))));
                }
            }
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
