package org.tingvakt.notifier.notification;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.tingvakt.devstack.DevStack;

/**
 * The target: 100,000 open deadlines whose escalations are due in the same minute, all sent within 60 s, none
 * twice. Starts the devstack's real PostgreSQL, migrates the notifier schema, inserts the rows, then runs N dispatcher
 * instances (threads, each its own connections, as N service instances would) with a counting channel, and prints the
 * elapsed time, throughput and duplicates.
 *
 * <pre>
 * ./mvnw -B -q -pl notifier-service test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath org.tingvakt.notifier.notification.NotificationDispatchBenchmark 100000 4 1000"
 * </pre>
 * Arguments: rows (100000), instances (4), batch size (1000).
 */
public final class NotificationDispatchBenchmark {
    private NotificationDispatchBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        try (DevStack stack = DevStack.start(new DevStack.Options(0, 0, 1))) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(stack.jdbcUrl("notifier"));
            ds.setUser(stack.username());
            ds.setPassword(stack.password());
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/eventing", "classpath:db/migration")
                    .load()
                    .migrate();

            Instant due = Instant.parse("2026-12-01T09:00:00Z");
            long t0 = System.nanoTime();
            DueRows.insert(ds, "bench-account", rows, due);
            System.out.printf(
                    Locale.ROOT,
                    "inserted %,d open deadlines with a due escalation in %.1f s%n",
                    rows,
                    (System.nanoTime() - t0) / 1e9);
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("ANALYZE notification");
                s.execute("ANALYZE reply_deadline");
            }

            CountingChannel channel = new CountingChannel("count");
            Clock clock = Clock.fixed(due.plusSeconds(30), ZoneOffset.UTC); // all due within the same minute
            ExecutorService pool = Executors.newFixedThreadPool(instances);
            List<Future<NotificationDispatcher.Result>> runs = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < instances; i++) {
                NotificationDispatcher d =
                        new NotificationDispatcher(ds, List.of(channel), "bench-" + i, batch, 8, clock);
                runs.add(pool.submit(d::dispatchDue));
            }
            int sent = 0;
            for (int i = 0; i < runs.size(); i++) {
                NotificationDispatcher.Result r = runs.get(i).get();
                sent += r.sent();
                System.out.printf(Locale.ROOT, "instance %d: %s%n", i, r);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            long marked;
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM notification WHERE state = 'SENT'")) {
                rs.next();
                marked = rs.getLong(1);
            }
            System.out.printf(
                    Locale.ROOT,
                    "dispatched: %,d sent by %d instances (batch %d) in %.2f s = %,.0f/s;"
                            + " distinct notified %,d; duplicates %d; rows marked SENT %,d; target: all within 60 s -> %s%n",
                    sent,
                    instances,
                    batch,
                    seconds,
                    sent / seconds,
                    channel.counts.size(),
                    channel.duplicates(),
                    marked,
                    seconds <= 60 && sent == rows && channel.duplicates() == 0 ? "MET" : "NOT MET");
            System.out.printf(
                    Locale.ROOT,
                    "cores %d, load average %.2f%n",
                    Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
        }
    }
}
