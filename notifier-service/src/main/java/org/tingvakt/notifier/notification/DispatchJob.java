package org.tingvakt.notifier.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.tingvakt.notifier.config.NotifierConfig;
import org.tingvakt.notifier.notification.channel.ChatWebhookChannel;
import org.tingvakt.notifier.notification.channel.DashboardStream;
import org.tingvakt.notifier.notification.channel.EmailChannel;
import org.tingvakt.notifier.notification.channel.WebhookTargets;

/**
 * Runs the {@link NotificationDispatcher} every few seconds on each instance; the database decides who sends what.
 */
@ApplicationScoped
public class DispatchJob {
    private static final Logger LOG = Logger.getLogger(DispatchJob.class);
    private final NotificationDispatcher dispatcher;
    private final Counter sent;
    private final Counter failed;

    public DispatchJob(
            AgroalDataSource dataSource,
            EmailChannel email,
            DashboardStream dashboards,
            ObjectMapper json,
            MeterRegistry metrics,
            WebhookTargets webhookTargets,
            NotifierConfig config) {
        Clock clock = Clock.systemUTC();
        List<NotificationChannel> channels = new ArrayList<>(List.of(email, dashboards));
        Optional<byte[]> secret =
                config.webhookSecret().filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8));
        if (secret.isPresent()) {
            channels.add(
                    new ChatWebhookChannel(ChatWebhookChannel.Format.TEAMS, secret.get(), json, clock, webhookTargets));
            channels.add(
                    new ChatWebhookChannel(ChatWebhookChannel.Format.SLACK, secret.get(), json, clock, webhookTargets));
        } else {
            // Unsigned webhooks are not sent at all: without a secret, Teams and Slack are off (e-mail and SSE stay
            // on).
            LOG.warn("TINGVAKT_NOTIFIER_WEBHOOK_SECRET is not set: Teams and Slack webhooks are disabled");
        }
        this.dispatcher = new NotificationDispatcher(
                dataSource,
                channels,
                "notifier-" + UUID.randomUUID(),
                config.batchSize(),
                config.maxAttempts(),
                clock,
                config.firstRetry());
        this.sent = metrics.counter("tingvakt.notifications.sent");
        this.failed = metrics.counter("tingvakt.notifications.failed");
    }

    @Scheduled(
            every = "${tingvakt.notifier.dispatch-every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "notification-dispatch")
    void run() {
        try {
            NotificationDispatcher.Result r = dispatcher.dispatchDue();
            sent.increment(r.sent());
            failed.increment(r.failed());
            if (r.claimed() > 0) {
                LOG.debugf("notifications: %s", r);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("notification dispatch failed; the claimed rows are retried on the next run", e);
        }
    }
}
