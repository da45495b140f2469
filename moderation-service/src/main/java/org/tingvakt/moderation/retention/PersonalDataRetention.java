package org.tingvakt.moderation.retention;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Retention of personal data in moderation-service. Once a comment version is older than its account's retention period
 * ({@code account.retention_months}, default {@code tingvakt.moderation.retention.default-months} = 18 months after
 * receipt) and no rule keeps it, it is pseudonymised: text emptied, sender id, name and profile link, permalink and
 * attachments removed. Its case keeps the labels, intents, scores, state and times (the statistics and transparency
 * figures count those) but loses the spans and the moderator's note. Platform actions of the same age lose their text
 * (replies, notices, DMs), their recipient when it is a person (DM replies) and the platform's message.
 *
 * <p>Kept: a comment whose case is still undecided (RECEIVED, CLASSIFIED, PENDING_REVIEW) or whose evidence is still
 * being archived (ARCHIVING, ARCHIVED awaiting deletion, or an archive request not yet answered). The archive keeps the
 * evidence under its own rules (registration, legal holds).
 *
 * <p>Works in batches of {@code tingvakt.moderation.retention.batch-size} rows, each its own short transaction; an
 * interrupted run leaves whole batches done and the next run continues with the rest. Every batch is logged in
 * {@code retention_disposal} per account: counts and the rule, never content.
 */
@ApplicationScoped
public class PersonalDataRetention {
    /** States in which a comment's personal data is no longer needed for moderation. */
    static final String DECIDED = "('APPROVED', 'HIDDEN', 'DELETED', 'REPLIED')";

    private final DataSource dataSource;
    private final int defaultMonths;
    private final int batchSize;

    public PersonalDataRetention(
            DataSource dataSource,
            @ConfigProperty(name = "tingvakt.moderation.retention.default-months", defaultValue = "18")
                    int defaultMonths,
            @ConfigProperty(name = "tingvakt.moderation.retention.batch-size", defaultValue = "500") int batchSize) {
        this.dataSource = dataSource;
        this.defaultMonths = defaultMonths;
        this.batchSize = batchSize;
    }

    /** The outcome of a run: rows pseudonymised, in how many batches, and comments past retention kept by a rule. */
    public record Run(Instant asOf, int commentVersions, int platformActions, int batches, long keptUndecided) {}

    private static final String CUTOFF = "?::timestamptz - make_interval(months => coalesce(a.retention_months, ?))";

    private static final String DUE_VERSIONS = "SELECT v.id, v.account_id FROM comment_version v "
            + "JOIN account a ON a.id = v.account_id "
            + "LEFT JOIN moderation_case c ON c.platform = v.platform AND c.comment_id = v.comment_id "
            + "WHERE v.personal_data_removed_at IS NULL AND v.received_at < " + CUTOFF + " "
            + "AND (c.id IS NULL OR c.state IN " + DECIDED + ") "
            + "AND NOT EXISTS (SELECT 1 FROM archive_request r WHERE r.case_id = c.id AND r.state = 'REQUESTED') "
            + "ORDER BY v.received_at LIMIT ? FOR UPDATE OF v SKIP LOCKED";

    private static final String DUE_ACTIONS = "SELECT p.id, a.id FROM platform_action p "
            + "JOIN account a ON a.platform = p.platform AND a.external_id = p.account_external_id "
            + "WHERE p.state <> 'PENDING' AND p.created_at < " + CUTOFF + " "
            + "AND (p.text IS NOT NULL OR p.result_message IS NOT NULL "
            + "OR (p.operation = 'DM_REPLY' AND p.target_id <> '')) "
            + "ORDER BY p.created_at LIMIT ? FOR UPDATE OF p SKIP LOCKED";

    /** Pseudonymises everything past retention as of {@code asOf}, batch by batch. */
    public Run run(Instant asOf) {
        int versions = 0;
        int actions = 0;
        int batches = 0;
        while (true) {
            int[] n = QuarkusTransaction.requiringNew().call(() -> batch(asOf));
            if (n[0] + n[1] == 0) {
                break;
            }
            versions += n[0];
            actions += n[1];
            batches++;
        }
        return new Run(asOf, versions, actions, batches, keptUndecided(asOf));
    }

