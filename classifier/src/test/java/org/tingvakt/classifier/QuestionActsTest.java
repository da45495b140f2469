package org.tingvakt.classifier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests without "?" are questions to the page; rhetorical and exclamatory questions are not. */
class QuestionActsTest {

    private static final Classifier C = Classifier.load();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Skriv gerne hvornår I åbner igen",
                "Giv lige besked om der er åbent i weekenden",
                "Undrar hur länge vägen ska vara avstängd",
                "Jag undrar när bussen börjar gå igen",
                "Hör gärna av er om när ansökan öppnar",
                "Gi beskjed når biblioteket åpner igjen",
                "Jeg lurer på hvor lenge veien er stengt",
                "Eg lurer på kva tid symjehallen opnar",
                "Gje beskjed om kor vi kan levere hageavfall",
                "Please let us know when the road reopens",
                "I wonder how long the bridge will be closed",
                "Hvornår åbner svømmehallen?",
                "Hvornår bliver vejen ryddet?!",
            })
    void requestsAreQuestions(String text) {
        Classification c = C.classify(text);
        assertTrue(c.intents().contains(Intent.QUESTION), c::toString);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Isn't the autumn lovely?",
                "Hvem gider det?!",
                "Er det ikke herligt?",
                "Er det ikke bare dejligt med sne?",
                "Är det inte underbart med sommar?",
                "Vem orkar med det här?!",
                "Er det ikkje nydeleg med haust?",
                "Kven gidd å lese dette?",
                "Hvem tror I at I er?",
                "Who cares?",
            })
    void rhetoricalQuestionsAreNotQuestions(String text) {
        Classification c = C.classify(text);
        assertFalse(c.intents().contains(Intent.QUESTION), c::toString);
    }
}
