package org.tingvakt.moderation.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.tingvakt.devstack.DevStack;
import org.tingvakt.devstack.LocalSecrets;
import org.tingvakt.devstack.LocalTokens;
import org.tingvakt.devstack.SampleWebhook;
import org.tingvakt.devstack.ServiceProcess;
import org.tingvakt.devstack.TingvaktService;

/**
 * Load generator for the target "webhook → classified case visible in the API: ≥ 500 comments/s sustained, p99 < 500 ms,
 * count in = count out". Starts a devstack (real Kafka, real PostgreSQL) and the packaged moderation service as its own
 * JVM, then sends signed Facebook webhooks (one comment each) to localhost at a fixed rate from a bounded pool of
 * senders, and watches the service's database for the cases (one indexed range query per poll).
 *
 * <p>Latency of one comment = the first time a poller (every {@code pollMs}) saw its case row committed, minus the moment
 * its webhook request started. A committed case row is what {@code GET /api/cases} reads, so this is "visible in the API"
 * up to the poll interval (an over-estimate by at most {@code pollMs}); a sample of cases is also fetched through the API
 * at the end to show that they are there. Prints sent, accepted, stored, classified, rates, p50/p90/p99/max.
 *
 * <pre>
 * args: rate (comments/s, default 500), seconds (default 30), warm-up seconds (default 10), senders (default 32),
 *       poll ms (default 50)
 * </pre>
 */
public final class IngestionThroughputBenchmark {
    private static final String PAGE = SampleWebhook.DEMO_PAGE_ID;
    private static final List<String> TEXTS = List.of(
            "Hvornår åbner svømmehallen igen efter renoveringen?",
            "Tak for en god borgermøde i går, det var rigtig godt arrangeret.",
            "Jeg vil klage over snerydningen på min vej, den er ikke sket i tre dage.",
            "Varför har biblioteket stängt på lördagar nu?",
            "Det her er noget fuldstændig idiotisk pjat fra kommunen.",
            "Når kommer svaret på byggesøknaden min?",
            "Køb billige solbriller på www.example-shop.test – kun i dag!",
            "Great initiative, thank you to everyone involved.",
            "Kan I ikke bare svare på mine mails? Jeg har ventet i to uger.",
            "Ring til mig på 20 30 40 50, mit cpr er 010203-1234");

