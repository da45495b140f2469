package org.tingvakt.notifier.notification;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.tingvakt.retry.Backoff;

/**
 * The dispatcher's SQL, run on the caller's connection inside its transaction: the claim of due notifications, the
 * accounts' settings, the digest hour and the outcome of a batch. Plain JDBC, for the reasons given on
 * {@link NotificationDispatcher}.
 */
final class DispatchQueries {
    private static final String CLAIM = """
            SELECT n.id, n.deadline_id, n.kind, n.due_at, n.attempts, n.delivered,
                   d.case_id, d.account_id, d.country, d.due_at AS deadline_due_at, d.time_zone, d.intent, d.state
              FROM notification n JOIN reply_deadline d ON d.id = n.deadline_id
             WHERE n.state = 'PENDING' AND n.due_at <= ?
             ORDER BY n.due_at
             LIMIT ?
             FOR UPDATE OF n SKIP LOCKED""";

    private DispatchQueries() {}

    /** The claimed rows, and the state of each one's deadline. */
    record Claimed(List<DueItem> items, Map<UUID, String> deadlineState) {}

    /** Claims up to {@code batchSize} due rows for this transaction; other instances skip them. */
    static Claimed claim(Connection c, Instant now, int batchSize) throws SQLException {
        List<DueItem> claimed = new ArrayList<>();
        Map<UUID, String> deadlineState = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.setInt(2, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject("id", UUID.class);
                    String delivered = rs.getString("delivered");
                    claimed.add(new DueItem(
                            id,
                            rs.getObject("deadline_id", UUID.class),
                            rs.getString("case_id"),
                            rs.getString("account_id"),
                            rs.getString("country"),
                            NotificationKind.valueOf(rs.getString("kind")),
                            rs.getObject("due_at", OffsetDateTime.class).toInstant(),
                            rs.getObject("deadline_due_at", OffsetDateTime.class)
                                    .toInstant(),
                            rs.getString("time_zone"),
                            rs.getString("intent"),
                            rs.getInt("attempts"),
                            delivered == null || delivered.isEmpty()
                                    ? Set.of()
                                    : Collections.unmodifiableSet(
                                            new LinkedHashSet<>(Arrays.asList(delivered.split(","))))));
                    deadlineState.put(id, rs.getString("state"));
                }
            }
        }
        return new Claimed(claimed, deadlineState);
    }

    static Map<String, AccountNotifications> loadAccounts(Connection c, Map<String, List<DueItem>> byAccount)
            throws SQLException {
        Map<String, AccountNotifications> result = new HashMap<>();
        if (byAccount.isEmpty()) {
            return result;
        }
        Array ids = c.createArrayOf("text", byAccount.keySet().toArray());
        Map<String, List<AccountNotifications.Recipient>> recipients = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT account_id, email, role FROM notification_recipient WHERE account_id = ANY(?) ORDER BY email")) {
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    recipients
                            .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new AccountNotifications.Recipient(
                                    rs.getString(2), RecipientRole.valueOf(rs.getString(3))));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT account_id, language, digest, teams_webhook_url,"
                + " slack_webhook_url FROM notification_setting WHERE account_id = ANY(?)")) {
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    result.put(
                            id,
                            new AccountNotifications(
                                    id,
                                    rs.getString(2),
                                    rs.getBoolean(3),
                                    Optional.ofNullable(rs.getString(4)),
                                    Optional.ofNullable(rs.getString(5)),
                                    recipients.getOrDefault(id, List.of())));
                }
            }
        }
        for (Map.Entry<String, List<DueItem>> e : byAccount.entrySet()) {
            result.computeIfAbsent(
                    e.getKey(),
                    id -> AccountNotifications.defaults(id, e.getValue().get(0).country()));
        }
        return result;
    }

    /** Locks the account's settings row so that two instances never both send a digest in the same hour. */
    static Optional<Instant> lockDigest(Connection c, String accountId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT last_digest_at FROM notification_setting WHERE account_id = ? FOR UPDATE")) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return Optional.ofNullable(rs.getObject(1, OffsetDateTime.class))
                            .map(OffsetDateTime::toInstant);
                }
                return Optional.empty();
            }
        }
    }

    static void markDigest(Connection c, String accountId, Instant now) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE notification_setting SET last_digest_at = ? WHERE account_id = ?")) {
            ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.setString(2, accountId);
            ps.executeUpdate();
        }
    }

    static void postpone(Connection c, List<DueItem> items, Instant until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notification SET due_at = ? WHERE id = ANY(?)")) {
            ps.setObject(1, OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
            ps.setArray(
                    2,
                    c.createArrayOf(
                            "uuid", items.stream().map(DueItem::notificationId).toArray()));
            ps.executeUpdate();
        }
    }

    static void cancel(Connection c, List<UUID> ids, String reason) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE notification SET state = 'CANCELLED', last_error = ? WHERE id = ANY(?)")) {
            ps.setString(1, reason);
            ps.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            ps.executeUpdate();
        }
    }

    static void markSent(
            Connection c, String instance, List<DueItem> sent, Map<UUID, Set<String>> deliveredNow, Instant now)
            throws SQLException {
        if (sent.isEmpty()) {
            return;
        }
        // One statement for the whole batch (unnest of two arrays), not one round trip per row.
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE notification n SET state = 'SENT', sent_at = ?, sent_by = ?, attempts = n.attempts + 1,
                       delivered = u.delivered, last_error = NULL
                  FROM unnest(?::uuid[], ?::text[]) AS u(id, delivered) WHERE n.id = u.id""")) {
            ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.setString(2, instance);
            ps.setArray(
                    3,
                    c.createArrayOf(
                            "uuid", sent.stream().map(DueItem::notificationId).toArray()));
            ps.setArray(
                    4,
                    c.createArrayOf(
                            "text",
                            sent.stream()
                                    .map(i -> String.join(",", deliveredNow.get(i.notificationId())))
                                    .toArray()));
            ps.executeUpdate();
        }
    }

    static int recordFailures(
            Connection c,
            int maxAttempts,
            Backoff backoff,
            Map<DueItem, String> errors,
            Map<UUID, Set<String>> deliveredNow,
            Instant now)
            throws SQLException {
        if (errors.isEmpty()) {
            return 0;
        }
        int failed = 0;
        try (PreparedStatement ps = c.prepareStatement("UPDATE notification SET attempts = ?, delivered = ?,"
                + " last_error = ?, due_at = ?, state = ? WHERE id = ?")) {
            for (Map.Entry<DueItem, String> e : errors.entrySet()) {
                DueItem item = e.getKey();
                int attempts = item.attempts() + 1;
                boolean giveUp = attempts >= maxAttempts;
                failed += giveUp ? 1 : 0;
                ps.setInt(1, attempts);
                ps.setString(2, String.join(",", deliveredNow.getOrDefault(item.notificationId(), new HashSet<>())));
                ps.setString(3, e.getValue());
                ps.setObject(4, OffsetDateTime.ofInstant(backoff.nextAttemptAt(now, attempts), ZoneOffset.UTC));
                ps.setString(5, giveUp ? "FAILED" : "PENDING");
                ps.setObject(6, item.notificationId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return failed;
    }
}
