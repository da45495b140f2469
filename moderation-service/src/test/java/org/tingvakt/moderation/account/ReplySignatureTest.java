package org.tingvakt.moderation.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplySignatureTest {

    private static final ReplySignature NAME_AND_UNIT =
            new ReplySignature(ReplySignature.Style.FIRST_NAME_AND_UNIT, "Kommunikation");

    @Test
    void signsWithFirstNameAndUnit() {
        assertEquals(
                "Tak for dit spørgsmål.\n– Anna, Kommunikation",
                NAME_AND_UNIT.sign("Tak for dit spørgsmål.  \n", Optional.of("Anna Berg Jensen")));
    }

    @Test
    void keepsHyphenatedFirstNames() {
        assertEquals("Hej\n– Anne-Marie, Kommunikation", NAME_AND_UNIT.sign("Hej", Optional.of(" Anne-Marie  Holm")));
    }

    @Test
    void fallsBackToUnitWithoutAUsableName() {
        assertEquals("Hej\n– Kommunikation", NAME_AND_UNIT.sign("Hej", Optional.empty()));
        assertEquals("Hej\n– Kommunikation", NAME_AND_UNIT.sign("Hej", Optional.of("  ")));
        assertEquals("Hej\n– Kommunikation", NAME_AND_UNIT.sign("Hej", Optional.of("anna@kommune.example")));
    }

    @Test
    void unitOnlyIgnoresTheName() {
        ReplySignature unit = new ReplySignature(ReplySignature.Style.UNIT, "Kommunikationsavdelningen");
        assertEquals("Hej\n– Kommunikationsavdelningen", unit.sign("Hej", Optional.of("Anna")));
    }

    @Test
    void noneLeavesTheTextAlone() {
        ReplySignature none = new ReplySignature(ReplySignature.Style.NONE, "Kommunikation");
        assertEquals("Hej", none.sign("Hej\n", Optional.of("Anna")));
        assertEquals(Optional.empty(), none.signatureLine(Optional.of("Anna")));
    }

    @Test
    void nameWithoutUnit() {
        ReplySignature nameOnly = new ReplySignature(ReplySignature.Style.FIRST_NAME_AND_UNIT, null);
        assertEquals("Hej\n– Ola", nameOnly.sign("Hej", Optional.of("Ola Nordmann")));
        assertEquals("Hej", nameOnly.sign("Hej", Optional.empty()));
    }

    @Test
    void doesNotSignTwice() {
        String once = NAME_AND_UNIT.sign("Hej", Optional.of("Anna"));
        assertEquals(once, NAME_AND_UNIT.sign(once, Optional.of("Anna")));
    }

    @Test
    void newlinesInNamesOrUnitCannotForgeLines() {
        ReplySignature sneaky = new ReplySignature(ReplySignature.Style.FIRST_NAME_AND_UNIT, "Kommu\nnikation");
        assertEquals("Hej\n– Anna, Kommu nikation", sneaky.sign("Hej", Optional.of("Anna\nFake line")));
    }
}
