package org.tingvakt.archive.search;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The archivists' record search as one parameterised SQL query: full text (PostgreSQL text search with the Danish,
 * Swedish, Norwegian and English stemmers, plus an unstemmed "simple" match for names), filters, and paging newest first.
 * Plain JDBC so that the REST resource and the search benchmark run exactly the same statement.
 */
public final class RecordSearch {
    static final String[] CONFIGS = {"danish", "swedish", "norwegian", "english", "simple"};

    /**
     * What to look for; every filter is optional.
     *
     * @param text websearch syntax ("trussel adresse", "\"exact phrase\"", "-word", "a or b")
     * @param from first capture day (UTC), inclusive
     * @param to last capture day (UTC), inclusive
     * @param registration PENDING, REGISTERED or NOT_REQUIRED
     * @param sender the sender's platform id, or the sender's name (case-insensitive, exact)
     */
    public record Criteria(Optional<String> text, Optional<String> accountId, Optional<String> label,
                           Optional<LocalDate> from, Optional<LocalDate> to, Optional<String> registration,
                           Optional<String> sender, Optional<String> commentId, Optional<Cursor> after, int page,
                           int size) {
        public Criteria {
            if (page < 0 || size < 1 || size > 200) {
                throw new IllegalArgumentException("page must be ≥ 0 and size 1–200");
            }
            if ((long) page * size > MAX_OFFSET) {
                throw new IllegalArgumentException("page × size must be at most " + MAX_OFFSET
                        + "; page on with the 'after' cursor (the answer's 'next')");
            }
            if (after.isPresent() && page > 0) {
                throw new IllegalArgumentException("'after' and 'page' cannot be combined");
            }
            text = text.map(String::trim).filter(t -> !t.isEmpty());
        }

        /** The same search without a cursor or page (the old constructor's shape). */
        public Criteria(Optional<String> text, Optional<String> accountId, Optional<String> label,
                        Optional<LocalDate> from, Optional<LocalDate> to, Optional<String> registration,
                        Optional<String> sender, Optional<String> commentId, int page, int size) {
            this(text, accountId, label, from, to, registration, sender, commentId, Optional.empty(), page, size);
        }
    }

    /**
     * Offset paging reads and drops every row of the pages before: allowed for the first 10,000 results (page × size),
     * beyond that the {@code after} cursor pages on at the cost of a first page.
     */
    public static final int MAX_OFFSET = 10_000;

    /**
     * Where a page ends: the last record's capture time and id (the sort key, newest first). Opaque to clients: {@link
     * #encode()} is base64url of {@code <microseconds since the epoch>_<uuid>}; {@link #decode} refuses anything else.
     */
    public record Cursor(Instant capturedAt, UUID id) {
        public String encode() {
            long micros = Math.addExact(Math.multiplyExact(capturedAt.getEpochSecond(), 1_000_000L),
                    capturedAt.getNano() / 1_000);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((micros + "_" + id).getBytes(StandardCharsets.US_ASCII));
        }

        public static Cursor decode(String token) {
            try {
                String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
                int sep = s.indexOf('_');
                long micros = Long.parseLong(s.substring(0, sep));
                UUID id = UUID.fromString(s.substring(sep + 1));
                if (!id.toString().equals(s.substring(sep + 1))) {
                    throw new IllegalArgumentException("not a canonical uuid");
                }
                return new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'after' is not a cursor this API handed out");
            }
        }
    }

