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
                "Jeg gad vide hvornår der bliver saltet på cykelstien",
                "Skriv gjerne når bassenget åpner igjen",
                "når kommer dere og måker fortauet i Sandgata",
                "Hvornår åbner genbrugspladsen efter jul",
                "När öppnar simhallen igen efter renoveringen",
                "kor lenge skal brua vere stengd",
                "Does anyone know when the ferry runs on Sunday",
                "Hvornår kommer skraldebilen? Den plejer at komme om tirsdagen",
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
                "Kan I forklare hvorfor skolen lukker? Nej, selvfølgelig ikke.",
                "Hvem har fundet på den omkørsel? Et geni, åbenbart",
                "Kvifor må bussen alltid vere sein? Fordi ingen bryr seg",
                "Varför svarar ingen i växeln? Typiskt.",
                "Skal vi betale mer for mindre igjen? 🙄",
                "Hva skjer med veien??",
                "Was anyone at the council awake?? Obviously not",
            })
    void rhetoricalQuestionsAreNotQuestions(String text) {
        Classification c = C.classify(text);
        assertFalse(c.intents().contains(Intent.QUESTION), c::toString);
    }

    /** "når"/"när"/"when" opening a clause of time, not a question: a pronoun follows, not a verb. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "Når jeg kommer hjem fra arbejde er vejen stadig ikke ryddet",
                "När vi ringde till kommunen fick vi inget svar",
                "Når vi kom til rådhuset var det lukket",
                "When we called the council nobody answered",
            })
    void clausesOfTimeAreNotQuestions(String text) {
        Classification c = C.classify(text);
        assertFalse(c.intents().contains(Intent.QUESTION), c::toString);
    }
}