    private IngestionThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rate = arg(args, 0, 500);
        int seconds = arg(args, 1, 30);
        int warmup = arg(args, 2, 10);
        int senders = arg(args, 3, 32);
        int pollMs = arg(args, 4, 50);
        Path root = Path.of(System.getProperty("tingvakt.repo", "."))
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(TingvaktService.MODERATION.runnableJar(root))) {
            throw new IllegalStateException("run from the repository root after ./mvnw -pl moderation-service package");
        }
        int port = 18090;
        String tracing = System.getProperty("tingvakt.bench.tracing", "export");
        System.out.printf(
                "load: %d comments/s for %d s (warm-up %d s), %d senders, poll %d ms; tracing %s; cores %d, load avg %s%n",
                rate,
                seconds,
                warmup,
                senders,
                pollMs,
                tracing,
                Runtime.getRuntime().availableProcessors(),
                loadAverage());
        try (SpanSink spans = SpanSink.start();
                DevStack stack = DevStack.start(DevStack.Options.forTests());
                ServiceProcess service = ServiceProcess.start(
                        root,
                        TingvaktService.MODERATION,
                        port,
                        stack,
                        root.resolve("moderation-service/target/bench-logs"),
                        tracingEnvironment(tracing, spans))) {
            System.out.printf(
                    "service ready in %s (log %s)%n", service.awaitReady(Duration.ofMinutes(3)), service.logFile());
            String jdbc = stack.jdbcUrl("moderation");
            java.util.Properties props = new java.util.Properties();
            props.setProperty("user", stack.username());
            props.setProperty("password", stack.password());
            props.setProperty("prepareThreshold", "0"); // a plan for each poll's bounds: the index range scan
            try (Connection db = DriverManager.getConnection(jdbc, props)) {
                if (warmup > 0) {
                    Run w = new Run("warm-" + System.nanoTime(), service.baseUrl(), rate, warmup, senders, pollMs, db);
                    w.execute();
                    w.close();
                    System.out.printf("warm-up: %s%n", w.summary());
                }
                Run run = new Run("bench-" + System.nanoTime(), service.baseUrl(), rate, seconds, senders, pollMs, db);
                long postmaster = postmasterPid(db);
                boolean statements = resetStatements(db);
                String load0 = loadAverage();
                long serviceCpu0 = cpuMillis(service.pid(), false);
                long dbCpu0 = cpuMillis(postmaster, true);
                long ownCpu0 = cpuMillis(ProcessHandle.current().pid(), false);
                ThreadCpu threads0 = ThreadCpu.now();
                java.util.Map<String, Long> serviceThreads0 = threadTicks(service.pid());
                java.util.Map<String, Long> ownThreads0 =
                        threadTicks(ProcessHandle.current().pid());
                run.execute();
                java.util.Map<String, Long> serviceThreads = minus(threadTicks(service.pid()), serviceThreads0);
                java.util.Map<String, Long> ownThreads =
                        minus(threadTicks(ProcessHandle.current().pid()), ownThreads0);
                long serviceCpu = cpuMillis(service.pid(), false) - serviceCpu0;
                long dbCpu = cpuMillis(postmaster, true) - dbCpu0;
                long ownCpu = cpuMillis(ProcessHandle.current().pid(), false) - ownCpu0;
                ThreadCpu threads = ThreadCpu.now().minus(threads0);
                run.close();
                System.out.printf("MEASURED: %s%n", run.summary());
                System.out.printf("load avg before the measured run: %s%n", load0);
                // Load-independent figures: CPU time (user + system, from /proc) per classified comment of each
                // process on the path. Kafka's broker runs inside this JVM (devstack): its threads are told apart from
                // the load generator's by name; the JVM's own threads (GC, JIT) are shown apart.
                double n = Math.max(1, run.classified);
                double kafkaMs = threads.otherMillis();
                double benchMs = threads.benchMillis();
                double jvmMs = Math.max(0, ownCpu - kafkaMs - benchMs);
                System.out.printf(
                        "CPU per comment: service %.2f ms, PostgreSQL %.2f ms, Kafka broker %.2f ms, "
                                + "load generator %.2f ms (+ %.2f ms GC/JIT of the JVM they share) = %.2f ms "
                                + "(two cores give 4.0 ms per comment at 500/s)%n",
                        serviceCpu / n,
                        dbCpu / n,
                        kafkaMs / n,
                        benchMs / n,
                        jvmMs / n,
                        (serviceCpu + dbCpu + ownCpu) / n);
                System.out.printf(
                        "service CPU: %d ms for %d comments = %.2f ms per comment -> at most %.0f comments/s "
                                + "per fully available core for the service alone%n",
                        serviceCpu, run.classified, serviceCpu / n, 1000.0 * n / Math.max(1, serviceCpu));
                printThreads("service JVM", serviceThreads, n);
                printThreads("benchmark JVM (Kafka broker + load generator)", ownThreads, n);
                if (statements) {
                    printStatements(db, n);
                }
                run.checkThroughApi(service.baseUrl());
            }
            if (tracing.equals("export")) {
                System.out.printf(
                        "OTLP receiver: %d export requests, %d bytes of spans%n",
                        spans.requests.get(), spans.bytes.get());
            }
        }
        System.out.printf("load avg after: %s%n", loadAverage());
    }

    /** One paced run: send, then wait for every accepted comment's case. */
    static final class Run {
        final String prefix;
        final String baseUrl;
        final int rate;
        final int seconds;
        final int senders;
        final int pollMs;
        final Connection db;
        final int total;
        final long[] sentAt;
        final long[] seenAt;
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicLong lateStarts = new AtomicLong();
        long sendStart;
        long sendEnd;
        long allSeen;
        int stored;
        int classified;

        Run(String prefix, String baseUrl, int rate, int seconds, int senders, int pollMs, Connection db) {
            this.prefix = prefix;
            this.baseUrl = baseUrl;
            this.rate = rate;
            this.seconds = seconds;
            this.senders = senders;
            this.pollMs = pollMs;
            this.db = db;
            this.total = rate * seconds;
            this.sentAt = new long[total];
            this.seenAt = new long[total];
        }

        /** The load generator's threads; kept alive until {@link #close} so their CPU time is read before they end. */
        private ExecutorService pool;

        void close() {
            if (pool != null) {
                pool.shutdownNow();
            }
        }

        void execute() throws Exception {
            URI base = URI.create(baseUrl);
            pool = Executors.newFixedThreadPool(senders, daemon("sender"));
            List<java.util.concurrent.Future<Object>> sending = new java.util.ArrayList<>();
            AtomicInteger next = new AtomicInteger();
            Thread poller = new Thread(this::poll, "case-poller");
            poller.setDaemon(true);
            sendStart = System.currentTimeMillis();
            poller.start();
            long startNanos = System.nanoTime();
            for (int s = 0; s < senders; s++) {
                sending.add(pool.submit(() -> {
                    int i;
                    Http1Connection http = new Http1Connection(base.getHost(), base.getPort());
                    while ((i = next.getAndIncrement()) < total) {
                        long due = startNanos + (long) i * 1_000_000_000L / rate;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        } else if (wait < -50_000_000L) {
                            lateStarts.incrementAndGet(); // the senders could not keep the pace
                        }
                        send(http, i);
                    }
                    http.close();
                    return null;
                }));
            }
            // The sender threads are not shut down here: a thread that ends takes its CPU time with it (the per-process
            // figures would then book the load generator's work as "GC/JIT").
            for (java.util.concurrent.Future<Object> f : sending) {
                f.get(seconds + 300L, TimeUnit.SECONDS);
            }
            sendEnd = System.currentTimeMillis();
            long deadline = System.currentTimeMillis() + 180_000;
            while (seenCount() < accepted.get() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            poller.interrupt();
            poller.join(5_000);
            allSeen = System.currentTimeMillis();
            try (PreparedStatement ps = db.prepareStatement("SELECT (SELECT count(*) FROM comment_version "
                    + "WHERE comment_id LIKE ?), (SELECT count(*) FROM moderation_case WHERE comment_id LIKE ? "
                    + "AND state <> 'RECEIVED')")) {
                ps.setString(1, prefix + "%");
                ps.setString(2, prefix + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    stored = rs.getInt(1);
                    classified = rs.getInt(2);
                }
            }
        }

        private void send(Http1Connection http, int i) {
            String post = PAGE + "_" + prefix + "-p" + (i % 200);
            String body = SampleWebhook.comment(
                    PAGE,
                    post,
                    prefix + "-" + i,
                    Integer.toString(100000 + i % 5000),
                    "Bench Sender",
                    TEXTS.get(i % TEXTS.size()) + " #" + i);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String signature = SampleWebhook.signature(LocalSecrets.META_APP_SECRET, bytes);
            sentAt[i] = System.currentTimeMillis();
            try {
                Http1Connection.Response r =
                        http.post("/webhooks/meta", "application/json", "X-Hub-Signature-256", signature, bytes);
                if (r.status() == 200 && r.body().contains("\"stored\":1")) {
                    accepted.incrementAndGet();
                } else {
                    refused.incrementAndGet();
                    sentAt[i] = -1;
                }
            } catch (Exception e) {
                refused.incrementAndGet();
                sentAt[i] = -1;
            }
        }

        /**
         * Sees committed case rows of this run, cheaply enough not to be a bottleneck: every poll is one range query on
         * the {@code moderation_case_received} index — cases received since the earliest sent-but-unseen comment started
         * (a case's {@code received_at} is taken in the service after its request started, on the same clock) — that
         * returns only the rows committed since the previous poll: those whose inserting transaction ({@code xmin}) was
         * not yet visible in the previous poll's snapshot ({@code pg_visible_in_snapshot}; the devstack's database is
         * fresh, so the 32-bit {@code xmin} is the 64-bit transaction id). As a safety net, every 2 s the ids still
         * unseen 3 s after their request are looked up by id (unique index); a case found that way counts as seen then
         * (latency over- rather than under-estimated).
         */
        private void poll() {
            try (PreparedStatement range = db.prepareStatement("SELECT pg_current_snapshot()::text, ARRAY(SELECT "
                            + "comment_id FROM moderation_case WHERE received_at >= ? "
                            + "AND NOT pg_visible_in_snapshot(xmin::text::xid8, ?::pg_snapshot))");
                    PreparedStatement snapshot = db.prepareStatement("SELECT pg_current_snapshot()::text");
                    PreparedStatement byId = db.prepareStatement("SELECT comment_id FROM moderation_case "
                            + "WHERE platform = 'FACEBOOK' AND comment_id = ANY (?)")) {
                int low = 0;
                long lastSweep = System.currentTimeMillis();
                String previous;
                try (ResultSet rs = snapshot.executeQuery()) {
                    rs.next();
                    previous = rs.getString(1);
                }
                while (!Thread.currentThread().isInterrupted()) {
                    long now = System.currentTimeMillis();
                    while (low < total && (seenAt[low] != 0 || sentAt[low] < 0)) {
                        low++;
                    }
                    long from = Long.MAX_VALUE;
                    List<String> overdue = new java.util.ArrayList<>();
                    boolean sweep = now - lastSweep >= 2000;
                    for (int i = low; i < total; i++) {
                        if (seenAt[i] == 0 && sentAt[i] > 0) {
                            from = Math.min(from, sentAt[i]);
                            if (sweep && now - sentAt[i] > 3000) {
                                overdue.add(prefix + "-" + i);
                            }
                        }
                    }
                    if (from != Long.MAX_VALUE) {
                        // One statement (READ COMMITTED): the rows it sees and the snapshot it saw them in.
                        range.setObject(1, utc(from - 5));
                        range.setString(2, previous);
                        try (ResultSet rs = range.executeQuery()) {
                            rs.next();
                            previous = rs.getString(1);
                            for (Object id : (Object[]) rs.getArray(2).getArray()) {
                                markSeen((String) id, now);
                            }
                        }
                    }
                    if (!overdue.isEmpty()) {
                        byId.setArray(1, db.createArrayOf("text", overdue.toArray()));
                        try (ResultSet rs = byId.executeQuery()) {
                            while (rs.next()) {
                                markSeen(rs.getString(1), now);
                            }
                        }
                    }
                    if (sweep) {
                        lastSweep = now;
                    }
                    Thread.sleep(pollMs);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.out.println("poller stopped: " + e);
            }
        }

        private void markSeen(String commentId, long now) {
            String mine = prefix + "-";
            if (commentId.startsWith(mine)) {
                int i = Integer.parseInt(commentId.substring(mine.length()));
                if (seenAt[i] == 0) {
                    seenAt[i] = now;
                }
            }
        }

        private static java.time.OffsetDateTime utc(long epochMillis) {
            return java.time.OffsetDateTime.ofInstant(
                    java.time.Instant.ofEpochMilli(epochMillis), java.time.ZoneOffset.UTC);
        }

        private int seenCount() {
            int n = 0;
            for (long s : seenAt) {
                if (s != 0) {
                    n++;
                }
            }
            return n;
        }

        String summary() {
            long[] lat = new long[total];
            int n = 0;
            int unseen = 0;
            for (int i = 0; i < total; i++) {
                if (sentAt[i] > 0) {
                    if (seenAt[i] == 0) {
                        unseen++;
                    } else {
                        lat[n++] = seenAt[i] - sentAt[i];
                    }
                }
            }
            lat = Arrays.copyOf(lat, n);
            Arrays.sort(lat);
            double sendSeconds = (sendEnd - sendStart) / 1000.0;
            double endToEnd = (lastSeen() - sendStart) / 1000.0;
            return String.format(
                    "sent %d, accepted %d, refused %d, late starts %d; stored %d, classified %d, "
                            + "seen by poller %d, unseen %d; send rate %.0f/s over %.1f s; classified rate %.0f/s "
                            + "(first send to last case %.1f s); latency ms p50 %d, p90 %d, p99 %d, max %d",
                    total,
                    accepted.get(),
                    refused.get(),
                    lateStarts.get(),
                    stored,
                    classified,
                    n,
                    unseen,
                    total / sendSeconds,
                    sendSeconds,
                    classified / endToEnd,
                    endToEnd,
                    pct(lat, 50),
                    pct(lat, 90),
                    pct(lat, 99),
                    lat.length == 0 ? -1 : lat[lat.length - 1]);
        }

        private long lastSeen() {
            long max = sendStart;
            for (long s : seenAt) {
                max = Math.max(max, s);
            }
            return max;
        }

        /** Fetches a few of the run's cases through the moderators' API, as a moderator. */
        void checkThroughApi(String baseUrl) throws Exception {
            HttpClient http = HttpClient.newHttpClient();
            int ok = 0;
            int asked = 0;
            try (PreparedStatement ps = db.prepareStatement(
                    "SELECT id FROM moderation_case WHERE comment_id LIKE ? ORDER BY random() LIMIT 20")) {
                ps.setString(1, prefix + "-%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        asked++;
                        HttpRequest r = HttpRequest.newBuilder(URI.create(baseUrl + "/api/cases/" + rs.getString(1)))
                                .header("Authorization", "Bearer " + LocalTokens.forRole("moderator"))
                                .build();
                        if (http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                            ok++;
                        }
                    }
                }
            }
            System.out.printf("API check: %d of %d sampled cases answered 200 on GET /api/cases/{id}%n", ok, asked);
        }
    }

    /**
     * utime + stime of a process from /proc (Linux), in ms, with {@code withDescendants} also those of its live
     * descendants and its reaped children (PostgreSQL's backends); -1 elsewhere.
     */
    private static long cpuMillis(long pid, boolean withDescendants) {
        try {
            long ticks = ticks(pid, withDescendants);
            if (withDescendants) {
                for (ProcessHandle child :
                        ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of())) {
                    try {
                        ticks += ticks(child.pid(), true);
                    } catch (Exception gone) {
                        // exited meanwhile: its time is in the parent's cutime once reaped
                    }
                }
            }
            return ticks * 10; // USER_HZ is 100 on Linux
        } catch (Exception e) {
            return -1;
        }
    }

    private static long ticks(long pid, boolean children) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long t = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime: fields 14 and 15 of proc(5)
        return children ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t; // cutime, cstime
    }

    /**
     * CPU ticks (utime + stime, /proc/&lt;pid&gt;/task/*&#47;stat) of a JVM's threads, summed by thread name with digits
     * folded ("executor-thread-12" and "-3" together; the kernel keeps the first 15 characters of a name): shows the
     * JIT compiler and GC threads, which JFR's execution samples do not.
     */
    private static java.util.Map<String, Long> threadTicks(long pid) {
        java.util.Map<String, Long> byName = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[0-9]+", "#");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byName.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (Exception gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return byName;
    }

    private static java.util.Map<String, Long> minus(java.util.Map<String, Long> now, java.util.Map<String, Long> was) {
        java.util.Map<String, Long> d = new java.util.TreeMap<>();
        now.forEach((k, v) -> d.put(k, v - was.getOrDefault(k, 0L)));
        return d;
    }

    /** The thread groups that took at least 1 % of a JVM's CPU in the measured run, in ms per comment. */
    private static void printThreads(String what, java.util.Map<String, Long> ticks, double comments) {
        long total = ticks.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder sb = new StringBuilder(String.format("%s threads, ms per comment:", what));
        ticks.entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getValue() * 100 >= total)
                .forEach(e -> sb.append(String.format(" %s %.3f;", e.getKey(), e.getValue() * 10 / comments)));
        System.out.println(sb);
    }

    /** The postmaster: the parent of this connection's backend. */
    private static long postmasterPid(Connection db) throws Exception {
        try (PreparedStatement ps = db.prepareStatement("SELECT pg_backend_pid()");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return ProcessHandle.of(rs.getLong(1))
                    .flatMap(ProcessHandle::parent)
                    .orElseThrow()
                    .pid();
        }
    }

    /**
     * CPU time of this JVM's threads: the load generator's (senders, HTTP client, poller, main) and the others, which
     * are the in-process Kafka broker's (the devstack starts nothing else here that runs during the measurement).
     */
    record ThreadCpu(java.util.Map<Long, Long> bench, java.util.Map<Long, Long> other) {
        static ThreadCpu now() {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            java.util.Map<Long, Long> bench = new java.util.HashMap<>();
            java.util.Map<Long, Long> other = new java.util.HashMap<>();
            for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long cpu = mx.getThreadCpuTime(info.getThreadId());
                if (cpu < 0) {
                    continue;
                }
                String name = info.getThreadName();
                boolean mine = name.startsWith("sender-")
                        || name.startsWith("http-")
                        || name.equals("case-poller")
                        || name.equals("main")
                        || name.startsWith("HttpClient-");
                (mine ? bench : other).put(info.getThreadId(), cpu);
            }
            return new ThreadCpu(bench, other);
        }

        ThreadCpu minus(ThreadCpu before) {
            return new ThreadCpu(diff(bench, before.bench), diff(other, before.other));
        }

        private static java.util.Map<Long, Long> diff(java.util.Map<Long, Long> now, java.util.Map<Long, Long> was) {
            java.util.Map<Long, Long> d = new java.util.HashMap<>();
            now.forEach((id, cpu) -> d.put(id, cpu - was.getOrDefault(id, 0L)));
            return d;
        }

        double benchMillis() {
            return bench.values().stream().mapToLong(Long::longValue).sum() / 1e6;
        }

        double otherMillis() {
            return other.values().stream().mapToLong(Long::longValue).sum() / 1e6;
        }
    }

    /**
     * pg_stat_statements, when the devstack's PostgreSQL preloads it
     * ({@code -Dtingvakt.devstack.postgres.config=shared_preload_libraries=pg_stat_statements}): emptied before the
     * measured run; false when it is not available.
     */
    private static boolean resetStatements(Connection db) {
        try (java.sql.Statement st = db.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            st.execute("SELECT pg_stat_statements_reset()");
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** The statements that took most of PostgreSQL's time during the measured run, per comment. */
    private static void printStatements(Connection db, double comments) throws Exception {
        try (PreparedStatement ps = db.prepareStatement("SELECT calls, total_exec_time, rows, "
                        + "left(regexp_replace(query, '\\s+', ' ', 'g'), 150) FROM pg_stat_statements "
                        + "ORDER BY total_exec_time DESC LIMIT 20");
                ResultSet rs = ps.executeQuery()) {
            System.out.println("pg_stat_statements (measured run): calls/comment, exec ms/comment, rows/call, query");
            while (rs.next()) {
                long calls = rs.getLong(1);
                System.out.printf(
                        "  %6.3f  %7.4f  %7.1f  %s%n",
                        calls / comments,
                        rs.getDouble(2) / comments,
                        calls == 0 ? 0.0 : (double) rs.getLong(3) / calls,
                        rs.getString(4));
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(i, sorted.length - 1))];
    }

    /**
     * The service's tracing in this run ({@code -Dtingvakt.bench.tracing}): {@code export} (default) makes spans and
     * exports them over OTLP/HTTP to {@link SpanSink} in this process, as to a collector; {@code on} makes spans without
     * exporting them (the local run's default); {@code off} sets {@code TINGVAKT_TRACING_ENABLED=false}, no spans at all.
     * The same tracing code as in production (eventing's Tracing), switched by its own settings.
     */
    private static java.util.Map<String, String> tracingEnvironment(String tracing, SpanSink spans) {
        java.util.Map<String, String> env =
                ServiceProcess.env("TINGVAKT_DEMO", "true", "TINGVAKT_META_BASE_URL", "http://127.0.0.1:9/v25.0");
        switch (tracing) {
            case "export" -> {
                env.put("TINGVAKT_TRACING_ENABLED", "true");
                env.put("TINGVAKT_TRACING_OTLP_ENDPOINT", spans.endpoint());
            }
            case "on" -> env.put("TINGVAKT_TRACING_ENABLED", "true");
            case "off" -> env.put("TINGVAKT_TRACING_ENABLED", "false");
            default ->
                throw new IllegalArgumentException("tingvakt.bench.tracing must be export, on or off, not " + tracing);
        }
        return env;
    }

    /**
     * An OTLP/HTTP trace endpoint in the benchmark's process: takes {@code POST /v1/traces}, counts requests and bytes and
     * answers 200 with an empty {@code ExportTraceServiceResponse} (zero bytes of protobuf), as a collector does.
     */
    static final class SpanSink implements AutoCloseable {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        private final com.sun.net.httpserver.HttpServer server;

        private SpanSink(com.sun.net.httpserver.HttpServer server) {
            this.server = server;
        }

        static SpanSink start() throws java.io.IOException {
            com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
            SpanSink sink = new SpanSink(server);
            server.createContext("/v1/traces", exchange -> {
                try (exchange) {
                    sink.bytes.addAndGet(exchange.getRequestBody().readAllBytes().length);
                    sink.requests.incrementAndGet();
                    exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                    exchange.sendResponseHeaders(200, -1);
                }
            });
            server.start();
            return sink;
        }

        String endpoint() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static int arg(String[] args, int i, int dflt) {
        return args.length > i ? Integer.parseInt(args[i]) : dflt;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "n/a";
        }
    }
}
