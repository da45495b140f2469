package org.tingvakt.archive.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordSearch} against a real PostgreSQL with records spread over 30 months: every text search (searched in
 * capture-time windows with an order no index serves) must return exactly the rows, order, paging and cursors of the
 * plain statement (every match, {@code ORDER BY captured_at DESC, id DESC}), which this test computes on its own.
 */
class RecordSearchTest {
    private static final String[] WORDS = {
        "kommunen",
        "parkering",
        "skolen",
        "trussel",
        "politikerne",
        "borgmesteren",
        "kommunerna",
        "skolorna",
        "hoten",
        "husene",
        "bompenger",
        "council",
        "threatened",
        "mayor",
        "complaint",
        "rubbish",
        "og",
        "the",
        "is"
    };
    private static final String[] LABELS = {
        "INSULT", "THREAT", "HATE", "PROFANITY", "PERSONAL_DATA", "COMPLAINT", "SPAM"
    };

    private static EmbeddedPostgres pg;
    private static Connection c;

    @BeforeAll
    static void load() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        Flyway.configure()
                .dataSource(pg.getPostgresDatabase())
                .locations("classpath:db/eventing", "classpath:db/migration")
                .load()
                .migrate();
        c = pg.getPostgresDatabase().getConnection();
        String words = "ARRAY["
                + String.join(
                        ",",
                        java.util.Arrays.stream(WORDS).map(w -> "'" + w + "'").toList()) + "]";
        String labels = "ARRAY["
                + String.join(
                        ",",
                        java.util.Arrays.stream(LABELS).map(w -> "'" + w + "'").toList()) + "]";
        try (Statement st = c.createStatement()) {
            st.execute("SELECT setseed(0.42)");
            // 4,000 records over ~900 days (a record every ~5 h), two records at every capture time (ties broken by
            // id),
            // words drawn with a skew (the first words are common), two rare words, 5 accounts, 7 labels, 10 %
            // registered.
            st.execute("INSERT INTO archive_record (id, request_id, case_id, comment_id, comment_version, platform, "
                    + "account_id, thread_key, sender_id, sender_name, labels, reason, content_sha256, record_sha256, "
                    + "chain_seq, previous_chain_hash, chain_hash, posted_at, captured_at, search_text, "
                    + "registration_state, registration_number, pdf_sha256, png_sha256) "
                    + "SELECT gen_random_uuid(), 'test-' || g, 'case-' || g, 'c-' || g, 1, 'FACEBOOK', "
                    + "'acc-' || (g % 5), 'FACEBOOK:p' || (g / 20), 's-' || (g % 300), 'Person ' || (g % 300), "
                    + "ARRAY[(" + labels + ")[1 + (g / 3) % 7]], 'reason', md5(g::text) || md5(g::text), "
                    + "md5(g::text || 'r') || md5(g::text || 'r'), g, repeat('0', 64), repeat('1', 64), "
                    + "now() - (g % 2000) * interval '648 minutes', now() - (g % 2000) * interval '648 minutes', "
                    + "(SELECT string_agg((" + words + ")[1 + floor(power(random(), 2) * " + WORDS.length
                    + ")::int], ' ') "
                    + " FROM generate_series(1, 3 + g % 6)) "
                    // rare words: in ~1 % and 0.1 % of the records (windowed word search, RecordSearch.rare)
                    + "|| CASE WHEN g % 97 = 0 THEN ' sjældent' ELSE '' END || CASE WHEN g % 1000 = 0 THEN ' enestående' ELSE '' END, "
                    + "CASE (g / 5) % 10 WHEN 0 THEN 'REGISTERED' WHEN 1 THEN 'NOT_REQUIRED' ELSE 'PENDING' END, "
                    + "CASE (g / 5) % 10 WHEN 0 THEN 'B-' || g END, md5(g::text) || md5(g::text), md5(g::text) || md5(g::text) "
                    + "FROM generate_series(1, 4000) g");
            st.execute("ANALYZE archive_record");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        c.close();
        pg.close();
    }

