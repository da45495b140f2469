package org.tingvakt.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential back-off with a cap: the wait after failed attempt {@code n} (1-based) is {@code initial * 2^(n-1)}, at
 * most {@code max}. The one formula every retry in Tingvakt uses, whether it sleeps on a thread (the outbox relay, the
 * event consumers, the Graph API connector) or persists when a job is due again ({@link #nextAttemptAt}: platform
 * actions, notifications, object deletions).
 *
 * <p>{@link #jittered} spreads a wait over [half, all] of it, so that many workers that failed together do not retry in
 * step. Jitter is for sleeps; a persisted due time needs none, because the job table's claim spreads the work already.
 *
 * @param initial the wait after the first failure; positive
 * @param max the longest wait; at least {@code initial}
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial back-off must be positive: " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max back-off " + max + " is shorter than the initial " + initial);
        }
    }

    /** A back-off from {@code initial} doubling up to {@code max}. */
    public static Backoff exponential(Duration initial, Duration max) {
        return new Backoff(initial, max);
    }

    /**
     * The wait after failed attempt {@code attempt} (1-based): {@code initial * 2^(attempt-1)}, at most {@link #max()}.
     * An attempt below 1 counts as the first; the doubling never overflows, however many attempts failed.
     */
    public Duration delay(int attempt) {
        Duration half = max.dividedBy(2);
        Duration d = initial;
        for (int i = 1; i < attempt; i++) {
            if (d.compareTo(half) > 0) {
                return max;
            }
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }

    /** When a persisted job whose attempt {@code attempt} (1-based) failed at {@code failedAt} is due again. */
    public Instant nextAttemptAt(Instant failedAt, int attempt) {
        return failedAt.plus(delay(attempt));
    }

    /** {@link #delay(int)} spread by {@link #jitter(Duration, double)} with a value of {@code random} in [0, 1). */
    public Duration jittered(int attempt, DoubleSupplier random) {
        return jitter(delay(attempt), random.getAsDouble());
    }

    /**
     * Scales a wait into [wait/2, wait] by {@code random} in [0, 1), in whole milliseconds: 0 gives half the wait, values
     * near 1 the whole of it.
     */
    public static Duration jitter(Duration wait, double random) {
        if (random < 0 || random >= 1 || Double.isNaN(random)) {
            throw new IllegalArgumentException("jitter needs a value in [0, 1): " + random);
        }
        long millis = wait.toMillis();
        return Duration.ofMillis(millis / 2 + Math.round((millis / 2.0) * random));
    }
}
