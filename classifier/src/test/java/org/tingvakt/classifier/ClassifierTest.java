package org.tingvakt.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClassifierTest {

    private static final Classifier C = Classifier.load();

    @Test
    void loadReturnsOneSharedInstance() {
        assertTrue(Classifier.load() == C);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "da|Jeg slår dig ihjel hvis du kommer forbi igen|THREAT",
                "sv|Jag ska döda dig när jag hittar dig|THREAT",
                "nb|Jeg skal drepe deg i morgen|THREAT",
                "nn|Eg skal drepe deg|THREAT",
                "da|Muslimer er rotter|HATE",
                "sv|Du är en jävla idiot|INSULT",
                "nb|Faen, for en dritt|PROFANITY",
                "da|Køb nu! 50% rabat på www.billigt.dk|ADVERTISING",
                "da|Min adgangskode er Sommer2024!|SECRET",
            })
    void labelsTheObviousCases(String lang, String text, Label expected) {
        Classification c = C.classify(text);
        assertTrue(c.labels().contains(expected), () -> c.toString());
        assertTrue(c.spans().stream().anyMatch(s -> s.label().equals(expected.name())), "a span explains the label");
        assertTrue(c.scores().get(expected.name()) >= 0.5 && c.scores().get(expected.name()) <= 1.0);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Vi kører til Pisa i sommerferien",
                "Slutsatsen är att vi behöver fler förskolor",
                "Han tog en pistol med på jagt",
                "Vi var på ferie i Mongoliet",
                "Fanny vann skidtävlingen i helgen",
                "Tak for en dejlig dag i parken",
                "Kjempefint vær på Bryggen i dag",
                "Skitse til den nye skole er klar"
            })
    void innocentWordsAndPlacesFireNothingOffensive(String text) {
        Classification c = C.classify(text);
        for (Label l : List.of(Label.THREAT, Label.HATE, Label.INSULT, Label.PROFANITY, Label.SEXUAL)) {
            assertFalse(c.labels().contains(l), () -> text + " -> " + c);
        }
    }

    /** "porr" folds to "por" (doubled letters collapse), so the compound term "*porr+" also sits inside "-port-". */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "Korleis får eg nytt passord til skuleportalen?",
                "Transporten til skolen er aflyst i dag",
                "Rapporten fra kommunen kom i går",
                "Danmarks eksport af svinekød steg",
                "Exporten av trävaror ökade",
                "Skisporet i parken er kjørt opp",
                "Porten til gården er låst",
                "Kommuneportalen er nede igjen",
                "Et portræt af borgmesteren hænger i salen",
                "Blodsporet førte politiet til skoven"
            })
    void wordsWithAnInnocentPartAreNotSexual(String text) {
        assertFalse(C.classify(text).labels().contains(Label.SEXUAL), () -> text + " -> " + C.classify(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Vi så porrfilm hele natten",
                "Han samlar på barnporr",
                "Se min hämndporr här",
                "Gratis porno på min side"
            })
    void pornWordsStillFire(String text) {
        assertTrue(C.classify(text).labels().contains(Label.SEXUAL), () -> text + " -> " + C.classify(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Politiet efterforsker trusler om at dræbe borgmesteren, skriver DR",
                "Mannen dömdes för att ha hotat att döda sin granne",
                "Jeg vil aldrig slå nogen ihjel"
            })
    void newsAndNegatedThreatsAreNotThreats(String text) {
        assertFalse(
                C.classify(text).labels().contains(Label.THREAT),
                () -> C.classify(text).toString());
    }

    @Test
    void spansAreOffsetsIntoTheOriginalText() {
        String text = "Hej!! Du er en I.D.I.O.T";
        Classification c = C.classify(text);
        Span s = c.spans().stream()
                .filter(x -> x.label().equals("INSULT"))
                .findFirst()
                .orElseThrow();
        assertEquals("I.D.I.O.T", text.substring(s.start(), s.end()));
    }

    @Test
    void questionsComplaintsAndPolitics() {
        assertTrue(C.classify("Hvornår åbner svømmehallen?").intents().contains(Intent.QUESTION));
        assertFalse(C.classify("Tak for en dejlig dag i parken").intents().contains(Intent.QUESTION));
        assertTrue(C.classify("Jeg vil klage over at ingen har tømt skraldespanden")
                .intents()
                .contains(Intent.COMPLAINT));
        assertTrue(C.classify("Kommunfullmäktige måste sänka skatten").intents().contains(Intent.POLITICAL));
        assertFalse(
                C.classify("Se mere på https://kommune.dk/side?id=3").intents().contains(Intent.QUESTION),
                "a ? inside a link asks nothing");
    }

    @Test
    void languageHintIsUsed() {
        assertEquals(Language.NN, C.classify("Hei", Optional.of(Language.NN)).language());
    }

    @Test
    void emptyAndNullTextAreHandled() {
        assertTrue(C.classify("").labels().isEmpty());
        assertTrue(C.classify(null).labels().isEmpty());
        assertEquals(Language.OTHER, C.classify("").language());
    }

    @Test
    void concurrentCallsGiveTheSameAnswersAsSequentialOnes() throws Exception {
        List<String> texts = List.of(
                "Du er en idiot",
                "Jag ska döda dig",
                "Køb nu med 50% rabat på www.x.dk",
                "Mitt personnummer är 811228-9874",
                "Hvornår åbner biblioteket?",
                "Tak for hjælpen",
                "Faen ta dere");
        List<Classification> expected = new ArrayList<>();
        for (String t : texts) {
            expected.add(C.classify(t));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                futures.add(pool.submit(() -> {
                    for (int r = 0; r < 200; r++) {
                        for (int i = 0; i < texts.size(); i++) {
                            if (!C.classify(texts.get(i)).equals(expected.get(i))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : futures) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
