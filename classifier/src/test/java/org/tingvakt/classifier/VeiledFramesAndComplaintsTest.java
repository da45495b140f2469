package org.tingvakt.classifier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Veiled threats (vigilante, lynching, running over, a promised blow, a warning about the reader's property, "we know who
 * you are"), dehumanising predicates on a group, and their look-alikes; a comment that threatens, hates or sells is no
 * complaint. (Examples written for these rules: they state the contract, they do not measure quality.)
 */
class VeiledFramesAndComplaintsTest {

    private static final Classifier C = Classifier.load();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Ryd lejren ved stationen inden fredag, ellers gør vi det selv",
                "Gör inte kommunen något åt lägret så gör vi det",
                "Ser eg han på vegen igjen, køyrer eg rett på han",
                "Møder jeg ham i Netto, får han en knytnæve i fjæset",
                "Folk som planchefen burde hænge i en lygtepæl",
                "People like the planning chief should hang from a lamppost",
                "Luk svømmehallen, og se hvad der sker med jeres biler",
                "Vi vet hvem du er, Anders. Tenk på det",
                "Someone should bring petrol to the council depot tonight",
            })
    void veiledThreats(String text) {
        Classification c = C.classify(text);
        assertTrue(c.labels().contains(Label.THREAT), c::toString);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Julepynten skal hænge i lygtepælene fra 1. december",
                "Jeg kører lige over til hende med nøglen i aften",
                "Kör jag bara över till henne med nyckeln?",
                "Se hvad der sker med jeres ansøgning på borger.dk",
            })
    void lookAlikesAreNotThreats(String text) {
        Classification c = C.classify(text);
        assertFalse(c.labels().contains(Label.THREAT), c::toString);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Transkønnede er psykisk syge allesammen",
                "Samerne har ikke hjerne til at styre noget",
                "Romer är lata allihop",
            })
    void dehumanisingPredicatesOnAGroup(String text) {
        Classification c = C.classify(text);
        assertTrue(c.labels().contains(Label.HATE), c::toString);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Mange flygtninge har brug for hjælp til at finde arbejde",
            })
    void groupsNamedNeutrally(String text) {
        Classification c = C.classify(text);
        assertFalse(c.labels().contains(Label.HATE), c::toString);
    }

    /** A threat about a decision still to come is a threat, not a complaint about the service. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "da|Hvis I lukker skolen, så skal jeg smadre jer|THREAT",
                "nb|Vi vet hvor du bor, saksbehandler. Stenger dere barnehagen, skal dere få svi for det|THREAT",
            })
    void noComplaintBesideAnExclusiveLabel(String lang, String text, String label) {
        Classification c = C.classify(text, Optional.of(Language.fromCode(lang)));
        assertTrue(c.labels().contains(Label.valueOf(label)), c::toString);
        assertFalse(c.intents().contains(Intent.COMPLAINT), c::toString);
    }

    /** Nor is it left behind as a complaint score over its threshold. */
    @Test
    void aVetoedComplaintScoresUnderItsThreshold() {
        Classification c = C.classify("Hvis I lukker skolen, så skal jeg smadre jer", Optional.of(Language.DA));
        assertFalse(c.intents().contains(Intent.COMPLAINT), c::toString);
        assertTrue(c.scores().getOrDefault("COMPLAINT", 0.0) < 0.5, c::toString);
    }

    /** A complaint that also threatens is still a complaint: it must be registered and never removed automatically. */
    @Test
    void aComplaintThatAlsoThreatensIsStillAComplaint() {
        Classification c =
                C.classify("Jeg vil klage over kommunen. Jeg vil dræbe borgmesteren.", Optional.of(Language.DA));
        assertTrue(c.labels().contains(Label.THREAT), c::toString);
        assertTrue(c.intents().contains(Intent.COMPLAINT), c::toString);
    }
}
