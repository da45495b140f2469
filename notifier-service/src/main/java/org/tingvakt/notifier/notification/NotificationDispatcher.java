package org.tingvakt.notifier.notification;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.tingvakt.retry.Backoff;

/**
 * Sends the reminders and escalations that are due, from the {@code notification} table: claims a batch with
 * {@code SELECT … FOR UPDATE SKIP LOCKED}, hands it to every channel, and marks it sent in the same transaction. So any
 * number of instances can run it at once and each row is claimed by one of them at a time; a row is marked sent only
 * after its channels took it.
 *
 * <p><b>At-least-once.</b> A crash after a channel accepted a message but before the commit rolls the claim back, and
 * the row is sent again by the next run (one duplicate reminder). The other order — commit first, then send — would lose
 * the reminder on a crash, and a missed escalation is worse than a repeated one. A channel that fails is retried later
 * with backoff; the channels that succeeded are remembered in {@code delivered} and not asked again.
 *
 * <p>Plain JDBC rather than Hibernate: the claim needs {@code SKIP LOCKED} and set-based updates over thousands of rows,
 * and the same code runs in the benchmark without Quarkus.
 */
public final class NotificationDispatcher {
    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);
    static final Duration DIGEST_INTERVAL = Duration.ofHours(1);
    /** The first retry of a failed channel by default; each later one waits twice as long, up to an hour. */
    public static final Duration FIRST_RETRY = Duration.ofSeconds(30);

    private static final Duration LONGEST_WAIT = Duration.ofHours(1);
    /** The channel the digest hour is about. */
    static final String EMAIL = org.tingvakt.notifier.notification.channel.EmailChannel.NAME;

    private static final String CLAIM = """
            SELECT n.id, n.deadline_id, n.kind, n.due_at, n.attempts, n.delivered,
                   d.case_id, d.account_id, d.country, d.due_at AS deadline_due_at, d.time_zone, d.intent, d.state
              FROM notification n JOIN reply_deadline d ON d.id = n.deadline_id
             WHERE n.state = 'PENDING' AND n.due_at <= ?
             ORDER BY n.due_at
             LIMIT ?
             FOR UPDATE OF n SKIP LOCKED""";

    /** What one batch did. */
    public record Result(int claimed, int sent, int cancelled, int retried, int failed, int postponed) {
        static final Result NONE = new Result(0, 0, 0, 0, 0, 0);

        Result plus(Result o) {
            return new Result(
                    claimed + o.claimed,
                    sent + o.sent,
                    cancelled + o.cancelled,
                    retried + o.retried,
                    failed + o.failed,
                    postponed + o.postponed);
        }
    }

    private final DataSource dataSource;
    private final List<NotificationChannel> channels;
    private final String instance;
    private final int batchSize;
    private final int maxAttempts;
    private final Clock clock;
    private final Backoff backoff;

    public NotificationDispatcher(
            DataSource dataSource,
            List<NotificationChannel> channels,
            String instance,
            int batchSize,
            int maxAttempts,
            Clock clock) {
        this(dataSource, channels, instance, batchSize, maxAttempts, clock, FIRST_RETRY);
    }

    public NotificationDispatcher(
            DataSource dataSource,
            List<NotificationChannel> channels,
            String instance,
            int batchSize,
            int maxAttempts,
            Clock clock,
            Duration firstRetry) {
        this.backoff = Backoff.exponential(firstRetry, LONGEST_WAIT);
        this.dataSource = dataSource;
        this.channels = List.copyOf(channels);
        this.instance = instance;
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
    }

    /** Claims and sends batch after batch until nothing due is left that another instance has not claimed. */
    public Result dispatchDue() throws SQLException {
        Result total = Result.NONE;
        while (true) {
            Result r = dispatchBatch();
            total = total.plus(r);
            if (r.claimed() < batchSize) {
                return total;
            }
        }
    }

    /** One transaction: claim up to {@code batchSize} due rows, send, record the outcome. */
    public Result dispatchBatch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                Result r = batch(c, clock.instant());
                c.commit();
                return r;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private Result batch(Connection c, Instant now) throws SQLException {
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
        if (claimed.isEmpty()) {
            return Result.NONE;
        }
        List<UUID> closed = new ArrayList<>();
        List<UUID> superseded = new ArrayList<>();
        Map<String, List<DueItem>> byAccount = new LinkedHashMap<>();
        for (DueItem item : claimed) {
            if (!"OPEN".equals(deadlineState.get(item.notificationId()))) {
                closed.add(item.notificationId());
            } else if (item.kind() == NotificationKind.REMINDER
                    && !item.deadlineDueAt().isAfter(now)) {
                // A reminder that comes due only after the deadline (a backlog) is pointless: the escalation says more.
                superseded.add(item.notificationId());
            } else {
                byAccount
                        .computeIfAbsent(item.accountId(), a -> new ArrayList<>())
                        .add(item);
            }
        }
        cancel(c, closed, "deadline closed");
        cancel(c, superseded, "deadline passed before the reminder was sent");

        Map<String, AccountNotifications> accounts = loadAccounts(c, byAccount);
        List<DueItem> sent = new ArrayList<>();
        Map<UUID, Set<String>> deliveredNow = new HashMap<>();
        Map<DueItem, String> errors = new LinkedHashMap<>();
        int postponed = 0;
        for (Map.Entry<String, List<DueItem>> e : byAccount.entrySet()) {
            AccountNotifications account = accounts.get(e.getKey());
            List<DueItem> items = e.getValue();
            if (account.digest()) {
                Optional<Instant> last = lockDigest(c, account.accountId());
                if (last.isPresent() && last.get().plus(DIGEST_INTERVAL).isAfter(now)) {
                    postpone(c, items, last.get().plus(DIGEST_INTERVAL));
                    postponed += items.size();
                    continue;
                }
                deliver(new Delivery(account, items, true), sent, deliveredNow, errors);
                // The hour starts only when an e-mail really went out: a digest whose mail failed is retried with the
                // normal backoff, and a batch that mailed nobody (no recipient for its audience) does not use the hour.
                if (mailedNow(account, items, deliveredNow)) {
                    markDigest(c, account.accountId(), now);
                }
            } else {
                for (DueItem item : items) {
                    deliver(new Delivery(account, List.of(item), false), sent, deliveredNow, errors);
                }
            }
        }
        markSent(c, sent, deliveredNow, now);
        int failed = recordFailures(c, errors, deliveredNow, now);
        if (!errors.isEmpty()) {
            LOG.warnf(
                    "%d notifications not fully delivered (%d given up); they are retried with backoff",
                    errors.size(), failed);
        }
        return new Result(
                claimed.size(),
                sent.size(),
                closed.size() + superseded.size(),
                errors.size() - failed,
                failed,
                postponed);
    }

    private static boolean mailedNow(
            AccountNotifications account, List<DueItem> items, Map<UUID, Set<String>> deliveredNow) {
        return items.stream()
                .anyMatch(i -> !i.delivered().contains(EMAIL)
                        && deliveredNow
                                .getOrDefault(i.notificationId(), Set.of())
                                .contains(EMAIL)
                        && !account.emailsFor(i.kind().audience()).isEmpty());
    }

    private void deliver(
            Delivery delivery, List<DueItem> sent, Map<UUID, Set<String>> deliveredNow, Map<DueItem, String> errors) {
        String error = null;
        for (NotificationChannel channel : channels) {
            if (delivery.items().stream().allMatch(i -> i.delivered().contains(channel.name()))) {
                continue;
            }
            try {
                channel.send(delivery);
                for (DueItem i : delivery.items()) {
                    deliveredNow
                            .computeIfAbsent(i.notificationId(), k -> new LinkedHashSet<>(i.delivered()))
                            .add(channel.name());
                }
            } catch (Exception ex) {
                // The exception's class only: messages of HTTP and SMTP errors can carry addresses or URLs with keys.
                error = (error == null ? "" : error + "; ") + channel.name() + ": "
                        + ex.getClass().getSimpleName();
                LOG.debugf(ex, "channel %s failed", channel.name());
            }
        }
        for (DueItem i : delivery.items()) {
            deliveredNow.computeIfAbsent(i.notificationId(), k -> new LinkedHashSet<>(i.delivered()));
            if (error == null) {
                sent.add(i);
            } else {
                errors.put(i, error);
            }
        }
    }

    private Map<String, AccountNotifications> loadAccounts(Connection c, Map<String, List<DueItem>> byAccount)
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
    private static Optional<Instant> lockDigest(Connection c, String accountId) throws SQLException {
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

    private static void markDigest(Connection c, String accountId, Instant now) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE notification_setting SET last_digest_at = ? WHERE account_id = ?")) {
            ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.setString(2, accountId);
            ps.executeUpdate();
        }
    }

    private static void postpone(Connection c, List<DueItem> items, Instant until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notification SET due_at = ? WHERE id = ANY(?)")) {
            ps.setObject(1, OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
            ps.setArray(
                    2,
                    c.createArrayOf(
                            "uuid", items.stream().map(DueItem::notificationId).toArray()));
            ps.executeUpdate();
        }
    }

    private static void cancel(Connection c, List<UUID> ids, String reason) throws SQLException {
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

    private void markSent(Connection c, List<DueItem> sent, Map<UUID, Set<String>> deliveredNow, Instant now)
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

    private int recordFailures(
            Connection c, Map<DueItem, String> errors, Map<UUID, Set<String>> deliveredNow, Instant now)
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

    /** With the default first retry: 30 s, 1 min, 2 min, … up to an hour. */
    static Duration backoff(int attempts) {
        return Backoff.exponential(FIRST_RETRY, LONGEST_WAIT).delay(attempts);
    }

    static String names(List<NotificationChannel> channels) {
        return Arrays.toString(channels.stream().map(NotificationChannel::name).toArray());
    }
}
