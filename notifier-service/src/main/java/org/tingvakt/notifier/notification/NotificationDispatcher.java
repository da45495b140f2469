package org.tingvakt.notifier.notification;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
 * and the same code runs in the benchmark without Quarkus. The statements are in {@link DispatchQueries}; this class
 * holds the transaction and decides what is sent.
 */
public final class NotificationDispatcher {
    private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);
    static final Duration DIGEST_INTERVAL = Duration.ofHours(1);
    /** The first retry of a failed channel by default; each later one waits twice as long, up to an hour. */
    public static final Duration FIRST_RETRY = Duration.ofSeconds(30);

    private static final Duration LONGEST_WAIT = Duration.ofHours(1);
    /** The channel the digest hour is about. */
    static final String EMAIL = org.tingvakt.notifier.notification.channel.EmailChannel.NAME;

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
        DispatchQueries.Claimed claim = DispatchQueries.claim(c, now, batchSize);
        List<DueItem> claimed = claim.items();
        Map<UUID, String> deadlineState = claim.deadlineState();
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
        DispatchQueries.cancel(c, closed, "deadline closed");
        DispatchQueries.cancel(c, superseded, "deadline passed before the reminder was sent");

        Map<String, AccountNotifications> accounts = DispatchQueries.loadAccounts(c, byAccount);
        List<DueItem> sent = new ArrayList<>();
        Map<UUID, Set<String>> deliveredNow = new HashMap<>();
        Map<DueItem, String> errors = new LinkedHashMap<>();
        int postponed = 0;
        for (Map.Entry<String, List<DueItem>> e : byAccount.entrySet()) {
            AccountNotifications account = accounts.get(e.getKey());
            List<DueItem> items = e.getValue();
            if (account.digest()) {
                Optional<Instant> last = DispatchQueries.lockDigest(c, account.accountId());
                if (last.isPresent() && last.get().plus(DIGEST_INTERVAL).isAfter(now)) {
                    DispatchQueries.postpone(c, items, last.get().plus(DIGEST_INTERVAL));
                    postponed += items.size();
                    continue;
                }
                deliver(new Delivery(account, items, true), sent, deliveredNow, errors);
                // The hour starts only when an e-mail really went out: a digest whose mail failed is retried with the
                // normal backoff, and a batch that mailed nobody (no recipient for its audience) does not use the hour.
                if (mailedNow(account, items, deliveredNow)) {
                    DispatchQueries.markDigest(c, account.accountId(), now);
                }
            } else {
                for (DueItem item : items) {
                    deliver(new Delivery(account, List.of(item), false), sent, deliveredNow, errors);
                }
            }
        }
        DispatchQueries.markSent(c, instance, sent, deliveredNow, now);
        int failed = DispatchQueries.recordFailures(c, maxAttempts, backoff, errors, deliveredNow, now);
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

    /** With the default first retry: 30 s, 1 min, 2 min, … up to an hour. */
    static Duration backoff(int attempts) {
        return Backoff.exponential(FIRST_RETRY, LONGEST_WAIT).delay(attempts);
    }

    static String names(List<NotificationChannel> channels) {
        return Arrays.toString(channels.stream().map(NotificationChannel::name).toArray());
    }
}
