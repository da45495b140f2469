package org.tingvakt.archive.bench;

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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tingvakt.devstack.DevStack;
import org.tingvakt.devstack.LocalTokens;
import org.tingvakt.devstack.ServiceProcess;
import org.tingvakt.devstack.TingvaktService;

/**
 * The time from an erasure request to its completed combined report with 100,000 records in the archive (issue 15's
 * report): a devstack (real PostgreSQL and Kafka) and the three packaged services as their own JVMs; the archive filled
 * with set-based SQL; one {@code POST /api/erasure-requests} by platform id with an archivist's token; then
 * {@code GET /api/erasure-requests/{id}} every 50 ms until the report is complete (moderation-service and
 * notifier-service have answered the {@code ErasureRequested} event through Kafka).
 *
 * <p>The archive: 100,000 records over three accounts, each with its native JSON (about 1 KB, two thread-context items
 * of other people), a PDF and a PNG artefact (1 KB each, stand-ins: the erasure only removes them). Of these, the erased
 * sender wrote 200 (150 plain, 30 registered, 20 on legal hold), and 300 records of other senders quote one of the
 * sender's comments as thread context (20 of those registered). moderation-service and notifier-service hold none of
 * the person's data here: their part is the event's round trip, not their own erasure's work.
 *
 * <p>Arguments: records (default 100000). Needs the three runnable jars ({@code ./mvnw -pl
 * moderation-service,archive-service,notifier-service -am package -DskipTests}); runs from the repository root or a
 * module folder.
 */
public final class ErasureBenchmark {
    private ErasureBenchmark() {}

    private static final String PERSON = "s-erased";

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path root = Path.of("").toAbsolutePath();
        if (!Files.isDirectory(root.resolve("archive-service"))) {
            root = root.getParent();
        }
        Path logs = root.resolve("archive-service/target/bench-logs").toAbsolutePath();
        try (DevStack stack = DevStack.start(DevStack.Options.forTests());
                ServiceProcess archive = start(root, TingvaktService.ARCHIVE, stack, logs);
                ServiceProcess moderation = start(root, TingvaktService.MODERATION, stack, logs);
                ServiceProcess notifier = start(root, TingvaktService.NOTIFIER, stack, logs)) {
            archive.awaitReady(Duration.ofMinutes(4));
            moderation.awaitReady(Duration.ofMinutes(4));
            notifier.awaitReady(Duration.ofMinutes(4));
            try (Connection db =
                    DriverManager.getConnection(stack.jdbcUrl("archive"), stack.username(), stack.password())) {
                long t0 = System.nanoTime();
                generate(db, records);
                System.out.printf(
                        "generated %d records, %d artefacts, %d thread-context items in %.1f s%n",
                        count(db, "SELECT count(*) FROM archive_record"),
                        count(db, "SELECT count(*) FROM artefact"),
                        count(db, "SELECT count(*) FROM record_context_item"),
                        (System.nanoTime() - t0) / 1e9);
            }
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            String token = LocalTokens.forRole("archivist");
            long start = System.nanoTime();
            HttpResponse<String> placed = http.send(
                    HttpRequest.newBuilder(URI.create(archive.baseUrl() + "/api/erasure-requests"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofMinutes(30))
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"subjectKind\":\"PLATFORM_ID\",\"subject\":\"" + PERSON + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long answered = System.nanoTime();
            if (placed.statusCode() != 200) {
                throw new IllegalStateException("the request answered " + placed.statusCode() + ": " + placed.body());
            }
            String id = field(placed.body(), "requestId");
            String report;
            int polls = 0;
            while (true) {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(archive.baseUrl() + "/api/erasure-requests/" + id))
                                .header("Authorization", "Bearer " + token)
                                .timeout(Duration.ofSeconds(30))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                polls++;
                if (r.statusCode() == 200 && r.body().contains("\"complete\":true")) {
                    report = r.body();
                    break;
                }
                if (System.nanoTime() - start > Duration.ofMinutes(30).toNanos()) {
                    throw new IllegalStateException("the report was not complete within 30 minutes: " + r.body());
                }
                Thread.sleep(50);
            }
            long complete = System.nanoTime();
            System.out.printf("%n%d records in the archive; one erasure request by platform id%n", records);
            System.out.printf(
                    "POST /api/erasure-requests answered (the archive's part done) after %.2f s%n",
                    (answered - start) / 1e9);
            System.out.printf(
                    "combined report complete (moderation and notifier answered through Kafka) after %.2f s (%d polls)%n",
                    (complete - start) / 1e9, polls);
            System.out.printf(
                    "archive: found %d of the person's records; removed %d; kept %d (REGISTERED %d, LEGAL_HOLD %d);"
                            + " thread context redacted in %d records, kept in %d (REGISTERED)%n",
                    count(placed.body(), "\"found\":(\\d+)"),
                    arrayLength(placed.body(), "removed"),
                    arrayLength(placed.body(), "kept"),
                    occurrences(section(placed.body(), "kept"), "\"REGISTERED\""),
                    occurrences(section(placed.body(), "kept"), "\"LEGAL_HOLD\""),
                    arrayLength(placed.body(), "contextRedacted"),
                    arrayLength(placed.body(), "contextKept"));
            for (String service : List.of("archive-service", "moderation-service", "notifier-service")) {
                String answer = items(section(report, "services")).stream()
                        .filter(o -> o.contains("\"service\":\"" + service + "\""))
                        .findFirst()
                        .orElse("");
                System.out.printf(
                        "  %-19s removed %d, kept %s%n",
                        service, count(answer, "\"removed\":(\\d+)"), section(answer, "kept"));
            }
            try (Connection db =
                    DriverManager.getConnection(stack.jdbcUrl("archive"), stack.username(), stack.password())) {
                long left = count(
                        db,
                        "SELECT count(*) FROM archive_record WHERE sender_id = '" + PERSON
                                + "' AND registration_state <> 'REGISTERED' AND NOT legal_hold");
                long keptHeld = count(
                        db,
                        "SELECT count(*) FROM archive_record WHERE sender_id = '" + PERSON
                                + "' AND (registration_state = 'REGISTERED' OR legal_hold)");
                long untouched = count(
                        db,
                        "SELECT count(*) FROM archive_record WHERE sender_id <> '" + PERSON
                                + "' AND personal_data_removed_at IS NULL");
                System.out.printf(
                        "check: the person's unprotected records left with their data %d (0 expected); registered or"
                                + " held kept %d (50 expected); other senders' records untouched %d of %d%n",
                        left, keptHeld, untouched, records - 200);
            }
            System.out.printf(
                    "load average: %s%n",
                    Files.readString(Path.of("/proc/loadavg")).trim());
        }
    }