    @Test
    void aWordNoRecordHoldsFindsAnEmptyPage() throws SQLException {
        RecordSearch.Page page = RecordSearch.run(c, criteria("zqx4711", null, null, null, null, null, null, 0, 50));
        assertThat(page.ids()).isEmpty();
        assertThat(page.hasMore()).isFalse();
        assertThat(page.next()).isEmpty();
        assertThat(RecordSearch.run(c, criteria("zqx4711", "acc-1", "HATE", null, null, "REGISTERED", null, 0, 50))
                        .ids())
                .isEmpty();
    }

    @Test
    void rareAndUnknownWordsAreTheWindowedOnes() throws SQLException {
        assertThat(RecordSearch.rare(c, RecordSearch.textQuery(c, "zqx4711").orElseThrow()))
                .isTrue();
        assertThat(RecordSearch.rare(c, RecordSearch.textQuery(c, "sjældent").orElseThrow()))
                .isTrue();
        assertThat(RecordSearch.rare(c, RecordSearch.textQuery(c, "enestående").orElseThrow()))
                .isTrue();
        assertThat(RecordSearch.rare(c, RecordSearch.textQuery(c, "kommunen").orElseThrow()))
                .isFalse();
    }

    @Test
    void thePlannerCostsAreTheSearchsOnly() throws SQLException {
        RecordSearch.run(c, criteria("kommunen", null, "SPAM", null, null, "PENDING", null, 0, 5));
        assertThat(c.getAutoCommit()).isTrue();
        assertThat(setting("random_page_cost")).isEqualTo("4");
        c.setAutoCommit(false);
        try {
            RecordSearch.run(c, criteria("sjældent", null, "HATE", null, null, null, null, 0, 5));
            assertThat(setting("random_page_cost")).isEqualTo("4");
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
        assertThat(setting("random_page_cost")).isEqualTo("4");
        assertThat(setting("cpu_index_tuple_cost")).isEqualTo("0.005");
    }

    private static String setting(String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting(?)")) {
            ps.setString(1, name);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void windowedTextSearchesReturnThePlainStatementsPagesAndCursors() throws SQLException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<RecordSearch.Criteria> searches = new ArrayList<>();
        for (int size : new int[] {1, 7, 50, 200}) {
            for (int page = 0; page < 3; page++) {
                searches.add(criteria("kommunen", null, null, null, null, null, null, page, size)); // common
                searches.add(criteria("rubbish", null, null, null, null, null, null, page, size));
                searches.add(criteria("sjældent", null, null, null, null, null, null, page, size)); // rare: windows
                searches.add(criteria("enestående", null, null, null, null, null, null, page, size));
                searches.add(criteria("sjældent kommunen", null, null, null, null, null, null, page, size));
                searches.add(criteria("sjældent", "acc-3", null, null, null, null, null, page, size));
                searches.add(criteria(
                        "sjældent", null, null, today.minusDays(300), today.minusDays(20), null, null, page, size));
                searches.add(criteria("sjældent or enestående", null, "HATE", null, null, null, null, page, size));
                searches.add(criteria("kommunen parkering", null, null, null, null, null, null, page, size));
                searches.add(criteria("skolen", "acc-3", null, null, null, null, null, page, size));
                searches.add(criteria("trussel", null, "THREAT", today.minusDays(90), today, null, null, page, size));
                searches.add(criteria(
                        "kommunen", null, null, today.minusDays(400), today.minusDays(100), null, null, page, size));
                searches.add(criteria("parkering", "acc-2", "INSULT", null, null, "REGISTERED", null, page, size));
                searches.add(criteria("kommunen", null, null, null, null, null, "s-17", page, size));
                searches.add(criteria("\"kommunen parkering\"", null, null, null, null, null, null, page, size));
                searches.add(
                        criteria("\"kommunen kommunen\"", null, "HATE", null, null, "REGISTERED", null, page, size));
                searches.add(criteria("\"skolen trussel\"", "acc-4", null, null, null, null, null, page, size));
            }
        }
        for (RecordSearch.Criteria k : searches) {
            List<UUID> all = plain(k);
            int offset = k.page() * k.size();
            List<UUID> expected = all.subList(Math.min(offset, all.size()), Math.min(offset + k.size(), all.size()));
            RecordSearch.Page page = RecordSearch.run(c, k);
            assertThat(page.ids()).as("%s", k).containsExactlyElementsOf(expected);
            assertThat(page.hasMore()).as("%s", k).isEqualTo(all.size() > offset + k.size());
            if (page.hasMore()) {
                assertThat(page.next()).as("%s", k).contains(cursorOf(expected.get(expected.size() - 1)));
            } else {
                assertThat(page.next()).as("%s", k).isEmpty();
            }
        }
        // Paging by cursor to the end gives every match once, in order (including past ties of capture time).
        for (RecordSearch.Criteria first : List.of(
                criteria("kommunen", null, null, null, null, null, null, 0, 37),
                criteria("rubbish", "acc-1", null, null, null, null, null, 0, 3),
                criteria("sjældent", null, null, null, null, null, null, 0, 4),
                criteria("\"kommunen parkering\"", null, null, null, null, null, null, 0, 11))) {
            List<UUID> walked = new ArrayList<>();
            RecordSearch.Page p = RecordSearch.run(c, first);
            walked.addAll(p.ids());
            while (p.next().isPresent()) {
                p = RecordSearch.run(
                        c,
                        new RecordSearch.Criteria(
                                first.text(),
                                first.accountId(),
                                first.label(),
                                first.from(),
                                first.to(),
                                first.registration(),
                                first.sender(),
                                first.commentId(),
                                p.next(),
                                0,
                                first.size()));
                walked.addAll(p.ids());
            }
            assertThat(walked).as("%s", first).isNotEmpty().containsExactlyElementsOf(plain(first));
        }
    }

    /** Every match of the criteria (no paging) by the plain statement, newest first. */
    private static List<UUID> plain(RecordSearch.Criteria k) throws SQLException {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT id FROM archive_record WHERE search_vector @@ ?::tsquery");
        params.add(RecordSearch.textQuery(c, k.text().orElseThrow()).orElseThrow());
        k.accountId().ifPresent(a -> {
            sql.append(" AND account_id = ?");
            params.add(a);
        });
        k.label().ifPresent(l -> {
            sql.append(" AND ? = ANY(labels)");
            params.add(l);
        });
        k.from().ifPresent(d -> {
            sql.append(" AND captured_at >= ?");
            params.add(Timestamp.from(d.atStartOfDay(ZoneOffset.UTC).toInstant()));
        });
        k.to().ifPresent(d -> {
            sql.append(" AND captured_at < ?");
            params.add(Timestamp.from(d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        });
        k.registration().ifPresent(r -> {
            sql.append(" AND registration_state = ?");
            params.add(r);
        });
        k.sender().ifPresent(s -> {
            sql.append(" AND sender_id = ?");
            params.add(s);
        });
        sql.append(" ORDER BY captured_at DESC, id DESC");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            List<UUID> ids = new ArrayList<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    private static RecordSearch.Cursor cursorOf(UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT captured_at FROM archive_record WHERE id = ?")) {
            ps.setObject(1, id);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return new RecordSearch.Cursor(rs.getTimestamp(1).toInstant(), id);
            }
        }
    }

    private static RecordSearch.Criteria criteria(
            String text,
            String account,
            String label,
            LocalDate from,
            LocalDate to,
            String registration,
            String sender,
            int page,
            int size) {
        return new RecordSearch.Criteria(
                Optional.of(text),
                Optional.ofNullable(account),
                Optional.ofNullable(label),
                Optional.ofNullable(from),
                Optional.ofNullable(to),
                Optional.ofNullable(registration),
                Optional.ofNullable(sender),
                Optional.empty(),
                page,
                size);
    }
}
