package org.tingvakt.moderation.outreach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tingvakt.moderation.account.SecureChannelType;
import org.tingvakt.moderation.kernel.NoticeLanguage;
import org.tingvakt.moderation.kernel.RemovalReason;

class NoticeBundlesTest {

    private static final NoticeTexts TEXTS = NoticeTexts.load();

    /** Every key the composers use. */
    private static Set<String> expectedKeys() {
        Set<String> keys = new TreeSet<>(Set.of(
                "notice.removed.one",
                "notice.removed.other",
                "notice.removed.unspecified.one",
                "notice.removed.unspecified.other",
                "notice.rules",
                "notice.list.or",
                "dm.reply.intro",
                "dm.reply.channels.one",
                "dm.reply.channels.other",
                "dm.reply.automatic",
                "political.referral.forwarded",
                "political.referral.responsible",
                "political.referral.contact",
                "complaint.acknowledgement",
                "complaint.acknowledgement.registered",
                "complaint.acknowledgement.registeredAs"));
        for (RemovalReason reason : RemovalReason.values()) {
            keys.add("notice.reason." + reason.name());
        }
        for (SecureChannelType type : SecureChannelType.values()) {
            keys.add("dm.channel." + type.name());
        }
        return keys;
    }

    @Test
    void everyLanguageHasTheSameKeys() {
        Set<String> english = new TreeSet<>(TEXTS.keys(NoticeLanguage.EN));
        for (NoticeLanguage language : NoticeLanguage.values()) {
            assertEquals(english, new TreeSet<>(TEXTS.keys(language)), "keys of " + language);
        }
    }

    @Test
    void theKeysAreExactlyThoseTheComposersUse() {
        assertEquals(expectedKeys(), new TreeSet<>(TEXTS.keys(NoticeLanguage.DA)));
    }

    @ParameterizedTest
    @EnumSource(NoticeLanguage.class)
    void everyTextIsNonBlankAndUsesTheSamePlaceholdersAsEnglish(NoticeLanguage language) {
        for (String key : TEXTS.keys(language)) {
            String text = TEXTS.text(language, key);
            assertFalse(text.isBlank(), key + " in " + language);
            assertEquals(
                    NoticeTexts.placeholders(TEXTS.text(NoticeLanguage.EN, key)),
                    NoticeTexts.placeholders(text),
                    "placeholders of " + key + " in " + language);
        }
    }

    @ParameterizedTest
    @EnumSource(NoticeLanguage.class)
    void bundleFilesAreValidUtf8(NoticeLanguage language) throws IOException {
        try (InputStream in =
                getClass().getClassLoader().getResourceAsStream("i18n/notices_" + language.code() + ".properties")) {
            assertNotNull(in, "bundle of " + language);
            byte[] bytes = in.readAllBytes();
            try {
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes));
            } catch (CharacterCodingException e) {
                throw new AssertionError("not UTF-8: " + language, e);
            }
        }
    }

    @Test
    void nordicLettersSurviveLoading() {
        assertEquals("Læs vores debatregler her: {rulesUrl}", TEXTS.text(NoticeLanguage.DA, "notice.rules"));
        assertEquals("våldsskildringar", TEXTS.text(NoticeLanguage.SV, "notice.reason.VIOLENCE"));
        assertEquals("personåtak", TEXTS.text(NoticeLanguage.NN, "notice.reason.INSULT"));
    }

    @Test
    void languagesAreReallyTranslated() {
        for (NoticeLanguage a : NoticeLanguage.values()) {
            for (NoticeLanguage b : NoticeLanguage.values()) {
                if (a != b) {
                    assertNotEquals(
                            TEXTS.text(a, "notice.removed.other"),
                            TEXTS.text(b, "notice.removed.other"),
                            a + " vs " + b);
                }
            }
        }
    }

    @Test
    void formatRefusesMissingValues() {
        assertThrows(IllegalArgumentException.class, () -> TEXTS.format(NoticeLanguage.EN, "notice.rules", Map.of()));
        assertEquals(
                "Read our rules for comments here: a$1{b}",
                TEXTS.format(NoticeLanguage.EN, "notice.rules", Map.of("rulesUrl", "a$1{b}")));
    }

    @Test
    void accountLanguageCodes() {
        assertEquals(Optional.of(NoticeLanguage.DA), NoticeLanguage.fromCode("da"));
        assertEquals(Optional.of(NoticeLanguage.SV), NoticeLanguage.fromCode("sv-FI"));
        assertEquals(Optional.of(NoticeLanguage.NB), NoticeLanguage.fromCode("no"));
        assertEquals(Optional.of(NoticeLanguage.NB), NoticeLanguage.fromCode("nb_NO"));
        assertEquals(Optional.of(NoticeLanguage.NN), NoticeLanguage.fromCode("NN"));
        assertEquals(Optional.of(NoticeLanguage.EN), NoticeLanguage.fromCode(" en "));
        assertEquals(Optional.empty(), NoticeLanguage.fromCode("fi"));
        assertEquals(Optional.empty(), NoticeLanguage.fromCode(null));
    }
}
