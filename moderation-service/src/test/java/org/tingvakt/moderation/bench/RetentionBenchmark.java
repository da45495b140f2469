package org.tingvakt.moderation.bench;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tingvakt.devstack.DevStack;
import org.tingvakt.devstack.ServiceProcess;
import org.tingvakt.devstack.TingvaktService;

/**
 * Retention throughput of the packaged moderation-service at 1,000,000 comment versions (issue 15's report): a devstack
 * (real PostgreSQL and Kafka), the service jar as its own JVM, the data generated with set-based SQL, then the service's
 * own scheduled retention job ({@code RetentionJob}, batches of {@code tingvakt.moderation.retention.batch-size}).
 *
 * <p>The data: three accounts (one with a 12-month retention period, two with the default 18), comments received evenly
 * over the last 36 months, every ninth comment edited once (two versions), one case per comment. 5 % of the cases are
 * undecided (PENDING_REVIEW) and 2 % are deleted with their evidence still being archived (an archive request
 * REQUESTED): retention must keep both. Every tenth case has a reply (a platform action with text).
 *
 * <p>The service runs first with retention off (Flyway creates the schema), is filled, then restarted with the job
 * every 10 seconds. While it runs, a sampler reads {@code pg_stat_activity} every 20 ms for the longest open transaction
 * of the service's connections and {@code retention_disposal} for finished batches. The run ends at the job's log line.
 * Afterwards the benchmark checks with SQL that every due version was pseudonymised and that no kept or young one was.
 *
 * <p>Arguments: comment versions (default 1000000). Needs the runnable jar ({@code ./mvnw -pl moderation-service -am
 * package -DskipTests}) and runs from the repository root or the module folder.
 */
public final class RetentionBenchmark {
    private RetentionBenchmark() {}

    private static final Pattern DONE = Pattern.compile(
            "Retention: (\\d+) comment versions and (\\d+) platform actions pseudonymised in (\\d+) batches; (\\d+)");

    public static void main(String[] args) throws Exception {
        int versions = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path root = Path.of("").toAbsolutePath();
        if (!Files.isDirectory(root.resolve("moderation-service"))) {
            root = root.getParent();
        }
        Path logs = root.resolve("moderation-service/target/bench-logs").toAbsolutePath();
        try (DevStack stack = DevStack.start(DevStack.Options.forTests())) {
            String url = stack.jdbcUrl("moderation");
            try (ServiceProcess service = start(root, stack, logs, "off")) {
                service.awaitReady(Duration.ofMinutes(20));
            }
            long[] expected;
            try (Connection db = DriverManager.getConnection(url, stack.username(), stack.password())) {
                long t0 = System.nanoTime();
                generate(db, versions);
                System.out.printf(
                        "generated %d comment versions, %d cases, %d platform actions in %.1f s%n",
                        count(db, "SELECT count(*) FROM comment_version"),
                        count(db, "SELECT count(*) FROM moderation_case"),
                        count(db, "SELECT count(*) FROM platform_action"),
                        (System.nanoTime() - t0) / 1e9);
                expected = expectations(db);
                System.out.printf(
                        "past retention: %d comment versions, of which kept by a rule: %d undecided, %d being archived;"
                                + " due: %d; within retention: %d%n",
                        expected[0], expected[1], expected[2], expected[3], expected[4]);
            }
            Files.deleteIfExists(logs.resolve("moderation-service.log"));
            try (ServiceProcess service = start(root, stack, logs, "0/10 * * * * ?");
                    Connection monitor = DriverManager.getConnection(url, stack.username(), stack.password())) {
                service.awaitReady(Duration.ofMinutes(20));
                AtomicBoolean running = new AtomicBoolean(true);
                AtomicLong longestMicros = new AtomicLong();
                AtomicLong firstBatchNanos = new AtomicLong();
                AtomicLong firstBatchRows = new AtomicLong();
                Thread sampler =
                        new Thread(() -> sample(monitor, running, longestMicros, firstBatchNanos, firstBatchRows));
                sampler.start();
                Matcher done = awaitLogLine(service.logFile(), Duration.ofMinutes(60));
                long end = System.nanoTime();
                running.set(false);
                sampler.join();
                int culled = Integer.parseInt(done.group(1));
                int actions = Integer.parseInt(done.group(2));
                int batches = Integer.parseInt(done.group(3));
                long kept = Long.parseLong(done.group(4));
                double seconds = (end - firstBatchNanos.get()) / 1e9;
                System.out.printf(
                        "%nretention run: %d comment versions and %d platform actions pseudonymised in %d batches"
                                + " (batch size 500)%n",
                        culled, actions, batches);
                System.out.printf(
                        "time from the first finished batch seen (%d versions done) to the job's log line: %.1f s%n",
                        firstBatchRows.get(), seconds);
                System.out.printf(
                        "comment versions culled per second: %.0f%n", (culled - firstBatchRows.get()) / seconds);
                System.out.printf(
                        "longest open transaction of the service seen (pg_stat_activity every 20 ms): %.0f ms%n",
                        longestMicros.get() / 1000.0);
                try (Connection db = DriverManager.getConnection(url, stack.username(), stack.password())) {
                    verify(db, expected, culled, kept);
                }
            }
            System.out.printf(
                    "load average: %s%n",
                    Files.readString(Path.of("/proc/loadavg")).trim());
        }
    }

