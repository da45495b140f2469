package org.tingvakt.moderation.outreach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tingvakt.moderation.kernel.NoticeLanguage;

/** Political referral and complaint acknowledgement texts. */
class RepliesTest {

    private static final NoticeTexts TEXTS = NoticeTexts.load();
    private static final PoliticalReferralComposer REFERRAL = new PoliticalReferralComposer(TEXTS);
    private static final ComplaintAcknowledgementComposer COMPLAINT = new ComplaintAcknowledgementComposer(TEXTS);

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "DA|Teknik- og Miljøudvalget|Tak for dit spørgsmål. Det er et politisk spørgsmål, og vi har derfor sendt det videre til Teknik- og Miljøudvalget, som har ansvaret for området.",
                "SV|tekniska nämnden|Tack för din fråga. Det är en politisk fråga, och vi har därför skickat den vidare till tekniska nämnden, som ansvarar för området.",
                "NB|utvalg for miljø og byutvikling|Takk for spørsmålet ditt. Dette er et politisk spørsmål, og vi har derfor sendt det videre til utvalg for miljø og byutvikling, som har ansvaret for området.",
                "NN|utval for plan og miljø|Takk for spørsmålet ditt. Dette er eit politisk spørsmål, og vi har difor sendt det vidare til utval for plan og miljø, som har ansvaret for området.",
                "EN|the Planning Committee|Thank you for your question. It is a political question, so we have passed it on to the Planning Committee, which is responsible for this area.",
            })
    void forwardedReferral(NoticeLanguage language, String committee, String expected) {
        assertEquals(expected, REFERRAL.compose(language, committee, true, Optional.empty()));
    }

    @Test
    void referralWithoutForwardingAndWithContact() {
        assertEquals(
                "Tack för din fråga. Det är en politisk fråga som kommunstyrelsen ansvarar för. "
                        + "Du kan också vända dig direkt till dem: https://kommun.example/kommunstyrelsen",
                REFERRAL.compose(
                        NoticeLanguage.SV,
                        " kommunstyrelsen ",
                        false,
                        Optional.of(URI.create("https://kommun.example/kommunstyrelsen"))));
        assertEquals(
                "Takk for spørsmålet ditt. Dette er eit politisk spørsmål som høyrer inn under formannskapet.",
                REFERRAL.compose(NoticeLanguage.NN, "formannskapet", false, Optional.empty()));
        assertThrows(
                IllegalArgumentException.class, () -> REFERRAL.compose(NoticeLanguage.EN, " ", true, Optional.empty()));
    }

    @Test
    void complaintAcknowledgementInEveryLanguage() {
        assertEquals(
                "Tak for din henvendelse. Vi har modtaget din klage, og den bliver registreret og behandlet. "
                        + "Du hører fra os hurtigst muligt.",
                COMPLAINT.compose(NoticeLanguage.DA));
        assertEquals(
                "Thank you for getting in touch. We have received your complaint, and it will be registered and "
                        + "dealt with. We will get back to you as soon as possible.",
                COMPLAINT.compose(NoticeLanguage.EN));
        Set<String> distinct = new HashSet<>();
        for (NoticeLanguage language : NoticeLanguage.values()) {
            distinct.add(COMPLAINT.compose(language));
        }
        assertEquals(NoticeLanguage.values().length, distinct.size());
    }
}
