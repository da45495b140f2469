package org.tingvakt.notifier.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tingvakt.devstack.DevStackTestResource;

/**
 * The dispatcher against the real PostgreSQL: several instances, a crash in the middle of a batch, a failing channel.
 * Rows are due in 2100 and the dispatchers here run on a clock set then, so the service's own scheduled dispatcher (on
 * the real clock) never touches them.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "notifier"))
class NotificationDispatcherTest {
    @Inject
    AgroalDataSource dataSource;

    private static Instant due() {
        // Each test its own minute of 2100, so tests never see each other's rows.
        return Instant.parse("2100-01-01T00:00:00Z").plusSeconds(60L * COUNTER.incrementAndGet());
    }

    private static final AtomicInteger COUNTER = new AtomicInteger();

    /**
     * A dispatcher on a clock in 2100 finds every pending row due, whoever wrote it (other test classes leave reminders
     * planned for 2026–2027 pending): cancel them all, so each test here counts only its own rows.
     */
    @BeforeEach
    void cancelLeftovers() throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("UPDATE notification SET state = 'CANCELLED' WHERE state = 'PENDING'")) {
            ps.executeUpdate();
        }
    }

    private NotificationDispatcher dispatcher(List<NotificationChannel> channels, Instant now, int batch) {
        return new NotificationDispatcher(
                dataSource, channels, "test-" + UUID.randomUUID(), batch, 5, Clock.fixed(now, ZoneOffset.UTC));
    }

    private long count(String account, String state) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT count(*) FROM notification WHERE account_id = ? AND state = ?")) {
            ps.setString(1, account);
            ps.setString(2, state);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void fourInstancesAtOnceSendEveryDueNotificationExactlyOnce() throws Exception {
        String account = "disp-" + UUID.randomUUID();
        Instant due = due();
        DueRows.insert(dataSource, account, 3000, due);
        CountingChannel channel = new CountingChannel("count");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<NotificationDispatcher.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            NotificationDispatcher d = dispatcher(List.of(channel), due, 100);
            runs.add(pool.submit(d::dispatchDue));
        }
        int sent = 0;
        for (Future<NotificationDispatcher.Result> f : runs) {
            sent += f.get().sent();
        }
        pool.shutdown();
        assertThat(sent).isEqualTo(3000);
        assertThat(channel.counts).hasSize(3000);
        assertThat(channel.duplicates()).isZero();
        assertThat(count(account, "SENT")).isEqualTo(3000);
        assertThat(count(account, "PENDING")).isZero();
    }

    /** Thrown past the dispatcher's channel error handling, like a process dying in the middle of a batch. */
    static final class Crash extends Error {}

    @Test
    void aCrashAfterSomeSendsRollsTheBatchBackAndTheNextRunSendsEveryOneAtLeastOnce() throws Exception {
        String account = "disp-" + UUID.randomUUID();
        Instant due = due();
        DueRows.insert(dataSource, account, 50, due);
        CountingChannel counted = new CountingChannel("count");
        AtomicInteger calls = new AtomicInteger();
        NotificationChannel crashing = new NotificationChannel() {
            @Override
            public String name() {
                return "count";
            }

            @Override
            public void send(Delivery delivery) throws Exception {
                counted.send(delivery);
                if (calls.incrementAndGet() == 5) {
                    throw new Crash();
                }
            }
        };
        assertThatThrownBy(() -> dispatcher(List.of(crashing), due, 100).dispatchDue())
                .isInstanceOf(Crash.class);
        assertThat(count(account, "PENDING")).as("nothing marked sent").isEqualTo(50);

        NotificationDispatcher.Result r = dispatcher(List.of(counted), due, 100).dispatchDue();
        assertThat(r.sent()).isEqualTo(50);
        assertThat(count(account, "SENT")).isEqualTo(50);
        assertThat(counted.counts).hasSize(50);
        // At-least-once: the five handed over before the crash went out a second time; no one was skipped.
        assertThat(counted.duplicates()).isEqualTo(5);
        assertThat(dispatcher(List.of(counted), due, 100).dispatchDue().claimed())
                .isZero();
    }

    @Test
    void aFailingChannelIsRetriedAfterBackoffWithoutAskingTheChannelsThatSucceeded() throws Exception {
        String account = "disp-" + UUID.randomUUID();
        Instant due = due();
        DueRows.insert(dataSource, account, 3, due);
        CountingChannel ok = new CountingChannel("ok");
        AtomicInteger failures = new AtomicInteger();
        NotificationChannel flaky = new NotificationChannel() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public void send(Delivery delivery) throws Exception {
                if (failures.getAndIncrement() < 3) {
                    throw new java.io.IOException("503");
                }
            }
        };
        NotificationDispatcher.Result first =
                dispatcher(List.of(ok, flaky), due, 100).dispatchDue();
        assertThat(first.retried()).isEqualTo(3);
        assertThat(count(account, "PENDING")).isEqualTo(3);
        assertThat(dispatcher(List.of(ok, flaky), due.plusSeconds(29), 100)
                        .dispatchDue()
                        .claimed())
                .as("not before the backoff")
                .isZero();
        NotificationDispatcher.Result second =
                dispatcher(List.of(ok, flaky), due.plusSeconds(31), 100).dispatchDue();
        assertThat(second.sent()).isEqualTo(3);
        assertThat(ok.duplicates())
                .as("the channel that took it first is not asked again")
                .isZero();
        assertThat(count(account, "SENT")).isEqualTo(3);
    }

    @Test
    void aDigestWhoseMailFailedIsRetriedWithTheBackoffNotAnHourLater() throws Exception {
        String account = "disp-" + UUID.randomUUID();
        Instant due = due();
        digestAccount(account, "editor@kommune.example");
        DueRows.insert(dataSource, account, 2, due);
        AtomicInteger mails = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();
        NotificationChannel email = new NotificationChannel() {
            @Override
            public String name() {
                return NotificationDispatcher.EMAIL;
            }

            @Override
            public void send(Delivery delivery) throws Exception {
                assertThat(delivery.digest()).isTrue();
                if (attempts.getAndIncrement() == 0) {
                    throw new java.io.IOException("SMTP 421");
                }
                mails.incrementAndGet();
            }
        };
        assertThat(dispatcher(List.of(email), due, 100).dispatchDue().retried()).isEqualTo(2);
        assertThat(lastDigest(account))
                .as("a failed mail does not start the digest hour")
                .isNull();

        NotificationDispatcher.Result retry =
                dispatcher(List.of(email), due.plusSeconds(31), 100).dispatchDue();
        assertThat(retry.sent()).as("both in one digest, 31 s later").isEqualTo(2);
        assertThat(mails).hasValue(1);
        assertThat(lastDigest(account)).isEqualTo(due.plusSeconds(31));

        // Another escalation due a minute later waits for the hour to pass, and then goes in the next digest.
        DueRows.insert(dataSource, account, 1, due.plusSeconds(90));
        NotificationDispatcher.Result held =
                dispatcher(List.of(email), due.plusSeconds(90), 100).dispatchDue();
        assertThat(held.postponed()).isEqualTo(1);
        assertThat(mails).hasValue(1);
        assertThat(dispatcher(List.of(email), due.plusSeconds(31 + 3600), 100)
                        .dispatchDue()
                        .sent())
                .isEqualTo(1);
        assertThat(mails).hasValue(2);
    }

    @Test
    void aDigestBatchThatMailsNobodyDoesNotUseTheHour() throws Exception {
        String account = "disp-" + UUID.randomUUID();
        Instant due = due();
        digestAccount(account, null); // settings with digest on, but no editor to mail the escalations to
        DueRows.insert(dataSource, account, 1, due);
        CountingChannel email = new CountingChannel(NotificationDispatcher.EMAIL);
        assertThat(dispatcher(List.of(email), due, 100).dispatchDue().sent()).isEqualTo(1);
        assertThat(lastDigest(account)).isNull();
    }

    private void digestAccount(String account, String editor) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO notification_setting (account_id, language, digest) VALUES (?, 'da', TRUE)")) {
                ps.setString(1, account);
                ps.executeUpdate();
            }
            if (editor != null) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO notification_recipient (id, account_id,"
                        + " email, role) VALUES (?, ?, ?, 'EDITOR')")) {
                    ps.setObject(1, UUID.randomUUID());
                    ps.setString(2, account);
                    ps.setString(3, editor);
                    ps.executeUpdate();
                }
            }
        }
    }

    private Instant lastDigest(String account) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT last_digest_at FROM notification_setting WHERE account_id = ?")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                java.time.OffsetDateTime t = rs.getObject(1, java.time.OffsetDateTime.class);
                return t == null ? null : t.toInstant();
            }
        }
    }

    @Test
    void backoffDoublesUpToAnHour() {
        assertThat(NotificationDispatcher.backoff(1)).hasSeconds(30);
        assertThat(NotificationDispatcher.backoff(2)).hasSeconds(60);
        assertThat(NotificationDispatcher.backoff(12)).hasHours(1);
    }
}
