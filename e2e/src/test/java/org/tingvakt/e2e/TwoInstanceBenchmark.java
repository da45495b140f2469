package org.tingvakt.e2e;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tingvakt.devstack.LocalSecrets;
import org.tingvakt.devstack.SampleWebhook;
import org.tingvakt.devstack.ServiceProcess;
import org.tingvakt.devstack.TingvaktService;

/**
 * One moderation-service JVM against two sharing one load: N comments (default 300) sent through the Meta webhook, 8 at
 * a time, first all to one instance, then alternately to two (as a load balancer would) that share the database and the
 * Kafka consumer groups. For each round it prints the throughput (comments a second, from the first webhook to the last
 * case) and the latency from webhook to case (p50, p99, max, from the case's {@code created_at}), and checks that every
 * comment became exactly one case: none lost, none twice. Not a test (CI is over its time budget); run by hand after
 * {@code ./mvnw package -DskipTests}:
 *
 * <pre>
 * ./mvnw -q -pl e2e test-compile exec:java -Dexec.classpathScope=test -Dtingvakt.root="$PWD" \
 *     -Dexec.mainClass=org.tingvakt.e2e.TwoInstanceBenchmark -Dexec.args=300
 * </pre>
 *
 * The figures depend on the machine (and on who else uses it); the checks do not.
 */
public final class TwoInstanceBenchmark {
    private static final Duration WAIT = Duration.ofMinutes(5);
    /** The webhook limit per client address is for Meta's real traffic, not for a benchmark from one address. */
    private static final Map<String, String> UNLIMITED = Map.of("TINGVAKT_RATE_LIMIT_WEBHOOKS_PER_MINUTE", "1000000");

    private TwoInstanceBenchmark() {}

    public static void main(String[] args) throws Exception {
        int comments = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        try (ServiceStack stack = ServiceStack.start("two-instance-benchmark", false, (s, service) -> UNLIMITED)) {
            String first = stack.url(TingvaktService.MODERATION);
            round(stack, "warm-up", List.of(first), Math.min(50, comments));
            round(stack, "one instance", List.of(first), comments);
            ServiceProcess second = stack.startAnother(TingvaktService.MODERATION, UNLIMITED);
            round(stack, "two instances", List.of(first, second.baseUrl()), comments);
        }
    }

    private static void round(ServiceStack stack, String name, List<String> instances, int comments) throws Exception {
        String post = SampleWebhook.DEMO_PAGE_ID + "_" + UUID.randomUUID();
        Map<String, Instant> sent = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Instant start = Instant.now();
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < comments; i++) {
                String commentId = post + "_" + i;
                String url = instances.get(i % instances.size());
                String body = SampleWebhook.comment(
                        SampleWebhook.DEMO_PAGE_ID,
                        post,
                        commentId,
                        "55500" + (i % 50),
                        "Benchmark Sender",
                        "Kommentar nummer " + i + ": hvornår åbner biblioteket igen?");
                calls.add(pool.submit(() -> {
                    sent.put(commentId, Instant.now());
                    HttpResponse<String> r = SampleWebhook.post(url, LocalSecrets.META_APP_SECRET, body);
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("webhook answered " + r.statusCode() + ": " + r.body());
                    }
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdown();
        }

        // Wait until every comment has its case.
        Instant deadline = Instant.now().plus(WAIT);
        Map<String, List<Instant>> cases;
        while (true) {
            cases = cases(stack, post);
            if (cases.size() == comments || Instant.now().isAfter(deadline)) {
                break;
            }
            Thread.sleep(200);
        }
        Instant last = cases.values().stream()
                .flatMap(List::stream)
                .max(Instant::compareTo)
                .orElse(Instant.now());
        List<Long> latencies = new ArrayList<>();
        int twice = 0;
        for (Map.Entry<String, List<Instant>> c : cases.entrySet()) {
            if (c.getValue().size() > 1) {
                twice++;
            }
            latencies.add(
                    Duration.between(sent.get(c.getKey()), c.getValue().get(0)).toMillis());
        }
        Collections.sort(latencies);
        int lost = comments - cases.size();
        double seconds = Duration.between(start, last).toMillis() / 1000.0;
        System.out.printf(
                "%-14s %d JVM(s): %d comments -> %d cases in %.1f s = %.1f comments/s; webhook->case p50 %d ms, p99 %d"
                        + " ms, max %d ms; lost %d, more than one case %d%n",
                name,
                instances.size(),
                comments,
                cases.size(),
                seconds,
                comments / seconds,
                percentile(latencies, 50),
                percentile(latencies, 99),
                latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1),
                lost,
                twice);
        if (lost != 0 || twice != 0) {
            throw new IllegalStateException(
                    name + ": " + lost + " comments lost, " + twice + " with more than one case");
        }
    }

    /**
     * Each comment of the post with the creation time of each of its cases, and of each stored version of it as one
     * more entry: a comment stored or turned into a case twice shows as more than one entry. (The case table's unique
     * key would refuse a second case of a comment; a second stored version would be a second case.)
     */
    private static Map<String, List<Instant>> cases(ServiceStack stack, String post) throws Exception {
        Map<String, List<Instant>> cases = new ConcurrentHashMap<>();
        try (Connection c = stack.database("moderation");
                PreparedStatement ps = c.prepareStatement("SELECT m.comment_id, m.created_at, "
                        + "(SELECT count(*) FROM comment_version v WHERE v.comment_id = m.comment_id) "
                        + "FROM moderation_case m WHERE m.comment_id LIKE ? ORDER BY m.created_at")) {
            ps.setString(1, post + "\\_%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Instant> entries = cases.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
                    entries.add(rs.getTimestamp(2).toInstant());
                    for (long v = 1; v < rs.getLong(3); v++) {
                        entries.add(rs.getTimestamp(2).toInstant());
                    }
                }
            }
        }
        return cases;
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
