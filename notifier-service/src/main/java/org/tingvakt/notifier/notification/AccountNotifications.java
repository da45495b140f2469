package org.tingvakt.notifier.notification;

import java.util.List;
import java.util.Optional;

/**
 * An account's notification settings as the dispatcher uses them: language, digest mode, chat webhooks, recipients.
 * An account nobody has configured gets {@link #defaults}: the country's language, no e-mail, no webhooks (the dashboard
 * stream still shows everything).
 */
public record AccountNotifications(
        String accountId,
        String language,
        boolean digest,
        Optional<String> teamsWebhookUrl,
        Optional<String> slackWebhookUrl,
        List<Recipient> recipients) {

    /** A person who gets e-mails for the account. */
    public record Recipient(String email, RecipientRole role) {}

    public static AccountNotifications defaults(String accountId, String country) {
        String lang = switch (country == null ? "" : country.toUpperCase(java.util.Locale.ROOT)) {
            case "DK" -> "da";
            case "SE" -> "sv";
            case "NO" -> "nb";
            default -> "en";
        };
        return new AccountNotifications(accountId, lang, false, Optional.empty(), Optional.empty(), List.of());
    }

    public List<String> emailsFor(RecipientRole role) {
        return recipients.stream()
                .filter(r -> r.role() == role)
                .map(Recipient::email)
                .toList();
    }
}
