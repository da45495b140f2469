package org.tingvakt.eventing;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which consumers are waiting, with back-off, for a failure that may pass (the database is away), and since when: the
 * readiness check ({@link ConsumersReadiness}) is DOWN while any is, and the gauge {@code tingvakt_consumers_waiting}
 * shows how many.
 */
@ApplicationScoped
public class ConsumerBackoff {
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

    public ConsumerBackoff(MeterRegistry metrics) {
        metrics.gauge("tingvakt.consumers.waiting", waiting, Map::size);
    }

    /** A consumer waits, after {@code failure}, before its next attempt. */
    void waiting(String consumer, Throwable failure) {
        String kind = EventConsumer.Failures.reason(failure).getClass().getSimpleName();
        waiting.compute(
                consumer,
                (k, w) -> w == null
                        ? new Waiting(Instant.now(), 1, kind)
                        : new Waiting(w.since(), w.attempts() + 1, kind));
    }

    /** The consumer applied (or dead-lettered) its event: it no longer waits. */
    void recovered(String consumer) {
        waiting.remove(consumer);
    }

    /** The consumers waiting now, by name. */
    public Map<String, Waiting> waiting() {
        return Map.copyOf(waiting);
    }

    /** Since when a consumer has been retrying, how many attempts failed, and the kind of the last failure. */
    public record Waiting(Instant since, int attempts, String failure) {}
}
