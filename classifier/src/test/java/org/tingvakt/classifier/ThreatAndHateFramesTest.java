package org.tingvakt.classifier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Threat and hate frames without a slur, in da/sv/nb/nn/en; negation, reported speech and criticism of decisions stay
 * unflagged. (Examples written for these rules: they state the contract, they do not measure quality.)
 */
class ThreatAndHateFramesTest {

    private static final Classifier C = Classifier.load();

    private static boolean has(String text, Label label) {
        return C.classify(text).labels().contains(label);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Hvis I lukker skolen, så skal jeg smadre jer",
                "Lukker I skolen, kommer I til at fortryde det",
                "Vi ved hvor du bor",
                "Vi vet var du bor, tänk på det",
                "Me veit kvar du bur",
                "Vi vet hvor du bor",
                "We know where you live",
                "Nogen burde sætte ild til rådhuset",
                "Någon borde sätta eld på kommunhuset",
                "Noen burde sette fyr på rådhuset",
                "Nokon burde setje fyr på kommunehuset",
                "Someone should set fire to the town hall",
                "Om ni stänger skolan kommer ni att ångra er",
                "Dersom dere legger ned skolen, skal dere få svi for det",
                "If you close the school you will pay for this",
                "Jeg skal nok finde dig",
                "Vi kommer att hitta dig",
                "Vi holder øje med dig og din familie",
                "Jeg vil slå borgmesteren ned",
            })
    void threatFrames(String text) {
        Classification c = C.classify(text);
        assertTrue(c.labels().contains(Label.THREAT), c::toString);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Jeg vil aldrig slå nogen ned",
                "Politiet siger at manden truede med at sætte ild til rådhuset",
                "Vi ved hvor rådhuset ligger",
                "Hvis I lukker skolen, så skal jeg klage til ombudsmanden",
                "Borgmesteren vil fortryde den beslutning ved næste valg",
            })
    void notThreats(String text) {
        Classification c = C.classify(text);
        assertFalse(c.labels().contains(Label.THREAT), c::toString);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Muslimer er en pest for Danmark",
                "Indvandrerne er parasitter",
                "Invandrarna är som en invasion",
                "Innvandrere er snyltere alle sammen",
                "Innvandrarane er ein sjukdom",
                "Immigrants are vermin",
                "Muslimerna hör inte hemma här",
                "Indvandrere hører ikke hjemme i Danmark",
                "Migrants don't belong here",
                "Flyktninger skal sendes hjem",
                "Jøderne styrer medierne",
                "Muslimerna tar över Sverige",
                "Det er en folkeudskiftning der foregår",
            })
    void hateFrames(String text) {
        Classification c = C.classify(text);
        assertTrue(c.labels().contains(Label.HATE), c::toString);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Din beslutning er dum og dårligt begrundet",
                "Jeres forslag er inkompetent lavet",
                "Your proposal is useless",
                "Kommunens plan for skolerne er helt forfejlet",
                "Byrådet har truffet en elendig beslutning",
            })
    void criticismOfDecisionsIsNotAnInsult(String text) {
        Classification c = C.classify(text);
        assertFalse(
                c.labels().contains(Label.INSULT)
                        || c.labels().contains(Label.HATE)
                        || c.labels().contains(Label.THREAT),
                c::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Du er en løgner", "Du är en hycklare", "Du er ein klovn", "You are a disgrace"})
    void personalAttacks(String text) {
        assertTrue(has(text, Label.INSULT), () -> C.classify(text).toString());
    }
}
