package org.tingvakt.moderation.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.tingvakt.moderation.kernel.audit.AuditLog;
import org.tingvakt.problem.ProblemException;

/**
 * moderation-service's part of an access request (GDPR Art. 15): every comment version and direct message the person
 * sent, the cases about them with the decisions taken, and the direct-message replies sent to the person. The archive
 * asks for it on behalf of the data protection officer and combines it with its own records into one package.
 *
 * <p>The request is audited with counts only: the audit log cannot be erased, so it never holds the person's id.
 */
@ApplicationScoped
public class PersonalDataAccess {
    static final int MAX_ITEMS = 10_000;

    private final DataSource dataSource;
    private final AuditLog audit;

    public PersonalDataAccess(DataSource dataSource, AuditLog audit) {
        this.dataSource = dataSource;
        this.audit = audit;
    }

    /** One comment, reply or direct message as moderation-service holds it; texts are empty once pseudonymised. */
    public record Message(
            UUID id,
            String platform,
            String kind,
            String accountId,
            String commentId,
            String postId,
            String parentId,
            int version,
            String senderId,
            String senderName,
            String senderProfileUrl,
            String text,
            String permalink,
            List<String> attachments,
            Instant receivedAt,
            Instant personalDataRemovedAt) {}

    /** A case about one of the person's messages and the decision taken on it. */
    public record Case(
            UUID id,
            UUID commentVersionId,
            String commentId,
            String state,
            List<String> labels,
            List<String> intents,
            String policyAction,
            String decisionReason,
            String decisionNote,
            Instant decidedAt,
            Instant receivedAt) {}

    /** What was sent to the person or done on the platform about their messages (a reply, a hide, a delete). */
    public record Action(
            UUID id, UUID caseId, String operation, String state, String reason, String text, Instant createdAt) {}

    /** The service's answer. */
    public record Export(
            String service, Instant generatedAt, List<Message> messages, List<Case> cases, List<Action> actions) {}

    @Transactional
    public Export export(String platformId, String actor) {
        return export(platformId, List.of(), actor);
    }

    /**
     * By the sender's platform id, or (for a request by national ID number, which never leaves the archive) by the ids
     * of the comments whose archive records hold the number: then only those comments, their cases and the actions on
     * them, as the person's own messages cannot be told apart from others' without the number.
     */
    @Transactional
    public Export export(String platformId, List<String> commentIds, String actor) {
        List<String> comments = commentIds == null ? List.of() : commentIds;
        boolean byPlatformId = platformId != null && !platformId.isBlank();
        if ((!byPlatformId && comments.isEmpty())
                || (byPlatformId
                        && (platformId.length() > 200 || platformId.chars().anyMatch(Character::isISOControl)))
                || comments.size() > MAX_ITEMS
                || comments.stream().anyMatch(x -> x == null || x.length() > 200)) {
            throw ProblemException.badRequest("an access request needs the sender's platform id (at most 200 chars) "
                    + "or the ids of the comments (at most " + MAX_ITEMS + ")");
        }
        String id = byPlatformId ? platformId.trim() : null;
        try (Connection c = dataSource.getConnection()) {
            List<Message> messages = byPlatformId ? messages(c, id) : messagesOf(c, comments);
            Set<UUID> versions = new LinkedHashSet<>();
            messages.forEach(m -> versions.add(m.id()));
            Array versionArray = c.createArrayOf("uuid", versions.toArray());
            List<Case> cases = cases(c, versionArray);
            List<Action> actions = actions(c, versionArray, id);
            // The target is the request itself (a fresh id): the person's id must not enter an unerasable log.
            audit.record(
                    actor,
                    "ACCESS_REQUEST",
                    "access-request",
                    UUID.randomUUID().toString(),
                    Map.of("messages", messages.size(), "cases", cases.size(), "actions", actions.size()));
            return new Export(PersonalDataErasure.SERVICE, Instant.now(), messages, cases, actions);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the person's data", e);
        }
    }

    /** One comment_version row, in the column order both message queries select. */
    private static Message message(ResultSet rs) throws SQLException {
        return new Message(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getInt(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13),
                strings(rs.getArray(14)),
                instant(rs.getTimestamp(15)),
                instant(rs.getTimestamp(16)));
    }

    private static List<Message> messages(Connection c, String senderId) throws SQLException {
        List<Message> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, platform, kind, account_id, comment_id, post_id, "
                + "parent_id, version, sender_id, sender_name, sender_profile_url, text, permalink, attachments, "
                + "received_at, personal_data_removed_at FROM comment_version WHERE sender_id = ? "
                + "ORDER BY received_at, comment_id, version LIMIT " + MAX_ITEMS)) {
            ps.setString(1, senderId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(message(rs));
                }
            }
        }
        return out;
    }

    private static List<Message> messagesOf(Connection c, List<String> commentIds) throws SQLException {
        List<Message> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, platform, kind, account_id, comment_id, post_id, "
                + "parent_id, version, sender_id, sender_name, sender_profile_url, text, permalink, attachments, "
                + "received_at, personal_data_removed_at FROM comment_version WHERE comment_id = ANY (?) "
                + "ORDER BY received_at, comment_id, version LIMIT " + MAX_ITEMS)) {
            ps.setArray(1, c.createArrayOf("text", commentIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(message(rs));
                }
            }
        }
        return out;
    }

    private static List<Case> cases(Connection c, Array versions) throws SQLException {
        List<Case> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, comment_version_id, comment_id, state, labels, "
                + "intents, policy_action, decision_reason, decision_note, decided_at, received_at "
                + "FROM moderation_case WHERE comment_version_id = ANY (?) ORDER BY received_at, id")) {
            ps.setArray(1, versions);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Case(
                            rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class),
                            rs.getString(3),
                            rs.getString(4),
                            strings(rs.getArray(5)),
                            strings(rs.getArray(6)),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getString(9),
                            instant(rs.getTimestamp(10)),
                            instant(rs.getTimestamp(11))));
                }
            }
        }
        return out;
    }

    private static List<Action> actions(Connection c, Array versions, String senderId) throws SQLException {
        List<Action> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, case_id, operation, state, reason, text, created_at "
                + "FROM platform_action WHERE case_id IN (SELECT mc.id FROM moderation_case mc WHERE "
                + "mc.comment_version_id = ANY (?)) OR (operation = 'DM_REPLY' AND target_id = ?) "
                + "ORDER BY created_at, id LIMIT " + MAX_ITEMS)) {
            ps.setArray(1, versions);
            ps.setString(2, senderId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Action(
                            rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            instant(rs.getTimestamp(7))));
                }
            }
        }
        return out;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
