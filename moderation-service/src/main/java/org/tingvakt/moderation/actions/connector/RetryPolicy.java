package org.tingvakt.moderation.actions.connector;

import java.time.Duration;
import java.util.Objects;
import org.tingvakt.retry.Backoff;

/**
 * How often and how long a connector retries.
 *
 * <p>Transient failures wait {@code baseDelay * 2^(n-1)} (capped at {@code maxDelay}) before attempt n+1, rate limits
 * {@code rateLimitBaseDelay * 2^(n-1)} (capped at an hour) or the platform's own estimate: the shared {@link Backoff}.
 * Each wait is jittered to between half and all of it ({@link Backoff#jitter}), so that many workers do not retry in
 * step. A rate-limit wait longer than {@code maxRateLimitWait} is not slept:
 * the call fails with {@code RATE_LIMITED} and {@code retryAfter}, and the caller reschedules instead of holding a thread.
 *
 * @param maxAttempts requests at most per call, the first included
 */
public record RetryPolicy(
        int maxAttempts,
        Duration baseDelay,
        Duration maxDelay,
        Duration rateLimitBaseDelay,
        Duration maxRateLimitWait) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(rateLimitBaseDelay, "rateLimitBaseDelay");
        Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait");
        // The parameters, not the accessors: the fields are assigned only after this body.
        Backoff.exponential(baseDelay, maxDelay);
        rateLimitBackoff(rateLimitBaseDelay);
    }

    /** 4 attempts; 0.5 s, 1 s, 2 s for transient failures (at most 30 s); 10 s, 20 s for rate limits, at most 60 s slept. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(
                4, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    /** The wait after failed attempt {@code attempt} (1-based), before jitter. */
    Duration transientDelay(int attempt) {
        return transientBackoff().delay(attempt);
    }

    /** The wait after rate-limited attempt {@code attempt} (1-based) when the platform gave no estimate, before jitter. */
    Duration rateLimitDelay(int attempt) {
        return rateLimitBackoff().delay(attempt);
    }

    private Backoff transientBackoff() {
        return Backoff.exponential(baseDelay, maxDelay);
    }

    private Backoff rateLimitBackoff() {
        return rateLimitBackoff(rateLimitBaseDelay);
    }

    private static Backoff rateLimitBackoff(Duration rateLimitBaseDelay) {
        Duration cap = Duration.ofHours(1);
        return Backoff.exponential(
                rateLimitBaseDelay, rateLimitBaseDelay.compareTo(cap) > 0 ? rateLimitBaseDelay : cap);
    }
}
