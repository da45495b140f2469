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
 * senders, and watches the service's database for the cases.
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

    private IngestionThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = arg(args, 0, 500);
        int seconds = arg(args, 1, 30);
        int warmup = arg(args, 2, 10);
        int senders = arg(args, 3, 32);
        int pollMs = arg(args, 4, 50);
        Path root = Path.of(System.getProperty("tingvakt.repo", ".")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(TingvaktService.MODERATION.runnableJar(root))) {
            throw new IllegalStateException("run from the repository root after ./mvnw -pl moderation-service package");
        }
        int port = 18090;
        System.out.printf("load: %d comments/s for %d s (warm-up %d s), %d senders, poll %d ms; cores %d, load avg %s%n",
                rate, seconds, warmup, senders, pollMs, Runtime.getRuntime().availableProcessors(), loadAverage());
        try (DevStack stack = DevStack.start(DevStack.Options.forTests());
             ServiceProcess service = ServiceProcess.start(root, TingvaktService.MODERATION, port, stack,
                     root.resolve("moderation-service/target/bench-logs"),
                     ServiceProcess.env("TINGVAKT_DEMO", "true",
                             "TINGVAKT_META_BASE_URL", "http://127.0.0.1:9/v21.0"))) {
            System.out.printf("service ready in %s (log %s)%n", service.awaitReady(Duration.ofMinutes(3)),
                    service.logFile());
            String jdbc = stack.jdbcUrl("moderation");
            try (Connection db = DriverManager.getConnection(jdbc, stack.username(), stack.password())) {
                if (warmup > 0) {
                    Run w = new Run("warm-" + System.nanoTime(), service.baseUrl(), rate, warmup, senders, pollMs, db);
                    w.execute();
                    System.out.printf("warm-up: %s%n", w.summary());
                }
                Run run = new Run("bench-" + System.nanoTime(), service.baseUrl(), rate, seconds, senders, pollMs, db);
                long cpuBefore = cpuMillis(service.pid());
                run.execute();
                long cpu = cpuMillis(service.pid()) - cpuBefore;
                System.out.printf("MEASURED: %s%n", run.summary());
                // Load-independent figure: the service JVM's CPU time (user + system) per classified comment, covering
                // webhook, ingestion, relay and classification (not PostgreSQL's or the in-process Kafka broker's).
                System.out.printf("service CPU: %d ms for %d comments = %.2f ms per comment -> at most %.0f comments/s "
                                + "per fully available core for the service alone%n", cpu, run.classified,
                        (double) cpu / Math.max(1, run.classified),
                        1000.0 * Math.max(1, run.classified) / Math.max(1, cpu));
                run.checkThroughApi(service.baseUrl());
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

        void execute() throws Exception {
            ExecutorService io = Executors.newFixedThreadPool(4, daemon("http"));
            // HTTP/1.1 like Meta's webhook deliveries (the JDK client's default, an h2c upgrade, costs the service
            // HTTP/2 framing that real webhooks do not).
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).executor(io).build();
            ExecutorService pool = Executors.newFixedThreadPool(senders, daemon("sender"));
            AtomicInteger next = new AtomicInteger();
            Thread poller = new Thread(this::poll, "case-poller");
            poller.setDaemon(true);
            sendStart = System.currentTimeMillis();
            poller.start();
            long startNanos = System.nanoTime();
            for (int s = 0; s < senders; s++) {
                pool.submit(() -> {
                    int i;
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
                    return null;
                });
            }
            pool.shutdown();
            pool.awaitTermination(seconds + 300L, TimeUnit.SECONDS);
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
            io.shutdownNow();
        }

        private void send(HttpClient http, int i) {
            String post = PAGE + "_" + prefix + "-p" + (i % 200);
            String body = SampleWebhook.comment(PAGE, post, prefix + "-" + i, Integer.toString(100000 + i % 5000),
                    "Bench Sender", TEXTS.get(i % TEXTS.size()) + " #" + i);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/meta"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("X-Hub-Signature-256", SampleWebhook.signature(LocalSecrets.META_APP_SECRET, bytes))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
            sentAt[i] = System.currentTimeMillis();
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"stored\":1")) {
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
         * Sees committed case rows of this run: asks only for the ids sent and not yet seen (unique index lookups), so
         * polling costs the database little however long the run.
         */
        private void poll() {
            try (PreparedStatement ps = db.prepareStatement("SELECT comment_id FROM moderation_case "
                    + "WHERE platform = 'FACEBOOK' AND comment_id = ANY (?)")) {
                int low = 0;
                while (!Thread.currentThread().isInterrupted()) {
                    long now = System.currentTimeMillis();
                    List<String> ids = new java.util.ArrayList<>();
                    while (low < total && seenAt[low] != 0) {
                        low++;
                    }
                    for (int i = low; i < total && ids.size() < 20_000; i++) {
                        if (seenAt[i] == 0 && sentAt[i] > 0) {
                            ids.add(prefix + "-" + i);
                        }
                    }
                    if (!ids.isEmpty()) {
                        ps.setArray(1, db.createArrayOf("text", ids.toArray()));
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                seenAt[Integer.parseInt(rs.getString(1).substring(prefix.length() + 1))] = now;
                            }
                        }
                    }
                    Thread.sleep(pollMs);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.out.println("poller stopped: " + e);
            }
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
            return String.format("sent %d, accepted %d, refused %d, late starts %d; stored %d, classified %d, "
                            + "seen by poller %d, unseen %d; send rate %.0f/s over %.1f s; classified rate %.0f/s "
                            + "(first send to last case %.1f s); latency ms p50 %d, p90 %d, p99 %d, max %d",
                    total, accepted.get(), refused.get(), lateStarts.get(), stored, classified, n, unseen,
                    total / sendSeconds, sendSeconds, classified / endToEnd, endToEnd, pct(lat, 50), pct(lat, 90),
                    pct(lat, 99), lat.length == 0 ? -1 : lat[lat.length - 1]);
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
                                .header("Authorization", "Bearer " + LocalTokens.forRole("moderator")).build();
                        if (http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                            ok++;
                        }
                    }
                }
            }
            System.out.printf("API check: %d of %d sampled cases answered 200 on GET /api/cases/{id}%n", ok, asked);
        }
    }

    /** utime + stime of a process from /proc (Linux), in ms; -1 elsewhere. */
    private static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
            return ticks * 10; // USER_HZ is 100 on Linux
        } catch (Exception e) {
            return -1;
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
