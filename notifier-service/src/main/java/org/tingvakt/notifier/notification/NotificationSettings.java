package org.tingvakt.notifier.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Reads, replaces and removes an account's notification settings and recipients, each in one transaction. */
@ApplicationScoped
public class NotificationSettings {

    /** An account's settings as stored, with its recipients (by role, then e-mail). */
    public record Stored(NotificationSetting setting, List<AccountNotifications.Recipient> recipients) {}

    /** What an admin sets; the caller has validated it. */
    public record Changes(
            String language,
            List<String> reminders,
            String ownerEscalationAfter,
            boolean digest,
            String teamsWebhookUrl,
            String slackWebhookUrl,
            List<AccountNotifications.Recipient> recipients) {}

    @Transactional
    public Optional<Stored> find(String accountId) {
        NotificationSetting s = NotificationSetting.findById(accountId);
        return s == null ? Optional.empty() : Optional.of(stored(s));
    }

    /** Creates or replaces the settings and the whole list of recipients (e-mails in lower case, no duplicates). */
    @Transactional
    public Stored replace(String accountId, Changes changes) {
        NotificationSetting s = NotificationSetting.findById(accountId);
        if (s == null) {
            s = new NotificationSetting();
            s.accountId = accountId;
        }
        s.language = changes.language();
        s.reminders =
                String.join(",", changes.reminders().stream().map(String::strip).toList());
        s.ownerEscalationAfter = changes.ownerEscalationAfter();
        s.digest = changes.digest();
        s.teamsWebhookUrl = changes.teamsWebhookUrl();
        s.slackWebhookUrl = changes.slackWebhookUrl();
        s.updatedAt = Instant.now();
        s.persist();
        NotificationRecipientEntity.delete("accountId", accountId);
        NotificationRecipientEntity.flush();
        for (AccountNotifications.Recipient r :
                changes.recipients().stream().distinct().toList()) {
            NotificationRecipientEntity e = new NotificationRecipientEntity();
            e.id = UUID.randomUUID();
            e.accountId = accountId;
            e.email = r.email().strip().toLowerCase(Locale.ROOT);
            e.role = r.role();
            e.persist();
        }
        NotificationRecipientEntity.flush();
        return stored(s);
    }

    /** Removes the settings and recipients; false when the account had no settings. */
    @Transactional
    public boolean remove(String accountId) {
        NotificationRecipientEntity.delete("accountId", accountId);
        return NotificationSetting.deleteById(accountId);
    }

    private static Stored stored(NotificationSetting s) {
        List<AccountNotifications.Recipient> recipients =
                NotificationRecipientEntity.<NotificationRecipientEntity>list("accountId", s.accountId).stream()
                        .map(r -> new AccountNotifications.Recipient(r.email, r.role))
                        .sorted(Comparator.comparing(AccountNotifications.Recipient::role)
                                .thenComparing(AccountNotifications.Recipient::email))
                        .toList();
        return new Stored(s, recipients);
    }
}
