package org.tingvakt.moderation.bench;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tingvakt.devstack.DevStack;
import org.tingvakt.devstack.LocalTokens;
import org.tingvakt.devstack.ServiceProcess;
import org.tingvakt.devstack.TingvaktService;

/**
 * Queue-read latency of the packaged moderation-service with 100,000 cases stored: a devstack, the service jar as its own
 * JVM, cases generated with SQL, then GET /api/cases?size=50 with the queue's filters through HTTP with a moderator's
 * token, one request at a time. Prints p50, p90, p99 and max per query shape and over all (target: p99 under 50 ms).
 *
 * <p>Arguments: cases (default 100000), warm-up requests (default 400), measured requests (default 3500). Needs the
 * runnable jar ({@code ./mvnw -pl moderation-service package -DskipTests}) and runs from the module folder.
 */
public final class QueueReadBenchmark {
    private QueueReadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int cases = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        int measured = args.length > 2 ? Integer.parseInt(args[2]) : 3500;
        Path root = Path.of("..").toAbsolutePath().normalize();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (DevStack stack = DevStack.start(DevStack.Options.forTests());
                ServiceProcess service = ServiceProcess.start(
                        root,
                        TingvaktService.MODERATION,
                        port,
                        stack,
                        Path.of("target", "bench-logs").toAbsolutePath(),
                        ServiceProcess.env("TINGVAKT_DEMO", "false"))) {
            service.awaitReady(Duration.ofMinutes(3));
            String account;
            try (Connection db =
                    DriverManager.getConnection(stack.jdbcUrl("moderation"), stack.username(), stack.password())) {
                long t0 = System.nanoTime();
                account = generate(db, cases);
                System.out.printf(
                        "generated %d cases (and their comment versions) in %.1f s%n",
                        count(db), (System.nanoTime() - t0) / 1e9);
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Map<String, String> shapes = new LinkedHashMap<>();
            shapes.put("newest", "");
            shapes.put("state", "&state=PENDING_REVIEW");
            shapes.put("account+state", "&account=" + account + "&state=PENDING_REVIEW");
            shapes.put("label (10%)", "&label=THREAT");
            shapes.put("label (0.5%)", "&label=SECRET");
            shapes.put("language", "&language=sv");
            shapes.put(
                    "time window", "&from=" + now.minus(Duration.ofDays(10)) + "&to=" + now.minus(Duration.ofDays(9)));
            shapes.put("page 20", "&page=20");
            List<String> names = new ArrayList<>(shapes.keySet());

            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            String token = LocalTokens.forRole("moderator");
            for (int i = 0; i < warmUp; i++) {
                get(http, service.baseUrl(), token, shapes.get(names.get(i % names.size())));
            }
            Map<String, List<Long>> samples = new LinkedHashMap<>();
            names.forEach(n -> samples.put(n, new ArrayList<>()));
            List<Long> all = new ArrayList<>();
            for (int i = 0; i < measured; i++) {
                String name = names.get(i % names.size());
                long t = System.nanoTime();
                int items = get(http, service.baseUrl(), token, shapes.get(name));
                long micros = (System.nanoTime() - t) / 1000;
                if (items != 50) {
                    throw new IllegalStateException(name + " returned " + items + " cases, not a full page of 50");
                }
                samples.get(name).add(micros);
                all.add(micros);
            }
            System.out.printf(
                    "%n%d cases stored; %d measured reads of 50 after %d warm-up, one at a time over HTTP%n",
                    cases, measured, warmUp);
            System.out.printf("%-14s %7s %8s %8s %8s %8s%n", "query", "n", "p50 ms", "p90 ms", "p99 ms", "max ms");
            samples.forEach((n, s) -> print(n, s));
            print("ALL", all);
            System.out.printf(
                    "load average: %s%n",
                    Files.readString(Path.of("/proc/loadavg")).trim());
        }
    }

    /** Five accounts, 100,000 comment versions and cases: states, languages and labels in fixed proportions. */
    private static String generate(Connection db, int n) throws Exception {
        try (Statement st = db.createStatement()) {
            st.execute("""
                    INSERT INTO account (id, platform, external_id, name, language)
                    SELECT gen_random_uuid(), 'FACEBOOK', 'bench-' || a, 'Bench ' || a, 'da' FROM generate_series(1, 5) a
                    """);
            st.execute("""
                    WITH v AS (
                      INSERT INTO comment_version (id, platform, comment_id, version, account_id, post_id, thread_key, kind,
                                                   sender_id, sender_name, text, created_at, received_at)
                      SELECT gen_random_uuid(), 'FACEBOOK', 'c' || g, 1,
                             (SELECT id FROM account WHERE external_id = 'bench-' || (1 + (g / 7) %% 5)),
                             'p' || (g / 20), 'facebook:p' || (g / 20), 'COMMENT', 's' || g, 'Sender ' || g,
                             'Kommentar nummer ' || g, now() - g * interval '30 seconds', now() - g * interval '30 seconds'
                      FROM generate_series(1, %d) g
                      RETURNING id, comment_id, account_id, thread_key, received_at)
                    INSERT INTO moderation_case (id, platform, comment_id, comment_version_id, version, account_id,
                                                 thread_key, state, language, labels, intents, scores, spans,
                                                 policy_action, received_at, created_at, updated_at)
                    SELECT gen_random_uuid(), 'FACEBOOK', v.comment_id, v.id, 1, v.account_id, v.thread_key,
                           (ARRAY['PENDING_REVIEW','APPROVED','HIDDEN','REPLIED','DELETED'])[1 + (k %% 5)],
                           (ARRAY['da','sv','nb','nn','en'])[1 + (k / 5) %% 5],
                           CASE WHEN k %% 200 = 7 THEN ARRAY['SECRET']
                                WHEN k %% 10 = 3 THEN ARRAY['THREAT','INSULT']
                                WHEN k %% 3 = 0 THEN ARRAY['INSULT'] ELSE ARRAY[]::text[] END,
                           CASE WHEN k %% 4 = 0 THEN ARRAY['QUESTION'] ELSE ARRAY[]::text[] END,
                           '{"INSULT":0.8}'::jsonb,
                           '[{"label":"INSULT","start":0,"end":5,"rule":"bench"}]'::jsonb,
                           'REVIEW', v.received_at, v.received_at, v.received_at
                    FROM (SELECT *, substring(comment_id from 2)::int AS k FROM v) v
                    """.formatted(n));
            st.execute("ANALYZE account");
            st.execute("ANALYZE comment_version");
            st.execute("ANALYZE moderation_case");
            try (ResultSet rs = st.executeQuery("SELECT id FROM account WHERE external_id = 'bench-1'")) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static long count(Connection db) throws Exception {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM moderation_case")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int get(HttpClient http, String base, String token, String filter) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/cases?size=50" + filter))
                        .header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET /api/cases" + filter + " answered " + r.statusCode() + ": " + r.body());
        }
        int items = 0;
        for (int i = r.body().indexOf("\"commentId\""); i >= 0; i = r.body().indexOf("\"commentId\"", i + 1)) {
            items++;
        }
        return items;
    }

    private static void print(String name, List<Long> micros) {
        long[] s = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                "%-14s %7d %8.1f %8.1f %8.1f %8.1f%n",
                name, s.length, pct(s, 0.50), pct(s, 0.90), pct(s, 0.99), s[s.length - 1] / 1000.0);
    }

    /** Nearest-rank percentile, in milliseconds. */
    private static double pct(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
    }
}