    private static ServiceProcess start(Path root, DevStack stack, Path logs, String cron) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return ServiceProcess.start(
                root,
                TingvaktService.MODERATION,
                port,
                stack,
                logs,
                ServiceProcess.env("TINGVAKT_DEMO", "false", "TINGVAKT_RETENTION_CRON", cron));
    }

    /** Three accounts; N comment versions over 36 months; cases, archive requests and replies as the class says. */
    private static void generate(Connection db, int versions) throws Exception {
        int comments = versions * 9 / 10;
        try (Statement st = db.createStatement()) {
            st.execute("""
                    INSERT INTO account (id, platform, external_id, name, language, retention_months)
                    SELECT gen_random_uuid(), 'FACEBOOK', 'bench-' || a, 'Bench ' || a, 'da',
                           CASE WHEN a = 3 THEN 12 END
                    FROM generate_series(1, 3) a
                    """);
            // Version 1 of every comment, and a second version of every ninth, a day later. No comment lies within a
            // day of a retention boundary, so the minutes between filling and the job's run change nothing.
            st.execute("""
                    INSERT INTO comment_version (id, platform, comment_id, version, account_id, post_id, thread_key, kind,
                                                 sender_id, sender_name, sender_profile_url, text, permalink,
                                                 created_at, received_at)
                    SELECT gen_random_uuid(), 'FACEBOOK', 'c' || k, v,
                           (SELECT id FROM account WHERE external_id = 'bench-' || (1 + k %% 3)),
                           'p' || (k / 20), 'facebook:p' || (k / 20), 'COMMENT', 's' || (k %% 50000),
                           'Sender ' || (k %% 50000), 'https://facebook.com/s' || (k %% 50000),
                           'Kommentar nummer ' || k || ' version ' || v, 'https://facebook.com/c' || k,
                           t + (v - 1) * interval '1 day', t + (v - 1) * interval '1 day'
                    FROM (SELECT k, CASE WHEN abs(extract(epoch FROM t - (now() - interval '18 months'))) < 86400
                                           OR abs(extract(epoch FROM t - (now() - interval '12 months'))) < 86400
                                      THEN t - interval '3 days' ELSE t END AS t
                          FROM (SELECT k, now() - (k::float8 / %d) * interval '36 months' AS t
                                FROM generate_series(1, %d) k) g) c
                    CROSS JOIN LATERAL generate_series(1, CASE WHEN k %% 9 = 0 THEN 2 ELSE 1 END) v
                    """.formatted(comments, comments));
            st.execute("""
                    INSERT INTO moderation_case (id, platform, comment_id, comment_version_id, version, account_id,
                                                 thread_key, state, language, labels, intents, scores, spans,
                                                 policy_action, decision_reason, decided_by, decision_note,
                                                 received_at, created_at, updated_at)
                    SELECT gen_random_uuid(), 'FACEBOOK', v.comment_id, v.id, v.version, v.account_id, v.thread_key,
                           CASE WHEN k %% 20 = 0 THEN 'PENDING_REVIEW' WHEN k %% 50 = 1 THEN 'DELETED'
                                ELSE (ARRAY['APPROVED','HIDDEN','REPLIED','DELETED'])[1 + k %% 4] END,
                           'da', ARRAY['INSULT'], ARRAY[]::text[], '{"INSULT":0.8}'::jsonb,
                           '[{"label":"INSULT","start":0,"end":5,"rule":"bench"}]'::jsonb, 'REVIEW',
                           'bench', 'moderator-1', 'a note that names the sender', v.received_at, v.received_at,
                           v.received_at
                    FROM (SELECT DISTINCT ON (comment_id) *, substring(comment_id from 2)::int AS k
                          FROM comment_version ORDER BY comment_id, version DESC) v
                    """.formatted());
            st.execute("""
                    INSERT INTO archive_request (id, case_id, comment_version_id, content_sha256, state, requested_at)
                    SELECT gen_random_uuid(), c.id, c.comment_version_id, md5(c.comment_id), 'REQUESTED', c.received_at
                    FROM moderation_case c WHERE substring(c.comment_id from 2)::int %% 50 = 1
                    """.formatted());
            st.execute("""
                    INSERT INTO platform_action (id, case_id, operation, platform, account_external_id, target_id, text,
                                                 actor, state, next_attempt_at, result_category, created_at, updated_at)
                    SELECT gen_random_uuid(), c.id, 'REPLY', 'FACEBOOK', a.external_id, c.comment_id,
                           'Tak for din kommentar', 'moderator-1', 'DONE', c.received_at, 'SUCCESS', c.received_at,
                           c.received_at
                    FROM moderation_case c JOIN account a ON a.id = c.account_id
                    WHERE substring(c.comment_id from 2)::int %% 10 = 3
                    """.formatted());
            for (String t :
                    List.of("account", "comment_version", "moderation_case", "archive_request", "platform_action")) {
                st.execute("VACUUM ANALYZE " + t);
            }
        }
    }

    private static final String PAST =
            "v.received_at < now() - make_interval(months => coalesce(a.retention_months, 18))";
    private static final String KEPT_UNDECIDED = "c.state NOT IN ('APPROVED','HIDDEN','DELETED','REPLIED')";
    private static final String KEPT_ARCHIVING =
            "EXISTS (SELECT 1 FROM archive_request r WHERE r.case_id = c.id AND r.state = 'REQUESTED')";
    private static final String FROM = "FROM comment_version v JOIN account a ON a.id = v.account_id "
            + "JOIN moderation_case c ON c.platform = v.platform AND c.comment_id = v.comment_id ";

    /** past retention, kept undecided, kept being archived, due, within retention. */
    private static long[] expectations(Connection db) throws Exception {
        long past = count(db, "SELECT count(*) " + FROM + "WHERE " + PAST);
        long undecided = count(db, "SELECT count(*) " + FROM + "WHERE " + PAST + " AND " + KEPT_UNDECIDED);
        long archiving = count(
                db,
                "SELECT count(*) " + FROM + "WHERE " + PAST + " AND NOT " + KEPT_UNDECIDED + " AND " + KEPT_ARCHIVING);
        long young = count(db, "SELECT count(*) " + FROM + "WHERE NOT " + PAST);
        return new long[] {past, undecided, archiving, past - undecided - archiving, young};
    }

    private static void verify(Connection db, long[] expected, int culled, long keptReported) throws Exception {
        long pseudonymised = count(
                db,
                "SELECT count(*) FROM comment_version WHERE personal_data_removed_at IS NOT NULL AND text = '' "
                        + "AND sender_id IS NULL AND sender_name IS NULL AND sender_profile_url IS NULL");
        long keptIntact = count(
                db,
                "SELECT count(*) " + FROM + "WHERE " + PAST + " AND (" + KEPT_UNDECIDED + " OR " + KEPT_ARCHIVING
                        + ") AND v.personal_data_removed_at IS NULL AND v.sender_id IS NOT NULL AND v.text <> ''");
        long youngIntact = count(
                db,
                "SELECT count(*) " + FROM + "WHERE NOT " + PAST
                        + " AND v.personal_data_removed_at IS NULL AND v.sender_id IS NOT NULL");
        long duesLeft = count(
                db,
                "SELECT count(*) " + FROM + "WHERE " + PAST + " AND NOT (" + KEPT_UNDECIDED + " OR " + KEPT_ARCHIVING
                        + ") AND v.personal_data_removed_at IS NULL");
        long casesWithNotes = count(
                db,
                "SELECT count(*) FROM moderation_case c JOIN comment_version v ON v.id = c.comment_version_id "
                        + "WHERE v.personal_data_removed_at IS NOT NULL AND (c.decision_note IS NOT NULL OR c.spans <> '[]')");
        boolean ok = pseudonymised == expected[3]
                && culled == expected[3]
                && keptIntact == expected[1] + expected[2]
                && keptReported == expected[1] + expected[2]
                && youngIntact == expected[4]
                && duesLeft == 0
                && casesWithNotes == 0;
        System.out.printf(
                "check: pseudonymised %d (due %d); kept intact %d (undecided %d + being archived %d; the job reported %d);"
                        + " within retention intact %d of %d; due left %d; their cases with a note or spans %d -> %s%n",
                pseudonymised,
                expected[3],
                keptIntact,
                expected[1],
                expected[2],
                keptReported,
                youngIntact,
                expected[4],
                duesLeft,
                casesWithNotes,
                ok ? "OK" : "FAILED");
        if (!ok) {
            throw new IllegalStateException("retention did not do what the rules say");
        }
    }

    private static void sample(
            Connection monitor,
            AtomicBoolean running,
            AtomicLong longestMicros,
            AtomicLong firstBatchNanos,
            AtomicLong firstBatchRows) {
        try (Statement st = monitor.createStatement()) {
            while (running.get()) {
                try (ResultSet rs =
                        st.executeQuery("SELECT coalesce(max(extract(epoch FROM clock_timestamp() - xact_start)), 0), "
                                + "(SELECT coalesce(sum(comment_versions), 0) FROM retention_disposal) FROM pg_stat_activity "
                                + "WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL "
                                + "AND backend_type = 'client backend'")) {
                    rs.next();
                    long micros = (long) (rs.getDouble(1) * 1e6);
                    longestMicros.accumulateAndGet(micros, Math::max);
                    if (rs.getLong(2) > 0 && firstBatchNanos.compareAndSet(0, System.nanoTime())) {
                        firstBatchRows.set(rs.getLong(2));
                    }
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            throw new IllegalStateException("sampler failed", e);
        }
    }

    private static Matcher awaitLogLine(Path log, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                Matcher m = DONE.matcher(Files.readString(log));
                if (m.find()) {
                    return m;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the retention job did not finish within " + timeout + "; see " + log);
    }

    private static long count(Connection db, String sql) throws Exception {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