    private static ServiceProcess start(Path root, TingvaktService service, DevStack stack, Path logs)
            throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(logs);
        Files.deleteIfExists(logs.resolve(service.module() + ".log"));
        return ServiceProcess.start(
                root,
                service,
                port,
                stack,
                logs,
                // The backfill would re-index the generated records under the running key while we measure.
                ServiceProcess.env("TINGVAKT_DEMO", "false", "TINGVAKT_ARCHIVE_SUBJECT_KEY_BACKFILL_EVERY", "off"));
    }

    /**
     * Records 1..n: record k is by sender {@code s-erased} when k ≤ 200 (k ≤ 30 registered, 31..50 on legal hold), by
     * {@code s<k mod 40000>} otherwise; records 201..500 quote the erased sender's comment {@code c<k-200>} as their
     * first thread item (201..220 registered).
     */
    private static void generate(Connection db, int n) throws Exception {
        try (Statement st = db.createStatement()) {
            st.execute("""
                    INSERT INTO account_rule (account_id, account_name, language) VALUES
                      ('bench-1', 'Bench 1', 'da'), ('bench-2', 'Bench 2', 'sv'), ('bench-3', 'Bench 3', 'nb')
                    """);
            st.execute("""
                    CREATE TEMP TABLE gen AS
                    SELECT k, gen_random_uuid() AS id, 'bench-' || (1 + k %% 3) AS account,
                           CASE WHEN k <= 200 THEN '%1$s' ELSE 's' || (k %% 40000) END AS sender,
                           now() - (k::float8 / %2$d) * interval '17 months' AS at,
                           CASE WHEN k <= 30 OR k BETWEEN 201 AND 220 THEN 'REGISTERED' ELSE 'NOT_REQUIRED' END AS state
                    FROM generate_series(1, %2$d) k
                    """.formatted(PERSON, n));
            st.execute("""
                    INSERT INTO archive_record (id, request_id, case_id, comment_id, comment_version, platform, account_id,
                        thread_key, sender_id, sender_name, labels, reason, content_sha256, record_sha256, chain_seq,
                        previous_chain_hash, chain_hash, posted_at, captured_at, search_text, registration_state,
                        registration_number, assessed_by, assessed_at, legal_hold, legal_hold_reason)
                    SELECT id, 'req-' || k, 'case-' || k, 'c' || k, 1, 'FACEBOOK', account, 'facebook:p' || (k / 20),
                           sender, 'Name of ' || sender, ARRAY['INSULT'], 'Fornærmende', md5('c' || k) || md5('x'),
                           md5('r' || k) || md5('y'), k, md5('p' || k) || md5('z'), md5('h' || k) || md5('w'), at, at,
                           'Kommentar nummer ' || k || ' fra ' || sender, state,
                           CASE WHEN state = 'REGISTERED' THEN 'B-' || k END,
                           'archivist-1', at,
                           k BETWEEN 31 AND 50, CASE WHEN k BETWEEN 31 AND 50 THEN 'Sag ved domstolen' END
                    FROM gen
                    """);
            st.execute("""
                    INSERT INTO artefact (record_id, kind, media_type, sha256, size_bytes, content)
                    SELECT g.id, 'JSON', 'application/json', md5('j' || k) || md5('j'), length(j), j
                    FROM (SELECT id, k, convert_to(jsonb_build_object(
                            'request', jsonb_build_object(
                              'commentId', 'c' || k, 'senderId', sender, 'senderName', 'Name of ' || sender,
                              'text', 'Kommentar nummer ' || k || ' fra ' || sender || repeat(' lorem ipsum', 40),
                              'thread', jsonb_build_array(
                                 jsonb_build_object('itemId', CASE WHEN k BETWEEN 201 AND 500 THEN 'c' || (k - 200)
                                                                   ELSE 'c' || (k + 1000000) END,
                                                    'authorId', CASE WHEN k BETWEEN 201 AND 500 THEN '%1$s'
                                                                     ELSE 's' || ((k + 7) %% 40000) END,
                                                    'authorName', 'Quoted person', 'text', 'Et tidligere indlæg'),
                                 jsonb_build_object('itemId', 'c' || (k + 2000000), 'authorId', 's' || ((k + 9) %% 40000),
                                                    'authorName', 'Another person', 'text', 'Et andet indlæg'))))::text,
                            'UTF8') AS j FROM gen) g
                    """.formatted(PERSON));
            st.execute("""
                    INSERT INTO artefact (record_id, kind, media_type, sha256, size_bytes, content)
                    SELECT id, kind, CASE kind WHEN 'PDF' THEN 'application/pdf' ELSE 'image/png' END,
                           md5(kind || k) || md5(kind), 1024, decode(repeat(md5(kind || k), 32), 'hex')
                    FROM gen CROSS JOIN (VALUES ('PDF'), ('PNG')) v(kind)
                    """);
            // The thread items as the recorder indexes them, by item id (the author key is a keyed HMAC under the
            // archive's secret key; records captured before authors were sent are found by the item ids, as here).
            st.execute("""
                    INSERT INTO record_context_item (record_id, item_id, author_key)
                    SELECT id, CASE WHEN k BETWEEN 201 AND 500 THEN 'c' || (k - 200) ELSE 'c' || (k + 1000000) END, NULL
                    FROM gen
                    UNION ALL SELECT id, 'c' || (k + 2000000), NULL FROM gen
                    """);
            st.execute("UPDATE chain_head SET seq = " + n);
            for (String t : List.of("account_rule", "archive_record", "artefact", "record_context_item")) {
                st.execute("VACUUM ANALYZE " + t);
            }
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    private static String section(String json, String name) {
        int i = json.indexOf("\"" + name + "\":[");
        if (i < 0) {
            return "";
        }
        int depth = 0;
        for (int j = json.indexOf('[', i); j < json.length(); j++) {
            char ch = json.charAt(j);
            if (ch == '[') {
                depth++;
            } else if (ch == ']' && --depth == 0) {
                return json.substring(json.indexOf('[', i), j + 1);
            }
        }
        return "";
    }

    private static int arrayLength(String json, String name) {
        return items(section(json, name)).size();
    }

    /** The top-level items of a JSON array given as text. */
    private static List<String> items(String s) {
        if (s.length() <= 2) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        int depth = 0;
        int from = 1;
        for (int j = 1; j < s.length() - 1; j++) {
            char ch = s.charAt(j);
            if (ch == '{' || ch == '[') {
                depth++;
            } else if (ch == '}' || ch == ']') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                items.add(s.substring(from, j));
                from = j + 1;
            }
        }
        items.add(s.substring(from, s.length() - 1));
        return items;
    }

    private static int occurrences(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static long count(String json, String regex) {
        Matcher m = Pattern.compile(regex).matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static long count(Connection db, String sql) throws Exception {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
