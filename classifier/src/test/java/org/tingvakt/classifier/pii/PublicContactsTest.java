package org.tingvakt.classifier.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tingvakt.classifier.Classification;
import org.tingvakt.classifier.ClassificationContext;
import org.tingvakt.classifier.Classifier;
import org.tingvakt.classifier.Label;
import org.tingvakt.classifier.Language;

/** Contact details of public bodies are not PERSONAL_DATA; a private person's still are. */
class PublicContactsTest {

    private static final Classifier C = Classifier.load();

    private static boolean personal(String text) {
        return C.classify(text).labels().contains(Label.PERSONAL_DATA);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Skriv til postmottak@bergen.kommune.no hvis dere har spørsmål",
                "Send det til post@oslo.kommune.no",
                "Mail kommunen på aarhus@aarhus.dk eller ring",
                "Kontakt borgerservice@kk.dk om pas",
                "Du kan maile til info@hillerodkommune.dk",
                "Skicka e-post till kommun@varbergkommun.se",
                "Mejla kundcenter@tierp.kommun.se så svarar de",
                "Frågor om deklarationen? skatteverket@skatteverket.se",
                "Jeg fik svar fra noreply@nav.no",
                "Skriv til nyheder@borger.dk",
                "Hvem svarer på registrator@regionh.dk?",
                "Ring kommunens servicecenter på 33 66 33 66 mellem 9 og 15",
                "Ring kommunen på 70 10 18 18",
                "Ring Skatteverket på 0771-567 567",
                "Ring NAV på 55 55 33 33",
                "Kundcenter: 08-508 000 00, öppet vardagar",
                "Ring 800 12 345 for hjelp",
                "Ring 020-123 456 så får du hjälp",
                "Akut? Ring 112. Lægevagten 1813, ellers 116 117",
                "Ring 113 eller legevakten 116 117",
                "Ring 1177 för sjukvårdsrådgivning",
                "Børnetelefonen 116 111 og 116 123 er der for dig",
                "Hotline for savnede børn 116 000",
                "Kommunens organisationsnummer är 212000-0142",
                "Faktura till org.nr 556036-0793",
                "Org.nr. 974 760 673 står på brevet",
                "Kommunens CVR 29 18 98 46",
                "Rådhuset ligger på Rådhuspladsen 2, 8000 Aarhus",
                "Besøksadresse: Storgata 7, 0155 Oslo",
            })
    void publicContactDetailsAreNotPersonalData(String text) {
        Classification c = C.classify(text);
        assertFalse(c.labels().contains(Label.PERSONAL_DATA), c::toString);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Skriv til mette.jensen@gmail.com i morgen",
                "Hun hedder lise.hansen@hotmail.dk",
                "Min mail er olsen.peter@outlook.com",
                "Ring til mig på 20 12 34 56",
                "Ring mig på +45 20 12 34 56",
                "Hans mobil er 070-123 45 67",
                "Ring henne på 412 34 567",
                "Jeg klagede til kommunen, ring mig på 20 12 34 56",
                "Borgmesteren bor på Storgatan 5, 111 51 Stockholm",
                "Hun bor på Storgatan 5, 111 51 Stockholm",
                "Hans CPR er 070761-4285",
                "Ring mig på 0761234566 efter fem",
                "Ring mig på 076-123 45 66 efter fem",
            })
    void privateDetailsStayPersonalData(String text) {
        Classification c = C.classify(text);
        assertTrue(c.labels().contains(Label.PERSONAL_DATA), c::toString);
    }

    /** Offices named by their own compound ("…styrelsen", "…kontoret", "…linjen"), department mailboxes, lines. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "Spørgsmål om ejendomsskat kan stilles til Vurderingsstyrelsen på 72 22 18 18",
                "Sagsbehandlingscentret kan kontaktes på 72 22 18 18 hverdage",
                "Skriv til byggesag@holbaek.dk med matrikelnummeret",
                "Kultur- og fritidsforvaltningen svarer på kultur@svendborg.dk",
                "Odder Kommune har mailen odder@odder.dk",
                "Hovednummer 72 36 36 36, der er lidt kø",
                "Lægevagten 1813 eller 116 117 om natten",
                "Skolans expedition nås på 0910-73 50 00 före lunch",
                "Mejla fritid@lulea.se om lovet",
                "Kommunhusets adress är Stationsgatan 4, 641 30 Katrineholm",
                "Självmordslinjen 90101 har öppet dygnet runt",
                "Ring 114 14 om det inte är akut",
                "Barnehagekontoret når du på 62 43 50 00 mellom 9 og 12",
                "Skulekontoret sitt nummer er 57 65 30 00",
                "Organisasjonsnummer 974 761 076, står på fakturaen",
                "The council's switchboard is 55 56 55 56, ask for planning",
                "The library is at Strandgata 12, open till 19",
                "Applications to job@kristiansund.kommune.no, CVR or org no 938801363",
                "CVR 55 13 30 18 står på regningen fra kommunen",
                "Vi i Fjordvinduer AS har vinterkampanje, ring 905 12 345",
            })
    void officesNamedByCompoundAndDepartmentMailboxesAreNotPersonalData(String text) {
        Classification c = C.classify(text);
        assertFalse(c.labels().contains(Label.PERSONAL_DATA), c::toString);
    }

    /** The same forms with a person's detail: a personal word after the office, a name's mailbox, a private flat. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "Sagsbehandlingscentret gav mig hans private nummer 20 12 34 56",
                "Vurderingsstyrelsen? Ring hellere til min bror på 20 12 34 56",
                "Skriv til anne.holm@holbaek.dk, hun er sød",
                "Skolans expedition gav ut hennes mobil 070-612 34 56",
                "Kommunen vet att hon bor på Stationsgatan 4, 641 30 Katrineholm",
                "Barnehagekontoret sa at han bor i Storgata 9, ring meg på 412 34 567",
                "Självmordslinjen är bra, men ring mig på 070-612 34 56",
                "Selger sofa, ring meg på 412 34 567",
            })
    void privateDetailsBesideOfficesStayPersonalData(String text) {
        Classification c = C.classify(text);
        assertTrue(c.labels().contains(Label.PERSONAL_DATA), c::toString);
    }

    @Test
    void roundAndRepeatingFixedLinesAreSwitchboards() {
        assertFalse(personal("svømmehallen har fået nyt nummer 87 13 42 00"));
        assertFalse(personal("ringer 036-10 50 00 för tredje gången idag"));
        assertFalse(personal("giftlinjen 82 12 12 12 står på køleskabet"));
        assertFalse(personal("bare ring 23 45 23 45, de svarer til 15"));
        assertTrue(personal("ring mig på 87 13 42 00 i aften"), "a personal word before the number");
        assertTrue(personal("ring 070-612 34 00 efter fem"), "a Swedish mobile, however round");
        assertTrue(personal("ring 87 13 42 17 efter fem"), "not round");
    }

    /** The digits of the spans reported as personal data, in text order. */
    private static List<String> personalNumbers(String text, Language lang) {
        Classification c = C.classify(text, Optional.of(lang));
        return c.spans().stream()
                .filter(s -> s.label().equals("PERSONAL_DATA"))
                .map(s -> text.substring(s.start(), s.end()).replaceAll("\\D", ""))
                .toList();
    }

    /** In a business's advert, each number is judged by the words before it, not by the first number's. */
    @Test
    void eachNumberInAnAdvertIsJudgedByItsOwnWords() {
        assertEquals(
                List.of("41234567"),
                personalNumbers(
                        "Malerfirma Hansen ApS giver 20 % rabat i december, ring 86 12 34 57 for et tilbud. "
                                + "Skriv ikke til firmaet om andet, men ring til min egen mobil 41 23 45 67",
                        Language.DA),
                "the owner's own mobile after the firm's number");
        assertEquals(
                List.of("41234567"),
                personalNumbers(
                        "Tak til min nabo Kasper på 41 23 45 67 som anbefalede jer alle sammen i sidste uge. "
                                + "Vinduespudser Jensen ApS giver 20 % rabat i december, ring 86 12 34 57",
                        Language.DA),
                "the firm's number after a neighbour's");
    }

    /** A round-looking number is read in the comment's own country first: in Norway "41 23 45 00" is a mobile. */
    @Test
    void aSwitchboardIsReadInTheCommentsCountryFirst() {
        assertEquals(
                List.of("41234500"),
                personalNumbers("Kari sa du kunne ringe 41 23 45 00 etter klokka fire", Language.NB));
        assertEquals(
                List.of("41234500"),
                personalNumbers("Kari sa du kunne ringje 41 23 45 00 etter klokka fire", Language.NN));
        assertEquals(List.of(), personalNumbers("Kommunens nye nummer er 87 13 42 00, de svarer til 15", Language.DA));
        assertTrue(PublicContacts.switchboardNumber("ring 41 23 45 00", 5, "41 23 45 00", "DK"));
        assertFalse(PublicContacts.switchboardNumber("ring 41 23 45 00", 5, "41 23 45 00", "NO"));
    }

    @Test
    void emergencyHealthAndHelpLines() {
        assertTrue(PublicContacts.publicLines("112"));
        assertTrue(PublicContacts.publicLines("116 117"));
        assertTrue(PublicContacts.publicLines("116 111 / 116 123"));
        assertTrue(PublicContacts.publicLines("114 14"));
        assertTrue(PublicContacts.publicLines("1813"));
        assertTrue(PublicContacts.publicLines("1177"));
        assertFalse(PublicContacts.publicLines("116 118"), "not a harmonised EU line");
        assertFalse(PublicContacts.publicLines("20 12 34 56"));
        assertFalse(PublicContacts.publicLines("1121"));
    }

    @Test
    void organisationNumberByItsLabel() {
        String t = "CVR 29 18 94 11";
        assertTrue(PublicContacts.labelledOrganisationNumber(t, 4, "29189411"), "a mistyped CVR is still no phone");
        String o = "org.nr. 974 760 674";
        assertTrue(PublicContacts.labelledOrganisationNumber(o, 8, "974760674"));
        String p = "ring mig på 20 12 34 56";
        assertFalse(PublicContacts.labelledOrganisationNumber(p, 12, "20123456"));
    }

    @Test
    void checkDigitVectorsOfPublicBodies() {
        // Swedish organisationsnummer, group digit 2 (state, municipalities, regions): Skatteverket, Bolagsverket,
        // Stockholms kommun, Göteborgs kommun; Luhn over the ten digits
        for (String d : new String[] {"2021005448", "2021005489", "2120000142", "2120001355"}) {
            assertTrue(NationalIds.isSwedishOrganisation(d), d);
        }
        assertFalse(NationalIds.isSwedishOrganisation("2021005449"), "Luhn fails");
        // Norwegian organisasjonsnummer, mod 11 with weights 3 2 7 6 5 4 3 2: Brønnøysundregistrene, NAV,
        // Skatteetaten, Kristiansund kommune
        for (String d : new String[] {"974760673", "889640782", "974761076", "938801363"}) {
            assertTrue(NationalIds.isNorwegianOrganisation(d), d);
        }
        assertFalse(NationalIds.isNorwegianOrganisation("889640783"));
        // Danish CVR, mod 11 with weights 2 7 6 5 4 3 2 1: Københavns Kommune, Aarhus Kommune, Skattestyrelsen
        for (String d : new String[] {"64942212", "55133018", "29189846"}) {
            assertTrue(NationalIds.isDanishCvr(d), d);
        }
        assertFalse(NationalIds.isDanishCvr("64942213"));
    }

    @Test
    void departmentMailboxesAndMunicipalDomains() {
        assertTrue(PublicContacts.publicEmail("byggesag@holbaek.dk"));
        assertTrue(PublicContacts.publicEmail("pladsanvisning@skive.dk"));
        assertTrue(PublicContacts.publicEmail("uu@skive.dk"));
        assertTrue(PublicContacts.publicEmail("odder@odder.dk"), "eponymous mailbox");
        assertTrue(PublicContacts.publicEmail("umea.kommun@umea.se"));
        assertFalse(PublicContacts.publicEmail("kultur@gmail.com"), "a department word on free mail is anyone's");
        assertFalse(PublicContacts.publicEmail("anne.holm@holbaek.dk"));
        assertFalse(PublicContacts.publicEmail("parker.jensen@holbaek.dk"));
        // a mailbox on a town's own domain is the town's when the comment speaks of the municipality, not a name's
        assertFalse(personal("Kommunen svarer på tmf@holbaek.dk"));
        assertTrue(personal("Kommunen? Skriv hellere til Lise på lise@holbaek.dk"));
        assertTrue(personal("Skriv til lise@holbaek.dk"));
    }

    @Test
    void healthWordsAsMetaphorsAreNoFactsAboutAPerson() {
        assertFalse(personal("Ring 112 hvis en person med demens er forsvundet"));
        assertFalse(personal("Bureaukratiet er en cancer i Danmark"));
        assertTrue(personal("Lise Hansen har kræft"));
    }

    @Test
    void organisationNumberRules() {
        assertTrue(NationalIds.isSwedishOrganisation("2120000142"));
        assertTrue(NationalIds.isSwedishOrganisation("5560360793"));
        assertFalse(NationalIds.isSwedishOrganisation("5560360794"), "Luhn fails");
        assertFalse(NationalIds.isSwedishOrganisation("8112189876"), "a personnummer (month 12)");
        assertFalse(NationalIds.isSwedishOrganisation("0761234566"), "a mobile number that passes Luhn");
        assertTrue(NationalIds.isNorwegianOrganisation("974760673"));
        assertFalse(NationalIds.isNorwegianOrganisation("974760674"));
        assertTrue(NationalIds.isDanishCvr("29189846"));
        assertFalse(NationalIds.isDanishCvr("29189847"));
    }

    @Test
    void publicDomainsAndRoleMailboxes() {
        assertTrue(PublicContacts.publicEmail("x.y@bergen.kommune.no"));
        assertTrue(PublicContacts.publicEmail("anna@vellingekommun.se"));
        assertTrue(PublicContacts.publicEmail("kontakt@somecompany.dk"));
        assertFalse(PublicContacts.publicEmail("kontakt@gmail.com"), "a role name on free mail can be anyone's");
        assertFalse(PublicContacts.publicEmail("anna.berg@somecompany.se"));
        assertFalse(PublicContacts.publicEmail("kommunenfan@gmail.com"));
    }

    @Test
    void organisationContextFromConfigurationAndOwnPosts() {
        String comment = "Ring til Lise på 20 12 34 56 eller skriv til lise@frivilligcenter-nord.dk, Skovvej 12";
        assertTrue(personal(comment), "without context these are personal data");
        ClassificationContext configured = ClassificationContext.builder()
                .phone("+45 20 12 34 56")
                .emailDomain("frivilligcenter-nord.dk")
                .address("Skovvej 12, 4000 Roskilde")
                .build();
        Classification c = C.classify(comment, Optional.empty(), configured);
        assertFalse(c.labels().contains(Label.PERSONAL_DATA), c::toString);
        // learnt from the account's own post instead of configured
        ClassificationContext learnt = C.learnOwnContacts(
                ClassificationContext.NONE,
                "Vi holder åbent hus! Ring på 20 12 34 56, mail lise@frivilligcenter-nord.dk, adressen er Skovvej 12");
        Classification d = C.classify(comment, Optional.empty(), learnt);
        assertFalse(d.labels().contains(Label.PERSONAL_DATA), d::toString);
        // another number in the same comment is still a person's
        Classification e =
                C.classify("Ring til Lise på 20 12 34 56 eller til mig på 22 33 44 55", Optional.empty(), learnt);
        assertTrue(e.labels().contains(Label.PERSONAL_DATA), e::toString);
        assertTrue(
                e.spans().stream().anyMatch(s -> s.rule().equals("pii.phone-number") && s.start() > 40), e::toString);
        // the old API is unchanged: no context, personal data
        assertTrue(C.classify(comment, Optional.empty()).labels().contains(Label.PERSONAL_DATA));
    }
}