    /**
     * The text query: the OR of {@code websearch_to_tsquery} under every configuration, with identical branches dropped
     * (most words stem alike in several languages: "skolen parkering" gave five branches, three of them the same). Every
     * row the index cannot decide (phrases: a GIN index holds no word positions) is rechecked against the whole OR, so
     * fewer branches is less work per row. Empty when the text holds only stop words.
     */
    static Optional<String> textQuery(Connection c, String text) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT string_agg(DISTINCT '(' || q::text || ')', ' | ') "
                + "FROM (SELECT websearch_to_tsquery(cfg::regconfig, ?) AS q FROM unnest(?::text[]) AS cfg) s "
                + "WHERE numnode(q) > 0")) {
            ps.setString(1, text);
            ps.setArray(2, c.createArrayOf("text", CONFIGS));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(rs.getString(1));
            }
        }
    }

    /** One page of record ids, newest first, whether there are more, and the cursor of the next page if so. */
    public record Page(List<UUID> ids, boolean hasMore, Optional<Cursor> next) {
    }

    private RecordSearch() {
    }

    public static Page run(Connection c, Criteria criteria) throws SQLException {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT id, captured_at FROM archive_record WHERE true");
        Optional<List<int[]>> pairs = Optional.empty();
        if (criteria.text().isPresent()) {
            Optional<String> query = textQuery(c, criteria.text().get());
            if (query.isEmpty()) {
                return new Page(List.of(), false, Optional.empty()); // only stop words: nothing to look for
            }
            // Phrases: the adjacent word pairs they need, answered exactly by the search_pairs index (V6), so the
            // phrase itself is rechecked on those candidates only instead of on every record holding its words.
            pairs = WordPairs.condition(query.get());
            if (pairs.isPresent()) {
                // ts_match_vq is @@ written as a function, which no index serves: the pairs index finds the candidates,
                // and the tsvector index would only add a bitmap of every record holding any of the words (78 ms of
                // 160 at 1M records for "skolen parkering", EXPLAIN ANALYZE).
                sql.append(" AND ts_match_vq(search_vector, ?::tsquery) AND (");
                params.add(query.get());
                for (int i = 0; i < pairs.get().size(); i++) {
                    sql.append(i == 0 ? "" : " OR ").append("search_pairs @> ?::int[]");
                    params.add(c.createArrayOf("int4", Arrays.stream(pairs.get().get(i)).boxed().toArray()));
                }
                sql.append(")");
            } else {
                sql.append(" AND search_vector @@ ?::tsquery");
                params.add(query.get());
            }
        }
        criteria.accountId().ifPresent(a -> {
            sql.append(" AND account_id = ?");
            params.add(a);
        });
        criteria.label().ifPresent(l -> {
            sql.append(" AND labels @> ARRAY[?]::text[]");
            params.add(l);
        });
        criteria.from().ifPresent(d -> {
            sql.append(" AND captured_at >= ?");
            params.add(Timestamp.from(d.atStartOfDay(ZoneOffset.UTC).toInstant()));
        });
        criteria.to().ifPresent(d -> {
            sql.append(" AND captured_at < ?");
            params.add(Timestamp.from(d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        });
        criteria.registration().ifPresent(s -> {
            sql.append(" AND registration_state = ?");
            params.add(s);
        });
        criteria.sender().ifPresent(s -> {
            sql.append(" AND (sender_id = ? OR lower(sender_name) = lower(?))");
            params.add(s);
            params.add(s);
        });
        criteria.commentId().ifPresent(id -> {
            sql.append(" AND comment_id = ?");
            params.add(id);
        });
        criteria.after().ifPresent(cursor -> {
            // Keyset paging: strictly after the cursor in the order below, written so any captured_at index serves it.
            OffsetDateTime at = cursor.capturedAt().atOffset(ZoneOffset.UTC);
            sql.append(" AND captured_at <= ? AND (captured_at < ? OR id < ?)");
            params.add(at);
            params.add(at);
            params.add(cursor.id());
        });
        if (criteria.text().isEmpty()) {
            return page(c, sql.toString(), params, criteria, TIME_ORDER);
        }
        // A text search is searched in windows of capture time, newest first. Without them PostgreSQL walks the records
        // newest first (archive_record_captured) testing each row when it believes the words are common enough to
        // fill the page soon; when they are not (a word no record holds, or words plus filters that few records match
        // together) that walk reads the whole table: 1.8 s median for an unknown word at 1M records, 145 ms p99 for a
        // word with account, label and registration state. Inside a window the statement is sorted by an expression
        // no index serves (MATCH_ORDER), so the walk is not a plan PostgreSQL can choose; it combines the word (and
        // pairs) index with the window and the filters' indexes and sorts what matches, which costs what the window
        // holds. A window that yields the whole page and one row more holds the page exactly, since every record
        // newer than its start is in it. Otherwise the next window is as wide as the matches found so far say it must
        // be (× 1.5, at least twice as wide), and past 10 years there is no window. A phrase in many records (the
        // benchmark's phrases are in 0.2-0.7 % of them) still has thousands of candidates, each a heap read, and a
        // common word (~17 % of the benchmark's records) tens of thousands, while a page needs only the newest few: so
        // the first window is 30 days for a phrase and WORD_WINDOW_DAYS for words. The window ends at the cursor, the
        // 'to' day, or now.
        Instant upper = Instant.now();
        if (criteria.to().isPresent()) {
            upper = min(upper, criteria.to().get().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        if (criteria.after().isPresent()) {
            upper = min(upper, criteria.after().get().capturedAt());
        }
        Optional<Instant> from = criteria.from().map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant());
        int needed = criteria.page() * criteria.size() + criteria.size() + 1;
        double days = pairs.isPresent() ? WINDOW_DAYS : WORD_WINDOW_DAYS;
        while (days <= MAX_WINDOW_DAYS) {
            Instant start = upper.minusSeconds((long) (days * 86_400));
            if (from.isPresent() && !start.isAfter(from.get())) {
                break; // the 'from' day bounds the search anyway
            }
            List<Object> windowed = new ArrayList<>(params);
            windowed.add(start.atOffset(ZoneOffset.UTC));
            Rows rows = rows(c, sql + " AND captured_at >= ?", windowed, needed, 0, MATCH_ORDER);
            if (rows.ids().size() == needed) {
                return rows.page(criteria);
            }
            days *= Math.max(2.0, 1.5 * needed / Math.max(1, rows.ids().size()));
        }
        // Fewer matches in 10 years (or since 'from') than the page needs: few enough to sort them all.
        return page(c, sql.toString(), params, criteria, MATCH_ORDER);
    }

    /** The first window of a phrase search, in days; beyond the widest one the search has no window. */
    static final double WINDOW_DAYS = 30;
    /** The first window of a search for words (no phrase), in days. */
    static final double WORD_WINDOW_DAYS = 7;
    static final double MAX_WINDOW_DAYS = 3_650;

    /** The search's order, newest first: served by the capture-time indexes. */
    static final String TIME_ORDER = "captured_at DESC, id DESC";
    /**
     * The same order, by an expression no index serves ({@code + interval '0'} changes no value): PostgreSQL must find
     * the matches through the text and filter indexes and sort them, instead of walking the records newest first.
     */
    static final String MATCH_ORDER = "captured_at + interval '0' DESC, id DESC";

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Page page(Connection c, String where, List<Object> whereParams, Criteria criteria, String order)
            throws SQLException {
        return rows(c, where, whereParams, criteria.size() + 1, (long) criteria.page() * criteria.size(), order)
                .pageOf(criteria);
    }

    /** Rows in the search's order: ids and capture times. */
    private record Rows(List<UUID> ids, List<Instant> times) {
        /** These rows are the page with its offset still in them (a window's rows). */
        Page page(Criteria criteria) {
            int offset = criteria.page() * criteria.size();
            return new Rows(ids.subList(Math.min(offset, ids.size()), ids.size()),
                    times.subList(Math.min(offset, times.size()), times.size())).pageOf(criteria);
        }

        /** These rows are the page and possibly one more. */
        Page pageOf(Criteria criteria) {
            boolean more = ids.size() > criteria.size();
            if (!more) {
                return new Page(ids, false, Optional.empty());
            }
            int last = criteria.size() - 1;
            return new Page(ids.subList(0, criteria.size()), true, Optional.of(new Cursor(times.get(last), ids.get(last))));
        }
    }

    private static Rows rows(Connection c, String where, List<Object> whereParams, int limit, long offset, String order)
            throws SQLException {
        List<Object> params = new ArrayList<>(whereParams);
        String sql = where + " ORDER BY " + order + " LIMIT ? OFFSET ?";
        params.add(limit);
        params.add(offset);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            // Always plan with the actual values: a cached generic plan cannot tell a rare word from a common one or a
            // 90-day range from all time, and picked a 4.5 s bitmap plan at 1M rows where the custom plan takes 7 ms.
            ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            List<UUID> ids = new ArrayList<>();
            List<Instant> times = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                    times.add(rs.getTimestamp(2).toInstant());
                }
            }
            return new Rows(ids, times);
        }
    }
}
