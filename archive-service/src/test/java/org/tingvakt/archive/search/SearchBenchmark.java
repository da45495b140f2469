package org.tingvakt.archive.search;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.tingvakt.devstack.DevStack;

/**
 * Search latency at scale: starts the devstack's real PostgreSQL, migrates the archive schema, generates records with SQL
 * ({@code generate_series}: Danish, Swedish, Norwegian and English comment text, 50 accounts, 200,000 senders, 30 months
 * of capture times, 7 labels, 10 % registered; account, label and registration state independent of each other), then runs the archivists' search ({@link RecordSearch}, the statement the REST resource runs, plus
 * loading the page's rows) with a mix of criteria and prints p50/p95/p99 per kind and overall.
 *
 * <p>Arguments: records (default 1,000,000), searches per kind (default 200), and optionally a data directory. Without
 * it the devstack's throw-away PostgreSQL is used and the records are generated every run (~7 min at 1M). With it, an
 * embedded PostgreSQL 17 (the same binaries and settings) keeps its data there: the first run initialises and loads it,
 * later runs migrate the schema (new Flyway migrations apply to the loaded rows) and reuse the records if the directory
 * holds exactly that many generated ones, so a run costs the searches only. Delete the directory to start afresh.
 * A 4th argument runs only the kinds whose name contains it (e.g. {@code phrase}).
 */
public final class SearchBenchmark {
    private static final String[] WORDS = {
        // Danish
        "kommunen",
        "borgerservice",
        "åbningstider",
        "bilerne",
        "parkering",
        "skolen",
        "lærerne",
        "idiot",
        "trussel",
        "truslerne",
        "politikerne",
        "borgmesteren",
        "vejen",
        "cyklen",
        "affald",
        "genbrugspladsen",
        "svar",
        "klage",
        // Swedish
        "kommunerna",
        "bygglovet",
        "skolorna",
        "lärarna",
        "hot",
        "hoten",
        "politikerna",
        "kommunalrådet",
        "vägarna",
        "sophämtningen",
        "svaret",
        "klagomålet",
        "förskolan",
        "bussarna",
        // Norwegian
        "husene",
        "veiene",
        "skolene",
        "lærerne",
        "truslene",
        "ordføreren",
        "bompenger",
        "søppel",
        "barnehagen",
        "klagen",
        "svaret",
        "bussene",
        "kommunestyret",
        // English
        "council",
        "threatened",
        "threatening",
        "parking",
        "schools",
        "teachers",
        "roads",
        "mayor",
        "complaint",
        "answer",
        "buses",
        "rubbish",
        "idiots",
        "disgrace",
        // common filler
        "og",
        "och",
        "and",
        "ikke",
        "inte",
        "not",
        "der",
        "det",
        "the",
        "er",
        "är",
        "is"
    };
    private static final String[] LABELS = {
        "INSULT", "THREAT", "HATE", "PROFANITY", "PERSONAL_DATA", "COMPLAINT", "SPAM"
    };

    /** Only the kinds whose name contains this (4th argument; all kinds when empty). */
    private static String only = "";

