package org.tingvakt.classifier.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tingvakt.classifier.Language;
import org.tingvakt.classifier.normalise.TextNormaliser;

/** Any rule term loads, whatever its chars and however few terms there are, and is found in text. */
class RuleTermsTest {

    private static List<RuleHit> hits(RuleEngine rules, String text) {
        return rules.match(text, TextNormaliser.fold(text), Language.EN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"o'brien", "rock'n'roll", "d'angelo", "o’brien", "ab", "obrien", "idiot o'brien"})
    void aTermSetLoadsAndItsTermsAreFound(String terms) {
        RuleEngine rules = RuleEngine.parse(List.of("WORD INSULT 0.7 * " + terms));
        for (String term : terms.split(" ")) {
            List<RuleHit> found = hits(rules, "well, " + term + " again");
            assertEquals(1, found.size(), () -> term + ": " + found);
            assertEquals("INSULT", found.get(0).name());
        }
        assertTrue(hits(rules, "nothing here at all").isEmpty());
    }

    @Test
    void aPhraseWithAnApostropheLoadsAndMatches() {
        RuleEngine rules = RuleEngine.parse(List.of("PHRASE THREAT threat.test 0.9 * i'll || get || you"));
        assertTrue(
                hits(rules, "i'll get you tomorrow").stream()
                        .anyMatch(h -> h.name().equals("THREAT")),
                "the phrase fires");
        assertTrue(hits(rules, "i get it").stream().noneMatch(h -> h.name().equals("THREAT")), "no phrase");
    }

    /** After a term's last char, any char may follow: the scan never steps outside the automaton. */
    @Test
    void anyCharMayFollowATerm() {
        RuleEngine rules = RuleEngine.parse(List.of("WORD INSULT 0.7 * ab+ o'brien+"));
        StringBuilder text = new StringBuilder();
        for (int c = 0; c <= Character.MAX_VALUE; c += 7) {
            text.append(" ab").append((char) c).append(" o'brien").append((char) c);
        }
        assertTrue(hits(rules, text.toString()).size() > 1000);
    }
}