    private int[] batch(Instant asOf) {
        Map<UUID, int[]> perAccount = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            UUID[] versionIds = due(c, DUE_VERSIONS, asOf, perAccount, 0);
            if (versionIds.length > 0) {
                try (PreparedStatement ps =
                        c.prepareStatement("UPDATE comment_version SET text = '', sender_id = NULL, "
                                + "sender_name = NULL, sender_profile_url = NULL, permalink = NULL, attachments = '{}', "
                                + "personal_data_removed_at = ? WHERE id = ANY (?)")) {
                    ps.setTimestamp(1, Timestamp.from(asOf));
                    ps.setArray(2, c.createArrayOf("uuid", versionIds));
                    ps.executeUpdate();
                }
                // The case keeps what statistics count; the detected spans and the moderator's note go.
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE moderation_case SET spans = '[]', "
                                + "decision_note = NULL WHERE comment_version_id = ANY (?) AND (spans <> '[]' OR decision_note IS NOT NULL)")) {
                    ps.setArray(1, c.createArrayOf("uuid", versionIds));
                    ps.executeUpdate();
                }
            }
            UUID[] actionIds = due(c, DUE_ACTIONS, asOf, perAccount, 1);
            if (actionIds.length > 0) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE platform_action SET text = NULL, result_message = NULL, "
                                + "target_id = CASE WHEN operation = 'DM_REPLY' THEN '' ELSE target_id END WHERE id = ANY (?)")) {
                    ps.setArray(1, c.createArrayOf("uuid", actionIds));
                    ps.executeUpdate();
                }
            }
            for (Map.Entry<UUID, int[]> e : perAccount.entrySet()) {
                try (PreparedStatement ps =
                        c.prepareStatement("INSERT INTO retention_disposal (account_id, disposed_at, "
                                + "rule, comment_versions, platform_actions) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setObject(1, e.getKey());
                    ps.setTimestamp(2, Timestamp.from(asOf));
                    ps.setString(3, "RETENTION " + monthsOf(c, e.getKey()) + " months after receipt");
                    ps.setInt(4, e.getValue()[0]);
                    ps.setInt(5, e.getValue()[1]);
                    ps.executeUpdate();
                }
            }
            return new int[] {versionIds.length, actionIds.length};
        } catch (SQLException e) {
            throw new IllegalStateException("retention batch failed", e);
        }
    }

    private UUID[] due(Connection c, String sql, Instant asOf, Map<UUID, int[]> perAccount, int slot)
            throws SQLException {
        java.util.List<UUID> ids = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(asOf));
            ps.setInt(2, defaultMonths);
            ps.setInt(3, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                    perAccount.computeIfAbsent(rs.getObject(2, UUID.class), k -> new int[2])[slot]++;
                }
            }
        }
        return ids.toArray(UUID[]::new);
    }

    private int monthsOf(Connection c, UUID accountId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT coalesce(retention_months, ?) FROM account WHERE id = ?")) {
            ps.setInt(1, defaultMonths);
            ps.setObject(2, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : defaultMonths;
            }
        }
    }

    /** Comment versions past retention that a rule keeps (case undecided or evidence still being archived). */
    private long keptUndecided(Instant asOf) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM comment_version v JOIN account a ON a.id = v.account_id "
                                + "JOIN moderation_case c ON c.platform = v.platform AND c.comment_id = v.comment_id "
                                + "WHERE v.personal_data_removed_at IS NULL AND v.received_at < " + CUTOFF + " "
                                + "AND (c.state NOT IN " + DECIDED + " OR EXISTS (SELECT 1 FROM archive_request r "
                                + "WHERE r.case_id = c.id AND r.state = 'REQUESTED'))")) {
            ps.setTimestamp(1, Timestamp.from(asOf));
            ps.setInt(2, defaultMonths);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the kept comments", e);
        }
    }
}