    private SearchBenchmark() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int perKind = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        if (args.length > 2) {
            only = args.length > 3 ? args[3] : "";
            runOnKeptData(Path.of(args[2]), records, perKind);
            return;
        }
        try (DevStack stack = DevStack.start(DevStack.Options.forTests())) {
            String url = stack.jdbcUrl("archive");
            Flyway.configure()
                    .dataSource(url, stack.username(), stack.password())
                    .locations("classpath:db/eventing", "classpath:db/migration")
                    .load()
                    .migrate();
            try (Connection c = DriverManager.getConnection(url, stack.username(), stack.password())) {
                generate(c, records);
                run(c, records, perKind);
            }
        }
    }

    /** The benchmark on a PostgreSQL data directory kept between runs (see the class comment). */
    private static void runOnKeptData(Path dataDir, int records, int perKind) throws Exception {
        Files.createDirectories(dataDir);
        // The devstack's server settings (EmbeddedDevStack); initdb runs only if the directory holds no cluster yet.
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start()) {
            System.out.printf("PostgreSQL on port %d, data in %s%n", pg.getPort(), dataDir);
            try (Connection c = pg.getPostgresDatabase().getConnection();
                    Statement st = c.createStatement();
                    var rs = st.executeQuery("SELECT count(*) FROM pg_database WHERE datname = 'archive'")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    st.execute("CREATE DATABASE archive");
                }
            }
            String url = pg.getJdbcUrl("postgres", "archive");
            long t = System.nanoTime();
            Flyway.configure()
                    .dataSource(url, "postgres", "postgres")
                    .locations("classpath:db/eventing", "classpath:db/migration")
                    .load()
                    .migrate();
            System.out.printf("schema migrated in %.0f s%n", (System.nanoTime() - t) / 1e9);
            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
                long have;
                try (Statement st = c.createStatement();
                        var rs = st.executeQuery(
                                "SELECT count(*) FROM archive_record WHERE request_id LIKE 'bench-%'")) {
                    rs.next();
                    have = rs.getLong(1);
                }
                if (have == records) {
                    System.out.printf("reusing the %,d records already loaded%n", have);
                    try (Statement st = c.createStatement()) {
                        st.execute("ANALYZE archive_record");
                    }
                } else {
                    try (Statement st = c.createStatement()) {
                        st.execute("TRUNCATE archive_record CASCADE");
                    }
                    generate(c, records);
                }
                run(c, records, perKind);
            }
        }
    }

    private static void generate(Connection c, int records) throws Exception {
        long start = System.nanoTime();
        try (Statement st = c.createStatement()) {
            // Indexes are built once after the load (faster than maintaining them row by row); the schema ends the
            // same.
            List<String> indexes = new ArrayList<>();
            try (var rs =
                    st.executeQuery("SELECT indexdef, indexname FROM pg_indexes WHERE tablename = 'archive_record' "
                            + "AND indexname NOT LIKE '%pkey' AND indexname NOT LIKE '%_key'")) {
                while (rs.next()) {
                    indexes.add(rs.getString(1));
                }
            }
            try (var rs = st.executeQuery("SELECT indexname FROM pg_indexes WHERE tablename = 'archive_record' "
                    + "AND indexname NOT LIKE '%pkey' AND indexname NOT LIKE '%_key'")) {
                List<String> names = new ArrayList<>();
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
                for (String n : names) {
                    st.execute("DROP INDEX " + n);
                }
            }
            st.execute("ALTER TABLE archive_record DISABLE TRIGGER archive_record_immutable");
            String words = "ARRAY["
                    + String.join(
                            ",", Arrays.stream(WORDS).map(w -> "'" + w + "'").toList()) + "]";
            String labels = "ARRAY["
                    + String.join(
                            ",", Arrays.stream(LABELS).map(w -> "'" + w + "'").toList()) + "]";
            int chunk = 100_000;
            for (int from = 1; from <= records; from += chunk) {
                int to = Math.min(records, from + chunk - 1);
                st.execute(
                        "INSERT INTO archive_record (id, request_id, case_id, comment_id, comment_version, platform, "
                                + "account_id, thread_key, sender_id, sender_name, labels, reason, content_sha256, record_sha256, "
                                + "chain_seq, previous_chain_hash, chain_hash, posted_at, captured_at, search_text, "
                                + "registration_state, registration_number, pdf_sha256, png_sha256) "
                                + "SELECT gen_random_uuid(), 'bench-' || g, 'case-' || g, 'c-' || g, 1, 'FACEBOOK', "
                                + "'acc-' || (g % 50), 'FACEBOOK:p' || (g / 20), 's-' || (g % 200000), 'Person ' || (g % 200000), "
                                + "ARRAY[(" + labels + ")[1 + (g / 3) % 7]], 'reason', md5(g::text) || md5(g::text), "
                                + "md5(g::text || 'r') || md5(g::text || 'r'), g + 1000000000, repeat('0', 64), repeat('1', 64), "
                                + "now() - (g % 27000) * interval '48 minutes', now() - (g % 27000) * interval '48 minutes', "
                                + "(SELECT string_agg((" + words + ")[1 + floor(random() * " + WORDS.length
                                + ")::int], ' ') "
                                + " FROM generate_series(1, 6 + g % 12)), "
                                + "CASE (g / 50) % 10 WHEN 0 THEN 'REGISTERED' WHEN 1 THEN 'NOT_REQUIRED' ELSE 'PENDING' END, "
                                + "CASE (g / 50) % 10 WHEN 0 THEN 'B-' || g END, md5(g::text) || md5(g::text), md5(g::text) || md5(g::text) "
                                + "FROM generate_series(" + from + ", " + to + ") g");
                System.out.printf("generated %,d records (%.0f s)%n", to, (System.nanoTime() - start) / 1e9);
            }
            st.execute("ALTER TABLE archive_record ENABLE TRIGGER archive_record_immutable");
            for (String index : indexes) {
                long t = System.nanoTime();
                st.execute(index);
                System.out.printf("index built in %.0f s: %s%n", (System.nanoTime() - t) / 1e9, index);
            }
            st.execute("VACUUM ANALYZE archive_record");
        }
        System.out.printf("loaded %,d records in %.0f s%n", records, (System.nanoTime() - start) / 1e9);
    }

    /** One timed search: the criteria of the page that is timed, after untimed steps (earlier pages) if any. */
    @FunctionalInterface
    private interface Kind {
        long time(Connection c, PreparedStatement load) throws Exception;
    }

    private static void run(Connection c, int records, int perKind) throws Exception {
        Random random = new Random(42);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<UUID> sample = new ArrayList<>(); // records to take cursors (deep positions) and comment ids from
        try (Statement st = c.createStatement();
                var rs = st.executeQuery("SELECT id FROM archive_record TABLESAMPLE SYSTEM (1) LIMIT 2000")) {
            while (rs.next()) {
                sample.add(rs.getObject(1, UUID.class));
            }
        }
        Map<String, Kind> kinds = new LinkedHashMap<>();
        kinds.put(
                "one word (stemmed)",
                timed(() -> criteria(Optional.of(word(random)), null, null, null, null, null, null, 0)));
        kinds.put(
                "two words",
                timed(() -> criteria(
                        Optional.of(word(random) + " " + word(random)), null, null, null, null, null, null, 0)));
        kinds.put(
                "word + account",
                timed(() -> criteria(
                        Optional.of(word(random)), "acc-" + random.nextInt(50), null, null, null, null, null, 0)));
        kinds.put(
                "word + label + 90 days",
                timed(() -> criteria(
                        Optional.of(word(random)),
                        null,
                        LABELS[random.nextInt(LABELS.length)],
                        today.minusDays(90),
                        today,
                        null,
                        null,
                        0)));
        kinds.put(
                "account + registration",
                timed(() -> criteria(
                        Optional.empty(), "acc-" + random.nextInt(50), null, null, null, "REGISTERED", null, 0)));
        kinds.put(
                "sender id",
                timed(() ->
                        criteria(Optional.empty(), null, null, null, null, null, "s-" + random.nextInt(200000), 0)));
        kinds.put(
                "sender name",
                timed(() -> criteria(
                        Optional.empty(), null, null, null, null, null, "person " + random.nextInt(200000), 0)));
        kinds.put(
                "comment id",
                timed(() -> new RecordSearch.Criteria(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("c-" + (1 + random.nextInt(records))),
                        0,
                        50)));
        kinds.put(
                "phrase, page 0",
                timed(() -> criteria(Optional.of(phrase(random)), null, null, null, null, null, null, 0)));
        kinds.put(
                "phrase, page 5 (offset)",
                timed(() -> criteria(Optional.of(phrase(random)), null, null, null, null, null, null, 5)));
        kinds.put("phrase, 6th page by cursor", (c1, load) -> {
            // Pages 1-5 untimed, each from the previous answer's cursor; the 6th (= page 5) timed.
            RecordSearch.Criteria first = criteria(Optional.of(phrase(random)), null, null, null, null, null, null, 0);
            RecordSearch.Page p = RecordSearch.run(c1, first);
            for (int i = 0; i < 4 && p.next().isPresent(); i++) {
                p = RecordSearch.run(c1, withAfter(first, p.next().get()));
            }
            if (p.next().isEmpty()) {
                return search(c1, load, first); // fewer than 6 pages: time the first page instead
            }
            return search(c1, load, withAfter(first, p.next().get()));
        });
        kinds.put(
                "phrase + account",
                timed(() -> criteria(
                        Optional.of(phrase(random)), "acc-" + random.nextInt(50), null, null, null, null, null, 0)));
        kinds.put(
                "phrase after a random cursor",
                cursorAt(
                        c,
                        sample,
                        random,
                        () -> criteria(Optional.of(phrase(random)), null, null, null, null, null, null, 0)));
        kinds.put("account + month, no text", timed(() -> {
            LocalDate from = today.minusMonths(random.nextInt(28) + 1);
            return criteria(
                    Optional.empty(), "acc-" + random.nextInt(50), null, from, from.plusMonths(1), null, null, 0);
        }));
        kinds.put(
                "no criteria, page 5 (offset)",
                timed(() -> criteria(Optional.empty(), null, null, null, null, null, null, 5)));
        kinds.put(
                "no criteria, after a random cursor",
                cursorAt(c, sample, random, () -> criteria(Optional.empty(), null, null, null, null, null, null, 0)));
        kinds.put(
                "word after a random cursor",
                cursorAt(
                        c,
                        sample,
                        random,
                        () -> criteria(Optional.of(word(random)), null, null, null, null, null, null, 0)));
        kinds.put(
                "combo: label only",
                timed(() -> criteria(
                        Optional.empty(), null, LABELS[random.nextInt(LABELS.length)], null, null, null, null, 0)));
        kinds.put(
                "combo: registration only, page 5",
                timed(() -> criteria(Optional.empty(), null, null, null, null, "NOT_REQUIRED", null, 5)));
        kinds.put("combo: one month only", timed(() -> {
            LocalDate from = today.minusMonths(random.nextInt(28) + 1);
            return criteria(Optional.empty(), null, null, from, from.plusMonths(1), null, null, 0);
        }));
        kinds.put(
                "combo: account + label + registration",
                timed(() -> criteria(
                        Optional.empty(),
                        "acc-" + random.nextInt(50),
                        LABELS[random.nextInt(LABELS.length)],
                        null,
                        null,
                        "REGISTERED",
                        null,
                        0)));
        kinds.put(
                "combo: word + account + label + registration",
                timed(() -> criteria(
                        Optional.of(word(random)),
                        "acc-" + random.nextInt(50),
                        LABELS[random.nextInt(LABELS.length)],
                        null,
                        null,
                        "REGISTERED",
                        null,
                        0)));
        kinds.put(
                "combo: phrase + label + registration",
                timed(() -> criteria(
                        Optional.of(phrase(random)),
                        null,
                        LABELS[random.nextInt(LABELS.length)],
                        null,
                        null,
                        "REGISTERED",
                        null,
                        0)));
        kinds.put(
                "combo: word + sender",
                timed(() -> criteria(
                        Optional.of(word(random)), null, null, null, null, null, "s-" + random.nextInt(200000), 0)));
        kinds.put(
                "combo: unknown word",
                timed(() -> criteria(
                        Optional.of("zq" + random.nextInt(1000) + "x"), null, null, null, null, null, null, 0)));
        List<Long> all = new ArrayList<>();
        System.out.printf(
                "%n%,d records; %d searches per kind after 20 warm-up searches; page size 50%n", records, perKind);
        System.out.printf("load average before: %s%n", loadAverage());
        System.out.printf("%-36s %9s %9s %9s %9s%n", "search", "p50 ms", "p95 ms", "p99 ms", "max ms");
        try (PreparedStatement load = c.prepareStatement("SELECT * FROM archive_record WHERE id = ANY(?)")) {
            for (var kind : kinds.entrySet()) {
                if (!kind.getKey().contains(only)) {
                    continue;
                }
                for (int i = 0; i < 20; i++) {
                    kind.getValue().time(c, load);
                }
                List<Long> times = new ArrayList<>();
                for (int i = 0; i < perKind; i++) {
                    times.add(kind.getValue().time(c, load));
                }
                all.addAll(times);
                print(kind.getKey(), times);
            }
        }
        print("ALL", all);
        System.out.printf("load average after: %s%n", loadAverage());
    }

    private static String loadAverage() throws java.io.IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private static Kind timed(java.util.function.Supplier<RecordSearch.Criteria> criteria) {
        return (c, load) -> search(c, load, criteria.get());
    }

    /** The search continued from a cursor at a random record (as if the archivist had paged there). */
    private static Kind cursorAt(
            Connection c,
            List<UUID> sample,
            Random random,
            java.util.function.Supplier<RecordSearch.Criteria> criteria) {
        return (c1, load) -> {
            UUID id = sample.get(random.nextInt(sample.size()));
            RecordSearch.Cursor cursor;
            try (PreparedStatement ps = c1.prepareStatement("SELECT captured_at FROM archive_record WHERE id = ?")) {
                ps.setObject(1, id);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    cursor = new RecordSearch.Cursor(rs.getTimestamp(1).toInstant(), id);
                }
            }
            return search(c1, load, withAfter(criteria.get(), cursor));
        };
    }

    private static RecordSearch.Criteria withAfter(RecordSearch.Criteria k, RecordSearch.Cursor after) {
        return new RecordSearch.Criteria(
                k.text(),
                k.accountId(),
                k.label(),
                k.from(),
                k.to(),
                k.registration(),
                k.sender(),
                k.commentId(),
                Optional.of(after),
                0,
                k.size());
    }

    private static long search(Connection c, PreparedStatement load, RecordSearch.Criteria criteria) throws Exception {
        long t = System.nanoTime();
        RecordSearch.Page page = RecordSearch.run(c, criteria);
        load.setArray(1, c.createArrayOf("uuid", page.ids().toArray()));
        try (var rs = load.executeQuery()) {
            while (rs.next()) {
                rs.getString("search_text");
            }
        }
        return System.nanoTime() - t;
    }

    private static String phrase(Random random) {
        return "\"" + word(random) + " " + word(random) + "\"";
    }

    private static String word(Random random) {
        return WORDS[random.nextInt(WORDS.length - 12)]; // not the stop-word filler
    }

    private static RecordSearch.Criteria criteria(
            Optional<String> text,
            String account,
            String label,
            LocalDate from,
            LocalDate to,
            String registration,
            String sender,
            int page) {
        return new RecordSearch.Criteria(
                text,
                Optional.ofNullable(account),
                Optional.ofNullable(label),
                Optional.ofNullable(from),
                Optional.ofNullable(to),
                Optional.ofNullable(registration),
                Optional.ofNullable(sender),
                Optional.empty(),
                page,
                50);
    }

    private static void print(String name, List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                "%-36s %9.1f %9.1f %9.1f %9.1f%n",
                name, pct(sorted, 0.50), pct(sorted, 0.95), pct(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
