package org.tingvakt.classifier.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tingvakt.classifier.Classification;
import org.tingvakt.classifier.Classifier;
import org.tingvakt.classifier.Label;
import org.tingvakt.classifier.Language;
import org.tingvakt.classifier.Span;

class PersonalDataTest {

    private static final Classifier C = Classifier.load();

    private static Optional<Span> rule(String text, String rulePrefix) {
        Classification c = C.classify(text);
        return c.spans().stream().filter(s -> s.rule().startsWith(rulePrefix)).findFirst();
    }

    @ParameterizedTest
    @ValueSource(strings = {"189001019802", "18900101-9802", "900101+9802"})
    void skatteverketNumberInsideASentence(String number) {
        String text = "Hej, mitt personnummer är " + number + " och jag undrar över min ansökan";
        Span s = rule(text, "pii.se-")
                .orElseThrow(() -> new AssertionError(C.classify(text).toString()));
        assertEquals(number, text.substring(s.start(), s.end()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Organisationsnummer 556677-8899 står på fakturan",
                "Mötet är 2024-05-14 kl 18",
                "Ring 070-123 45 67 efter fem",
                "Ärende 2024-123456 gäller bygglovet",
                "Det kostar 1 250 000 kr"
            })
    void ordinaryNumbersAreNotNationalIds(String text) {
        Classification c = C.classify(text);
        assertTrue(
                c.spans().stream()
                        .noneMatch(s -> s.rule().startsWith("pii.se-")
                                || s.rule().startsWith("pii.dk-")
                                || s.rule().startsWith("pii.no-f")
                                || s.rule().startsWith("pii.fi-")),
                c::toString);
    }

    @Test
    void phoneEmailIbanCardAndAddress() {
        assertTrue(rule("Ring til mig på +45 20 12 34 56", "pii.phone-number").isPresent());
        assertTrue(
                rule("Skriv til mette.jensen@example.dk i morgen", "pii.email").isPresent());
        assertTrue(rule("Overfør til DK50 0040 0440 1162 43 tak", "pii.iban").isPresent());
        assertFalse(rule("Overfør til DK51 0040 0440 1162 43 tak", "pii.iban").isPresent(), "bad IBAN check digits");
        assertTrue(rule("Mit kort er 4111 1111 1111 1111 udløb 12/27", "pii.card-number")
                .isPresent());
        assertFalse(
                rule("Mit kort er 4111 1111 1111 1112 udløb 12/27", "pii.card-number")
                        .isPresent(),
                "Luhn fails");
        assertTrue(rule("Hun bor på Storgatan 5, 111 51 Stockholm", "pii.street-address")
                .isPresent());
    }

    @Test
    void healthFactAboutANamedPerson() {
        assertTrue(C.classify("Lars Hansen har kræft og kan ikke passe sit job")
                .labels()
                .contains(Label.PERSONAL_DATA));
        assertFalse(C.classify("Kræft er en folkesygdom, siger Sundhedsstyrelsen")
                .labels()
                .contains(Label.PERSONAL_DATA));
    }

    @Test
    void cprValidAndInvalid() {
        assertTrue(C.classify("Hans CPR er 070761-4285", Optional.of(Language.DA))
                .labels()
                .contains(Label.PERSONAL_DATA));
        assertFalse(C.classify("Hans CPR er 070761-4286", Optional.of(Language.DA))
                .labels()
                .contains(Label.PERSONAL_DATA));
    }
}
