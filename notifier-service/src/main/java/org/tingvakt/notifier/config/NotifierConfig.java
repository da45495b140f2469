package org.tingvakt.notifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The notifier's own settings ({@code tingvakt.notifier.*} in {@code application.properties}), typed and in one place,
 * so that a wrong value stops the start-up with the setting's name instead of failing later.
 * The dispatcher's schedule ({@code dispatch-every}) is read by {@code @Scheduled} itself and is listed here so that a
 * typo in it fails at start-up like any other.
 */
@ConfigMapping(prefix = "tingvakt.notifier")
public interface NotifierConfig {
    /** How often each instance looks for due reminders and escalations. */
    @WithDefault("5s")
    Duration dispatchEvery();

    /** Rows claimed per transaction. */
    @WithDefault("500")
    int batchSize();

    /** Attempts per notification before it is marked FAILED. */
    @WithDefault("8")
    int maxAttempts();

    /** A failed channel is asked again after this, then after twice as long each time, up to an hour. */
    @WithDefault("30s")
    Duration firstRetry();

    /** Signs Teams and Slack webhook requests; without it those channels are off (nothing unsigned is sent). */
    Optional<String> webhookSecret();

    /** What the notifier remembers of actions that came before their case's deadline. */
    EarlyActions earlyActions();

    /** Where chat webhooks may go (see {@code WebhookTargets}). */
    Webhooks webhooks();

    interface EarlyActions {
        /**
         * How long a moderation action that arrived before its classification is kept, waiting for the deadline it
         * closes.
         */
        @WithDefault("P7D")
        Duration keep();
    }

    interface Webhooks {
        /** Private, loopback and link-local targets: only for local development and tests. */
        @WithDefault("false")
        boolean allowPrivateTargets();

        /** If set, only hosts under these suffixes. */
        Optional<List<String>> allowedHosts();
    }
}
