package org.tingvakt.eventing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the outbox relay and the consumers; each service sets {@code tingvakt.eventing.service-name}. */
@ConfigMapping(prefix = "tingvakt.eventing")
public interface EventingConfig {

    /** Becomes {@code ce_source} ({@code urn:tingvakt:<name>}) and the client id towards Kafka. */
    String serviceName();

    Relay relay();

    Consumer consumer();

    DeadLetterTopics deadLetters();

    interface DeadLetterTopics {
        /** The topics this service consumes: their dead letters are listed and replayed at /api/admin/dead-letters. */
        java.util.List<String> topics();
    }

    interface Relay {
        /** Off only to prove crash safety in tests (a commit whose publish never happened); on in every real run. */
        @WithDefault("true")
        boolean enabled();

        /** How long the relay sleeps when it was not woken by a commit. */
        @WithDefault("500ms")
        Duration pollInterval();

        @WithDefault("500")
        int batchSize();

        /** How long a batch may wait for the broker's acknowledgement before the relay rolls back and tries again. */
        @WithDefault("30s")
        Duration sendTimeout();
    }

    interface Consumer {
        /**
         * Attempts of one event that fails for a reason that may pass (a lost connection, the database away) before it
         * fails the consumer; 0 (the default) retries until the failure has passed, with exponential back-off, holding
         * the partition's position, so an outage of the database delays the consumer but never halts it.
         */
        @WithDefault("0")
        int maxAttempts();

        /** The first wait after a failure that may pass; it doubles with each attempt up to {@link #maxBackoff()}. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** The longest wait between two attempts while the database (or another dependency) is away. */
        @WithDefault("10s")
        Duration maxBackoff();
    }
}
