package org.tingvakt.classifier.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tingvakt.classifier.normalise.TextNormaliser;

/** The facts that RuleEngine.match's shortcuts rely on. */
class RuleEngineShortcutsTest {

    /** The branch-free token index equals the plain definition. */
    @Test
    void tokenIndexMatchesThePlainDefinition() {
        List<String> texts = new ArrayList<>(List.of(
                "", " ", "  ", "a", " a", "a ", " a b  c ", "\u0000 \uffff", "  two  spaces ", "\ud83d\ude00 x"));
        Random r = new Random(7);
        for (int n = 0; n < 2000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int i = r.nextInt(60); i > 0; i--) {
                sb.append(r.nextInt(3) == 0 ? ' ' : (char) r.nextInt(0x10000));
            }
            texts.add(sb.toString());
            texts.add(TextNormaliser.fold(sb.toString()).text());
        }
        for (String t : texts) {
            int[] expected = new int[t.length()];
            int tok = -1;
            for (int i = 0; i < t.length(); i++) {
                if (t.charAt(i) != ' ' && (i == 0 || t.charAt(i - 1) == ' ')) {
                    tok++;
                }
                expected[i] = Math.max(tok, 0);
            }
            assertArrayEquals(expected, RuleEngine.tokenIndex(t));
        }
    }

    /** innocentPart skips words under half a part's length: lowercasing never more than doubles a string's length. */
    @Test
    void lowercaseAtMostDoublesTheLength() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String s = new String(Character.toChars(cp));
            int lower = s.toLowerCase(Locale.ROOT).length();
            int c = cp;
            assertTrue(
                    lower <= 2 * s.length(),
                    () -> "U+" + Integer.toHexString(c) + " lowercases to " + lower + " chars");
        }
    }
}
