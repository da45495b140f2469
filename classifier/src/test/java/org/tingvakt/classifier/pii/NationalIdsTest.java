package org.tingvakt.classifier.pii;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NationalIdsTest {

    @Test
    void swedishPersonnummer() {
        assertTrue(NationalIds.isSwedish("8112289874"));
        assertTrue(NationalIds.isSwedish("189001019802"), "a Skatteverket test number");
        assertFalse(NationalIds.isSwedish("8112289873"), "wrong check digit");
        assertFalse(NationalIds.isSwedish("5566778899"), "an organisation number has no real month");
        assertTrue(
                NationalIds.isSwedish("8112889877") || !NationalIds.luhn("8112889877"), "samordningsnummer day + 60");
    }

    @Test
    void swedishSamordningsnummerIsDayPlusSixty() {
        // 1981-12-28 as samordningsnummer: day 88, same Luhn rule
        String body = "811288987";
        for (int c = 0; c <= 9; c++) {
            String d = body + c;
            if (NationalIds.luhn(d)) {
                assertTrue(NationalIds.isSwedish(d));
                assertTrue(NationalIds.isSwedishCoordination(d));
            } else {
                assertFalse(NationalIds.isSwedish(d));
            }
        }
    }

    @Test
    void danishCpr() {
        assertTrue(NationalIds.isDanish("0707614285"));
        assertFalse(NationalIds.isDanish("0707614286"), "modulus 11 fails");
        assertFalse(NationalIds.isDanish("3102614285"), "31 February");
    }

    @Test
    void norwegianFodselsnummerAndDNumber() {
        assertTrue(NationalIds.isNorwegian("01017000027"));
        assertFalse(NationalIds.isNorwegian("01017000028"), "second control digit wrong");
        assertFalse(NationalIds.isNorwegian("01017000017"), "first control digit wrong");
        assertTrue(NationalIds.isNorwegianDNumber("41017000027"));
    }

    @Test
    void finnishHetu() {
        assertTrue(NationalIds.isFinnish("131052-308T"), "the example published by the Finnish Digital Agency");
        assertFalse(NationalIds.isFinnish("131052-308U"));
        assertFalse(NationalIds.isFinnish("311352-308T"), "month 13");
    }
}
