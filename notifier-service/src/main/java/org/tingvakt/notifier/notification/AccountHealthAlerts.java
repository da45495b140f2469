package org.tingvakt.notifier.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.tingvakt.contracts.AccountHealthFlagged;
import org.tingvakt.eventing.EventConsumer;
import org.tingvakt.notifier.config.NotifierConfig;
import org.tingvakt.notifier.notification.channel.ChatWebhookChannel;
import org.tingvakt.notifier.notification.channel.DashboardStream;
import org.tingvakt.notifier.notification.channel.EmailChannel;
import org.tingvakt.notifier.notification.channel.WebhookTargets;

/**
 * Tells an account's admins (its OWNER recipients) that its connection needs them ({@code accounts.health}, published by
 * moderation's daily check): through the same channels as reminders — e-mail, the dashboards' stream, Teams and Slack —
 * in the account's language. Sent when the event arrives; a channel that fails makes the event be retried (and, in the
 * end, dead-lettered), as for any event.
 *
 * <p>The message is a {@link DueItem} of kind {@link NotificationKind#ACCOUNT_HEALTH}, so every channel formats it as
 * it formats reminders: {@code caseId} carries the account's name, {@code intent} the flags, {@code deadlineDueAt} the
 * time of the check (or the token's expiry, if flagged expiring).
 */
@ApplicationScoped
public class AccountHealthAlerts {
    public static final String CHANNEL = "accounts-health";
    private static final Logger LOG = Logger.getLogger(AccountHealthAlerts.class);

    private final EventConsumer consumer;
    private final NotificationSettings settings;
    private final List<NotificationChannel> channels;

    public AccountHealthAlerts(
            EventConsumer consumer,
            NotificationSettings settings,
            EmailChannel email,
            DashboardStream dashboards,
            ObjectMapper json,
            WebhookTargets webhookTargets,
            NotifierConfig config) {
        this.consumer = consumer;
        this.settings = settings;
        List<NotificationChannel> all = new ArrayList<>(List.of(email, dashboards));
        config.webhookSecret()
                .filter(s -> !s.isBlank())
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .ifPresent(secret -> {
                    Clock clock = Clock.systemUTC();
                    all.add(new ChatWebhookChannel(
                            ChatWebhookChannel.Format.TEAMS, secret, json, clock, webhookTargets));
                    all.add(new ChatWebhookChannel(
                            ChatWebhookChannel.Format.SLACK, secret, json, clock, webhookTargets));
                });
        this.channels = List.copyOf(all);
    }

    @Incoming(CHANNEL)
    @Blocking
    public void flagged(ConsumerRecords<String, byte[]> records) {
        consumer.consume("notifier-accounts", records, AccountHealthFlagged.class, (e, h) -> tell(e));
    }

    void tell(AccountHealthFlagged e) {
        AccountNotifications account = settings.find(e.accountId())
                .map(s -> new AccountNotifications(
                        e.accountId(),
                        s.setting().language,
                        false,
                        Optional.ofNullable(s.setting().teamsWebhookUrl),
                        Optional.ofNullable(s.setting().slackWebhookUrl),
                        s.recipients()))
                .orElseGet(() -> AccountNotifications.defaults(e.accountId(), null));
        boolean expiring = e.flags().contains("TOKEN_EXPIRING") && e.tokenExpiresAt() != null;
        DueItem item = new DueItem(
                UUID.randomUUID(),
                null,
                e.accountName() == null || e.accountName().isBlank() ? e.accountId() : e.accountName(),
                e.accountId(),
                null,
                NotificationKind.ACCOUNT_HEALTH,
                e.checkedAt(),
                expiring ? e.tokenExpiresAt() : e.checkedAt(),
                "UTC",
                String.join(",", e.flags()),
                0,
                Set.of());
        Delivery delivery = new Delivery(account, List.of(item), false);
        for (NotificationChannel channel : channels) {
            try {
                channel.send(delivery);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while telling the admins", interrupted);
            } catch (Exception failed) {
                throw new IllegalStateException("channel " + channel.name() + " failed; the event is retried", failed);
            }
        }
        LOG.infof("account %s %s: admins told of %s", e.platform(), e.accountId(), e.flags());
    }
}
