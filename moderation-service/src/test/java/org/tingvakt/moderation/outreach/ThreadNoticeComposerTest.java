package org.tingvakt.moderation.outreach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tingvakt.moderation.kernel.NoticeLanguage;
import org.tingvakt.moderation.kernel.RemovalReason;

class ThreadNoticeComposerTest {

    private static final ThreadNoticeComposer COMPOSER = new ThreadNoticeComposer(NoticeTexts.load());
    private static final Optional<URI> RULES = Optional.of(URI.create("https://kommune.example/debatregler"));
    private static final Set<RemovalReason> THREAT_AND_PERSONAL_DATA =
            Set.of(RemovalReason.PERSONAL_DATA, RemovalReason.THREAT);

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "DA|Vi har fjernet 2 kommentarer fra denne tråd, fordi de indeholdt trusler eller personoplysninger. Læs vores debatregler her: https://kommune.example/debatregler",
                "SV|Vi har tagit bort 2 kommentarer i den här tråden eftersom de innehöll hot eller personuppgifter. Läs våra regler för kommentarer här: https://kommune.example/debatregler",
                "NB|Vi har fjernet 2 kommentarer fra denne tråden fordi de inneholdt trusler eller personopplysninger. Les retningslinjene våre for kommentarer her: https://kommune.example/debatregler",
                "NN|Vi har fjerna 2 kommentarar frå denne tråden fordi dei inneheldt truslar eller personopplysningar. Les retningslinjene våre for kommentarar her: https://kommune.example/debatregler",
                "EN|We have removed 2 comments from this thread because they contained threats or personal data. Read our rules for comments here: https://kommune.example/debatregler",
            })
    void twoCommentsTwoReasonsInEveryLanguage(NoticeLanguage language, String expected) {
        assertEquals(expected, COMPOSER.compose(language, THREAT_AND_PERSONAL_DATA, 2, RULES));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "DA|Vi har fjernet en kommentar fra denne tråd, fordi den indeholdt reklame.",
                "SV|Vi har tagit bort en kommentar i den här tråden eftersom den innehöll reklam.",
                "NB|Vi har fjernet en kommentar fra denne tråden fordi den inneholdt reklame.",
                "NN|Vi har fjerna ein kommentar frå denne tråden fordi den inneheldt reklame.",
                "EN|We have removed a comment from this thread because it contained advertising.",
            })
    void oneCommentWithoutRulesLink(NoticeLanguage language, String expected) {
        assertEquals(expected, COMPOSER.compose(language, Set.of(RemovalReason.ADVERTISING), 1, Optional.empty()));
    }

    @Test
    void threeOrMoreReasonsAreListedInAFixedOrder() {
        Set<RemovalReason> reasons = Set.of(RemovalReason.SECRET, RemovalReason.HATE, RemovalReason.INSULT);
        assertEquals(
                "We have removed 5 comments from this thread because they contained hate speech, personal attacks "
                        + "or confidential information.",
                COMPOSER.compose(NoticeLanguage.EN, reasons, 5, Optional.empty()));
        assertEquals(
                "Vi har fjernet 5 kommentarer fra denne tråd, fordi de indeholdt hadefulde ytringer, personangreb "
                        + "eller fortrolige oplysninger.",
                COMPOSER.compose(NoticeLanguage.DA, reasons, 5, Optional.empty()));
    }

    @Test
    void otherAloneOrNoReasonGivesTheGeneralSentence() {
        String expected =
                "Vi har tagit bort 3 kommentarer i den här tråden eftersom de bröt mot våra regler för kommentarer.";
        assertEquals(expected, COMPOSER.compose(NoticeLanguage.SV, Set.of(RemovalReason.OTHER), 3, Optional.empty()));
        assertEquals(expected, COMPOSER.compose(NoticeLanguage.SV, Set.of(), 3, Optional.empty()));
        assertEquals(
                "Vi har fjerna ein kommentar frå denne tråden fordi den braut med retningslinjene våre.",
                COMPOSER.compose(NoticeLanguage.NN, Set.of(), 1, Optional.empty()));
    }

    @Test
    void otherBesideNamedReasonsComesLast() {
        assertEquals(
                "Vi har fjernet 2 kommentarer fra denne tråden fordi de inneholdt grovt språk eller annet innhold "
                        + "som bryter med retningslinjene våre.",
                COMPOSER.compose(
                        NoticeLanguage.NB, Set.of(RemovalReason.OTHER, RemovalReason.PROFANITY), 2, Optional.empty()));
    }

    @Test
    void everyReasonIsNamedInEveryLanguage() {
        NoticeTexts texts = NoticeTexts.load();
        for (NoticeLanguage language : NoticeLanguage.values()) {
            for (RemovalReason reason : RemovalReason.values()) {
                String text = COMPOSER.compose(
                        language, java.util.EnumSet.of(reason, RemovalReason.THREAT), 2, Optional.empty());
                assertEquals(-1, text.indexOf('{'), text);
                String name = texts.text(language, "notice.reason." + reason.name());
                org.junit.jupiter.api.Assertions.assertTrue(text.contains(name), text + " names " + name);
            }
        }
    }

    @Test
    void refusesAnEmptyNotice() {
        assertThrows(
                IllegalArgumentException.class,
                () -> COMPOSER.compose(NoticeLanguage.EN, Set.of(RemovalReason.THREAT), 0, Optional.empty()));
    }

    @Test
    void labelNamesMapToReasons() {
        assertEquals(RemovalReason.PERSONAL_DATA, RemovalReason.fromLabel("personal_data"));
        assertEquals(RemovalReason.OTHER, RemovalReason.fromLabel("COPYRIGHT"));
        assertEquals(RemovalReason.OTHER, RemovalReason.fromLabel(null));
        for (org.tingvakt.classifier.Label label : org.tingvakt.classifier.Label.values()) {
            assertEquals(
                    label.name(), RemovalReason.fromLabel(label.name()).name(), "every classifier label is a reason");
        }
    }
}
