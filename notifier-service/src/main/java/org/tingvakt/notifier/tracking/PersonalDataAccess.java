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
import org.tingvakt.problem.ProblemException;

/**
 * notifier-service's part of an access request (GDPR Art. 15). It holds no sender, name or text, so what concerns a
 * person is found through ids: the reply deadlines of their comments (the archive passes the comment ids that
 * moderation-service named) and of their direct-message thread ({@code <platform>:dm-<sender id>}), with the reminders
 * and escalations sent about them.
 */
@ApplicationScoped
public class PersonalDataAccess {
    static final int MAX_COMMENT_IDS = 10_000;

    private final DataSource dataSource;

    public PersonalDataAccess(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A notification sent about a deadline (to staff; the person is never notified by this service). */
    public record SentNotification(String kind, String state, Instant dueAt, Instant sentAt) {}

    /** A reply deadline for one of the person's comments or direct messages. */
    public record Deadline(
            UUID id,
            String caseId,
            String commentId,
            String intent,
            String rule,
            Instant receivedAt,
            Instant dueAt,
            String state,
            Instant closedAt,
            List<SentNotification> notifications) {}

    /** The service's answer. */
    public record Export(String service, Instant generatedAt, List<Deadline> deadlines) {}

    /**
     * The deadlines of the comments and of the person's DM thread. Without a platform id (a request by national ID
     * number: the archive names the comments that hold it) only the comments' deadlines.
     */
    public Export export(String platformId, List<String> commentIds) {
        List<String> comments = commentIds == null ? List.of() : commentIds;
        boolean byPlatformId = platformId != null && !platformId.isBlank();
        if ((!byPlatformId && comments.isEmpty())
                || (byPlatformId
                        && (platformId.length() > 200 || platformId.chars().anyMatch(Character::isISOControl)))) {
            throw ProblemException.badRequest(
                    "an access request needs the sender's platform id (at most 200 chars) or the comments' ids");
        }
        if (comments.size() > MAX_COMMENT_IDS || comments.stream().anyMatch(c -> c == null || c.length() > 200)) {
            throw ProblemException.badRequest("at most " + MAX_COMMENT_IDS + " comment ids of at most 200 chars");
        }
        List<Deadline> deadlines = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, case_id, comment_id, intent, rule, received_at, "
                        + "due_at, state, closed_at FROM reply_deadline WHERE comment_id = ANY (?) OR "
                        + "substr(thread_key, position(':' in thread_key) + 1) = ? ORDER BY received_at, id")) {
            ps.setArray(1, c.createArrayOf("text", comments.toArray()));
            // No thread is called "dm-" alone, so without a platform id only the comments match.
            ps.setString(2, byPlatformId ? "dm-" + platformId.trim() : "dm-");
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
        return new Export(PersonalDataErasure.SERVICE, Instant.now(), deadlines);
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
