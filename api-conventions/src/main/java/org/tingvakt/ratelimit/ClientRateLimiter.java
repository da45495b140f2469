package org.tingvakt.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket per client: {@code perMinute} requests, refilled evenly, and at most {@code perMinute} at once.
 *
 * <p>Hand-written because neither fits: SmallRye Fault Tolerance's {@code @RateLimit} counts every caller of a method
 * together, so one noisy client would lock out Meta and every citizen; Bucket4j is not among the libraries this project's
 * build can fetch. The buckets live in a Caffeine cache (already a dependency) bounded in size and forgotten after a
 * quiet minute, so many distinct clients cost bounded memory. Per instance: n instances allow n times the rate.
 */
public final class ClientRateLimiter {
    /**
     * Allowed, or refused with the seconds after which a request will be allowed again ({@code retryAfterSeconds});
     * {@code remaining} requests may follow at once, and the bucket is full again after {@code resetSeconds}.
     */
    public record Decision(boolean allowed, int limit, int remaining, long retryAfterSeconds, long resetSeconds) {}

    private final int perMinute;
    /** Nanoseconds per request at the steady rate; the bucket holds {@code perMinute} of them. */
    private final long interval;

    private final long burst;
    private final LongSupplier nanoTime;
    private final Cache<String, Bucket> buckets;

    public ClientRateLimiter(int perMinute, LongSupplier nanoTime) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("a rate limit allows at least one request a minute");
        }
        this.perMinute = perMinute;
        this.interval = Duration.ofMinutes(1).toNanos() / perMinute;
        this.burst = interval * perMinute;
        this.nanoTime = nanoTime;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterAccess(Duration.ofMinutes(2))
                .build();
    }

    /**
     * The generic cell rate algorithm, the token bucket in integers: a bucket keeps the time at which it will be full
     * again ({@code fullAt}); a request adds one interval, and is refused if that would put it more than the burst ahead.
     */
    public Decision take(String client) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.get(client, c -> new Bucket(now));
        synchronized (bucket) {
            long fullAt = Math.max(bucket.fullAt, now);
            long ahead = fullAt + interval - now;
            if (ahead > burst) {
                long wait = ahead - burst;
                return new Decision(false, perMinute, 0, Math.max(1, seconds(wait)), seconds(fullAt - now));
            }
            bucket.fullAt = fullAt + interval;
            return new Decision(true, perMinute, (int) ((burst - ahead) / interval), 0, seconds(bucket.fullAt - now));
        }
    }

    /**
     * What {@link #take} would answer now, without taking anything: for budgets that only some requests spend (the
     * webhooks' refused deliveries), so that a client whose budget is spent is refused before any work is done.
     * {@code remaining} is how many takes would still be allowed.
     */
    public Decision peek(String client) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.getIfPresent(client);
        if (bucket == null) {
            return new Decision(true, perMinute, perMinute, 0, 0);
        }
        synchronized (bucket) {
            long fullAt = Math.max(bucket.fullAt, now);
            long ahead = fullAt + interval - now;
            if (ahead > burst) {
                return new Decision(false, perMinute, 0, Math.max(1, seconds(ahead - burst)), seconds(fullAt - now));
            }
            return new Decision(true, perMinute, (int) ((burst - (fullAt - now)) / interval), 0, seconds(fullAt - now));
        }
    }

    /** Nanoseconds to whole seconds, rounded up (a client told "0" would come back at once). */
    private static long seconds(long nanos) {
        return (Math.max(0, nanos) + 999_999_999L) / 1_000_000_000L;
    }

    private static final class Bucket {
        long fullAt;

        Bucket(long fullAt) {
            this.fullAt = fullAt;
        }
    }
}
