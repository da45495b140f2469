package org.tingvakt.archive.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The word-pair condition derived from PostgreSQL's tsquery text: only what a match really requires. */
class WordPairsTest {
    private static List<List<Integer>> condition(String tsquery) {
        Optional<List<int[]>> c = WordPairs.condition(tsquery);
        return c.map(l -> l.stream()
                        .map(a -> Arrays.stream(a).boxed().sorted().toList())
                        .toList())
                .orElse(null);
    }

    private static List<Integer> keys(int... keys) {
        return Arrays.stream(keys).boxed().sorted().toList();
    }

    @Test
    void theKeyIsTheFirstFourBytesOfTheMd5OfBothLexemes() {
        // SELECT ('x' || substr(md5('skol parkering'), 1, 8))::bit(32)::int  →  -1223872564 (PostgreSQL 17)
        assertThat(WordPairs.key("skol", "parkering")).isEqualTo(-1223872564);
    }

    @Test
    void aPhraseNeedsEachAdjacentPair() {
        assertThat(condition("'skol' <-> 'parkering'")).containsExactly(keys(WordPairs.key("skol", "parkering")));
        assertThat(condition("'a' <-> 'b' <-> 'c'"))
                .containsExactly(keys(WordPairs.key("a", "b"), WordPairs.key("b", "c")));
        assertThat(condition("'a' <-> ( 'b' <-> 'c' )"))
                .containsExactly(keys(WordPairs.key("a", "b"), WordPairs.key("b", "c")));
        assertThat(condition("'a' <-> 'b' & 'x' & 'c' <-> 'd'"))
                .containsExactly(keys(WordPairs.key("a", "b"), WordPairs.key("c", "d")));
        assertThat(condition("'it''s' <-> 'x\\\\y'")).containsExactly(keys(WordPairs.key("it's", "x\\y")));
    }

    @Test
    void theLanguagesAreAlternatives() {
        assertThat(condition("( 'skol' <-> 'parkering' ) | ( 'skolen' <-> 'parkering' ) | ( 'skol' <-> 'parkering' )"))
                .containsExactlyInAnyOrder(
                        keys(WordPairs.key("skol", "parkering")), keys(WordPairs.key("skolen", "parkering")));
    }

    @Test
    void whatAMatchDoesNotRequireAddsNoCondition() {
        assertThat(condition("'a' & 'b'")).isNull();
        assertThat(condition("'a'")).isNull();
        assertThat(condition("!( 'a' <-> 'b' )")).isNull();
        assertThat(condition("'a':* <-> 'b'")).isNull();
        assertThat(condition("'a':A <-> 'b'")).isNull();
        assertThat(condition("'a' <2> 'b'")).isNull(); // a stop word between them
        assertThat(condition("( 'a' <-> 'b' ) | 'c'")).isNull();
        assertThat(condition("( 'a' | 'x' ) <-> 'b'")).isNull();
        assertThat(condition("'a' <-> !'b'")).isNull();
        assertThat(condition("'a' <-> "))
                .isNull(); // not a form PostgreSQL writes: no condition rather than a wrong one
        assertThat(condition("'a' ~ 'b'")).isNull();
        // The part a match does need is kept: the phrase beside a negation or a distance-2 link.
        assertThat(condition("'a' <-> 'b' & !'c'")).containsExactly(keys(WordPairs.key("a", "b")));
        assertThat(condition("'a' <-> 'b' <2> 'c'")).containsExactly(keys(WordPairs.key("a", "b")));
    }
}
