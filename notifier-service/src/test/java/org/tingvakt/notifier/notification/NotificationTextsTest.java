package org.tingvakt.notifier.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class NotificationTextsTest {
    private static final DueItem ITEM = new DueItem(
            UUID.randomUUID(),
            UUID.randomUUID(),
            "case-42",
            "acct-7",
            "SE",
            NotificationKind.REMINDER,
            Instant.parse("2026-12-23T09:00:00Z"),
            Instant.parse("2026-12-28T15:00:00Z"),
            "Europe/Stockholm",
            "COMPLAINT",
            0,
            Set.of());

    private static Set<String> keys(String file) throws Exception {
        Properties p = new Properties();
        try (Reader r = new InputStreamReader(
                NotificationTextsTest.class.getResourceAsStream("/i18n/" + file), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return new TreeSet<>(p.stringPropertyNames());
    }

    @ParameterizedTest
    @ValueSource(strings = {"da", "sv", "nb", "nn"})
    void everyLanguageHasExactlyTheKeysOfTheEnglishBundle(String lang) throws Exception {
        Set<String> english = keys("notifications.properties");
        assertThat(english).isNotEmpty();
        assertThat(keys("notifications_" + lang + ".properties")).isEqualTo(english);
    }

    @ParameterizedTest
    @EnumSource(NotificationKind.class)
    void everyKindFormatsInEveryLanguageWithItsFactsAndNoPlaceholderLeft(NotificationKind kind) {
        DueItem item = new DueItem(
                ITEM.notificationId(),
                ITEM.deadlineId(),
                ITEM.caseId(),
                ITEM.accountId(),
                "SE",
                kind,
                ITEM.dueAt(),
                ITEM.deadlineDueAt(),
                ITEM.timeZone(),
                "QUESTION",
                0,
                Set.of());
        Set<String> subjects = new TreeSet<>();
        for (String lang : NotificationTexts.LANGUAGES) {
            String subject = NotificationTexts.subject(lang, item);
            String body = NotificationTexts.body(lang, item);
            assertThat(subject)
                    .contains("case-42")
                    .contains("2026-12-28 16:00 (+01:00)")
                    .doesNotContain("{");
            assertThat(body).contains("case-42").contains("acct-7").doesNotContain("{");
            subjects.add(subject);
        }
        assertThat(subjects).as("a different text per language").hasSize(NotificationTexts.LANGUAGES.size());
    }

    @Test
    void swedishReminderNamesTheComplaintAndUnknownLanguagesFallBackToEnglish() {
        assertThat(NotificationTexts.body("sv", ITEM)).contains("ett klagomål").contains("Ärende: case-42");
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(new Locale("da"));
            assertThat(NotificationTexts.subject("xx", ITEM)).startsWith("Reminder:");
            assertThat(NotificationTexts.subject("en", ITEM)).startsWith("Reminder:");
        } finally {
            Locale.setDefault(before);
        }
        assertThat(NotificationTexts.language("NO")).isEqualTo("nb");
    }

    @Test
    void aDigestListsEveryItemOnce() {
        DueItem other = new DueItem(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "case-43",
                "acct-7",
                "SE",
                NotificationKind.ESCALATION_EDITORS,
                ITEM.dueAt(),
                ITEM.deadlineDueAt(),
                ITEM.timeZone(),
                "QUESTION",
                0,
                Set.of());
        String body = NotificationTexts.digestBody("nn", "acct-7", List.of(ITEM, other));
        assertThat(body).contains("(2 i alt)").contains("case-42").contains("case-43");
        assertThat(NotificationTexts.digestSubject("da", "acct-7", 2))
                .isEqualTo("Svarfrister: 2 beskeder for konto acct-7");
    }
}
