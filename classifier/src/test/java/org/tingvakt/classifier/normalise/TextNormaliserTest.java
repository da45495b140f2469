package org.tingvakt.classifier.normalise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextNormaliserTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "IDIOT",
                "Idiooooot",
                "1d10t",
                "i d i o t",
                "i.d.i.o.t",
                "i-d-i-o-t",
                "idi\uD83D\uDE21ot",
                "\u0456d\u0456\u043et",
                "ιdιοt",
                "ÍDÏÖT"
            })
    void evasionsFoldToTheSameWord(String evasion) {
        assertTrue(
                TextNormaliser.fold("du er en " + evasion + "!").text().contains(" idiot "),
                () -> evasion + " -> " + TextNormaliser.fold(evasion).text());
    }

    @Test
    void nordicSpellingsFoldTogether() {
        String a = TextNormaliser.fold("jævla mørder på").text();
        assertEquals(a, TextNormaliser.fold("jävla mörder paa").text());
        assertEquals(a, TextNormaliser.fold("jaevla moerder pa").text());
    }

    @Test
    void numbersStayNumbersAndAreNotLeet() {
        assertEquals(" 2024 kl 19 30 ", TextNormaliser.fold("2024 kl. 19:30").text());
    }

    @Test
    void singleLettersInOrdinaryTextAreNotJoined() {
        assertFalse(TextNormaliser.fold("jeg bor i en by").text().contains("ien"));
    }

    @Test
    void offsetsMapBackToTheOriginalCharacters() {
        String original = "Du er en I.D.I.O.T!!";
        FoldedText f = TextNormaliser.fold(original);
        int at = f.text().indexOf("idiot");
        assertEquals("I.D.I.O.T", original.substring(f.originalStart(at), f.originalEnd(at + 5)));
    }
}
