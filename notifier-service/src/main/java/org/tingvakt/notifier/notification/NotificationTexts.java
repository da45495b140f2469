package org.tingvakt.notifier.notification;

import java.text.MessageFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * The texts of reminders and escalations in da, sv, nb, nn and en, from {@code i18n/notifications*.properties}. Never the
 * comment's text or its sender: the notifier does not have them, and e-mails leave the system.
 */
public final class NotificationTexts {
    /** The languages every bundle must cover; anything else falls back to English. */
    public static final Set<String> LANGUAGES = Set.of("da", "sv", "nb", "nn", "en");

    static final String BUNDLE = "i18n.notifications";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm (xxx)", Locale.ROOT);
    // No fallback to the JVM's default locale: an unknown language gets English (the base bundle), on every machine.
    private static final ResourceBundle.Control CONTROL =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private NotificationTexts() {}

    /** A supported language code, or {@code en}. */
    public static String language(String code) {
        String c = code == null ? "en" : code.strip().toLowerCase(Locale.ROOT);
        if (c.equals("no")) {
            c = "nb";
        }
        return LANGUAGES.contains(c) ? c : "en";
    }

    static ResourceBundle bundle(String language) {
        String lang = language(language);
        return ResourceBundle.getBundle(BUNDLE, lang.equals("en") ? Locale.ROOT : new Locale(lang), CONTROL);
    }

    /** Subject of one reminder or escalation. */
    public static String subject(String language, DueItem item) {
        return format(language, item.kind().textKey() + ".subject", item);
    }

    /** Body of one reminder or escalation, with the footer. */
    public static String body(String language, DueItem item) {
        return format(language, item.kind().textKey() + ".body", item) + "\n\n"
                + bundle(language).getString("footer");
    }

    public static String digestSubject(String language, String accountId, int count) {
        return MessageFormat.format(bundle(language).getString("digest.subject"), count, accountId);
    }

    /** One e-mail that lists several items: the subject of each, one a line. */
    public static String digestBody(String language, String accountId, List<DueItem> items) {
        ResourceBundle b = bundle(language);
        StringBuilder sb =
                new StringBuilder(MessageFormat.format(b.getString("digest.intro"), items.size(), accountId));
        sb.append("\n\n");
        for (DueItem item : items) {
            sb.append(MessageFormat.format(b.getString("digest.line"), subject(language, item)))
                    .append('\n');
        }
        return sb.append('\n').append(b.getString("footer")).toString();
    }

    private static String format(String language, String key, DueItem item) {
        ResourceBundle b = bundle(language);
        String intent;
        if (item.kind() == NotificationKind.ACCOUNT_HEALTH) {
            // the flags the check found, each in the language, joined
            List<String> flags = new java.util.ArrayList<>();
            for (String flag : item.intent().split(",")) {
                flags.add(b.containsKey("flag." + flag) ? b.getString("flag." + flag) : flag);
            }
            intent = String.join("; ", flags);
        } else {
            String intentKey = "intent." + item.intent();
            intent = b.containsKey(intentKey) ? b.getString(intentKey) : b.getString("intent.QUESTION");
        }
        String when = WHEN.format(item.deadlineDueAt().atZone(zone(item.timeZone())));
        return MessageFormat.format(b.getString(key), when, item.caseId(), item.accountId(), intent);
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
