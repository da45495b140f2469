-- Phrase search without rechecking every record that holds the phrase's words. A GIN index over a tsvector holds no
-- word positions, so for '"two words"' PostgreSQL had to recheck every record holding both words (or walk the records
-- newest first and test each one): 280 ms median, 842 ms p99 at 1,000,000 records. search_pairs holds, for every two
-- lexemes at adjacent positions of the record's search_vector (the same expression, so the same lexemes and positions),
-- a 32-bit key of the pair: the first 8 hex digits of md5(lexeme || ' ' || next lexeme) as a signed integer. A phrase
-- 'a' <-> 'b' can only match a record whose search_pairs holds key('a b'), so RecordSearch adds that containment to the
-- query; the GIN index answers it exactly and the phrase itself is rechecked only on those few candidates. A collision
-- of two pairs on one key only adds a candidate, which the recheck drops. md5 rather than hashtext: its value is fixed
-- forever, so a PostgreSQL upgrade cannot make the stored keys disagree with the ones the service computes (in Java).
CREATE FUNCTION archive_word_pair_keys(v tsvector) RETURNS int[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    WITH w AS (SELECT t.lexeme, p FROM unnest(v) AS t, unnest(t.positions) AS p)
    SELECT coalesce(array_agg(DISTINCT ('x' || substr(md5(a.lexeme || ' ' || b.lexeme), 1, 8))::bit(32)::int), '{}')
    FROM w a JOIN w b ON b.p = a.p + 1
$$;

ALTER TABLE archive_record ADD COLUMN search_pairs int[] GENERATED ALWAYS AS (archive_word_pair_keys(
        to_tsvector('danish', coalesce(search_text, '')) ||
        to_tsvector('swedish', coalesce(search_text, '')) ||
        to_tsvector('norwegian', coalesce(search_text, '')) ||
        to_tsvector('english', coalesce(search_text, '')) ||
        to_tsvector('simple', coalesce(sender_name, '')))) STORED;
CREATE INDEX archive_record_search_pairs ON archive_record USING gin (search_pairs);
