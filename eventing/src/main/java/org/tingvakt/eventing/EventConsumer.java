package org.tingvakt.eventing;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;
import org.tingvakt.contracts.Event;
import org.tingvakt.contracts.EventType;

/**
 * Applies a batch of Kafka records effectively once: each event's effect and its {@code ce_id} in one transaction
 * ({@link ProcessedEvents}); a redelivered event is skipped; a malformed or unprocessable event goes to the dead-letter
 * topic with its reason ({@link DeadLetters}); a failure that may pass (the database is away) is retried and then fails
 * the consumer so that Kafka redelivers, instead of dead-lettering good events.
 *
 * <p>The batch is first applied in one transaction (fast path); if that fails, each event gets its own transaction, so
 * one bad event does not hold up or poison its neighbours.
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final ProcessedEvents processed;
    private final DeadLetters deadLetters;
    private final MeterRegistry metrics;
    private final int maxAttempts;
    private final long initialBackoffMillis;
    private final long maxBackoffMillis;
    private final ConsumerBackoff backoff;
    private final Tracing tracing;

    public EventConsumer(
            ProcessedEvents processed,
            DeadLetters deadLetters,
            MeterRegistry metrics,
            EventingConfig config,
            ConsumerBackoff backoff,
            Tracing tracing) {
        this.tracing = tracing;
        this.processed = processed;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.maxAttempts = Math.max(0, config.consumer().maxAttempts());
        this.initialBackoffMillis =
                Math.max(1, config.consumer().initialBackoff().toMillis());
        this.maxBackoffMillis =
                Math.max(initialBackoffMillis, config.consumer().maxBackoff().toMillis());
        this.backoff = backoff;
    }

    public <E extends Event> void consume(
            String consumer, ConsumerRecords<String, byte[]> records, Class<E> type, EventHandler<E> handler) {
        List<ConsumerRecord<String, byte[]>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        consume(consumer, list, type, handler);
    }

    public <E extends Event> void consume(
            String consumer, List<ConsumerRecord<String, byte[]>> records, Class<E> type, EventHandler<E> handler) {
        List<Decoded<E>> decoded = decodeAll(consumer, records, type);
        if (decoded.isEmpty()) {
            return;
        }
        try {
            int[] outcome = new int[2];
            QuarkusTransaction.requiringNew().run(() -> {
                outcome[0] = 0;
                outcome[1] = 0;
                for (Decoded<E> d : decoded) {
                    try (Scope ignored = Tracing.activate(d.span)) {
                        outcome[applyOnce(consumer, d, handler) ? 0 : 1]++;
                    }
                }
            });
            count(consumer, decoded.get(0).record.topic(), outcome[0], outcome[1]);
        } catch (RuntimeException batchFailure) {
            LOG.debugf(batchFailure, "Batch of %d failed for %s; applying one by one", decoded.size(), consumer);
            for (Decoded<E> d : decoded) {
                applyAlone(consumer, d, handler);
            }
        } finally {
            decoded.forEach(d -> d.span.end());
        }
    }

    /**
     * Decodes the records, dead-letters the malformed ones, and starts a span for each of the others, a child of the
     * span that published it (its {@code traceparent} header).
     */
    private <E extends Event> List<Decoded<E>> decodeAll(
            String consumer, List<ConsumerRecord<String, byte[]>> records, Class<E> type) {
        List<Decoded<E>> decoded = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                decoded.add(decode(r, type, tracing, consumer));
            } catch (PoisonEventException e) {
                deadLetters.send(r, consumer, e);
            }
        }
        return decoded;
    }

    /**
     * Like {@link #consume(String, ConsumerRecords, Class, EventHandler)}, but the handler gets all first deliveries of
     * the batch at once: their {@code ce_id}s are recorded with one statement and the handler can read and write for the
     * whole batch in a few round trips. The guarantees are the same: if the batch fails, every event is applied alone
     * (the handler gets a list of one), with retries for failures that may pass and the dead-letter topic for the rest.
     */
    public <E extends Event> void consumeBatch(
            String consumer, ConsumerRecords<String, byte[]> records, Class<E> type, BatchHandler<E> handler) {
        List<ConsumerRecord<String, byte[]>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        consumeBatch(consumer, list, type, handler);
    }

    public <E extends Event> void consumeBatch(
            String consumer, List<ConsumerRecord<String, byte[]>> records, Class<E> type, BatchHandler<E> handler) {
        List<Decoded<E>> decoded = decodeAll(consumer, records, type);
        if (decoded.isEmpty()) {
            return;
        }
        EventHandler<E> one = (event, headers) -> handler.handle(List.of(event));
        try {
            int[] outcome = new int[2];
            QuarkusTransaction.requiringNew().run(() -> {
                List<String> ids = new ArrayList<>(decoded.size());
                decoded.forEach(d -> ids.add(d.headers.id()));
                Set<String> fresh = processed.firstTimeAll(consumer, ids);
                Set<String> taken = new HashSet<>();
                List<E> events = new ArrayList<>(fresh.size());
                Map<String, Context> parents = new HashMap<>();
                for (Decoded<E> d : decoded) {
                    if (fresh.contains(d.headers.id()) && taken.add(d.headers.id())) {
                        events.add(d.event);
                        parents.put(d.event.threadKey(), Context.current().with(d.span));
                    }
                }
                outcome[0] = events.size();
                outcome[1] = decoded.size() - events.size();
                if (!events.isEmpty()) {
                    Tracing.withParents(parents, () -> handler.handle(events));
                }
            });
            count(consumer, decoded.get(0).record.topic(), outcome[0], outcome[1]);
        } catch (RuntimeException batchFailure) {
            LOG.debugf(batchFailure, "Batch of %d failed for %s; applying one by one", decoded.size(), consumer);
            for (Decoded<E> d : decoded) {
                applyAlone(consumer, d, one);
            }
        } finally {
            decoded.forEach(d -> d.span.end());
        }
    }

    /**
     * Applies one event in its own transaction. A failure that may pass is retried with exponential back-off on this
     * thread, holding the partition's position (the event is neither acknowledged nor dead-lettered), while
     * {@link ConsumerBackoff} reports the consumer as waiting (readiness DOWN); a failure that will recur is dead-lettered.
     */
    private <E extends Event> void applyAlone(String consumer, Decoded<E> d, EventHandler<E> handler) {
        try (Scope ignored = Tracing.activate(d.span)) {
            applyAloneTraced(consumer, d, handler);
        }
    }

    private <E extends Event> void applyAloneTraced(String consumer, Decoded<E> d, EventHandler<E> handler) {
        long wait = initialBackoffMillis;
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    boolean applied = QuarkusTransaction.requiringNew().call(() -> applyOnce(consumer, d, handler));
                    count(consumer, d.record.topic(), applied ? 1 : 0, applied ? 0 : 1);
                    return;
                } catch (RuntimeException e) {
                    if (!Failures.mayPass(e)) {
                        Tracing.failed(d.span, Failures.reason(e));
                        deadLetters.send(d.record, consumer, Failures.reason(e));
                        return;
                    }
                    if (maxAttempts > 0 && attempt >= maxAttempts) {
                        throw new IllegalStateException(
                                consumer + " cannot reach what it needs; the event will be " + "redelivered", e);
                    }
                    backoff.waiting(consumer, e);
                    metrics.counter("tingvakt.events.retried", "topic", d.record.topic(), "consumer", consumer)
                            .increment();
                    if (attempt == 1 || attempt % 10 == 0) {
                        LOG.warnf(
                                "%s: a failure that may pass (%s); retrying in %d ms (attempt %d)",
                                consumer, Failures.reason(e).getClass().getSimpleName(), wait, attempt);
                    }
                    sleep(wait);
                    wait = Math.min(maxBackoffMillis, wait * 2);
                }
            }
        } finally {
            backoff.recovered(consumer);
        }
    }

    private <E extends Event> boolean applyOnce(String consumer, Decoded<E> d, EventHandler<E> handler) {
        if (!processed.firstTime(consumer, d.headers.id())) {
            return false;
        }
        handler.handle(d.event, d.headers);
        return true;
    }

    private static <E extends Event> Decoded<E> decode(
            ConsumerRecord<String, byte[]> r, Class<E> type, Tracing tracing, String consumer) {
        CloudEventHeaders headers = CloudEventHeaders.readFrom(r.headers());
        String expected = EventType.of(type).ceType();
        if (!expected.equals(headers.type())) {
            throw new PoisonEventException("unexpected ce_type " + headers.type() + ", expected " + expected);
        }
        if (r.value() == null || r.value().length == 0) {
            throw new PoisonEventException("empty event body");
        }
        E event = EventJson.read(r.value(), type);
        Span span = tracing.startUnder(Tracing.traceparent(r.headers()), "process " + r.topic(), SpanKind.CONSUMER);
        span.setAttribute(Tracing.MESSAGING_SYSTEM, "kafka");
        span.setAttribute(Tracing.DESTINATION, r.topic());
        span.setAttribute(Tracing.MESSAGE_ID, headers.id());
        span.setAttribute(Tracing.CONSUMER_GROUP, consumer);
        return new Decoded<>(r, headers, event, span);
    }

    private void count(String consumer, String topic, int applied, int duplicates) {
        if (applied > 0) {
            metrics.counter("tingvakt.events.consumed", "topic", topic, "consumer", consumer, "outcome", "applied")
                    .increment(applied);
        }
        if (duplicates > 0) {
            metrics.counter("tingvakt.events.consumed", "topic", topic, "consumer", consumer, "outcome", "duplicate")
                    .increment(duplicates);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private record Decoded<E>(ConsumerRecord<String, byte[]> record, CloudEventHeaders headers, E event, Span span) {}

    /** Tells a failure that may pass (connection lost, database restarting) from one that will recur every time. */
    static final class Failures {
        /** Persistence-layer exceptions (named, so that eventing needs no Hibernate) that mean "try again later". */
        private static final Set<String> TRANSIENT_CLASSES = Set.of(
                "org.hibernate.exception.JDBCConnectionException",
                "org.hibernate.exception.LockAcquisitionException",
                "org.hibernate.QueryTimeoutException",
                "org.hibernate.PessimisticLockException",
                "jakarta.persistence.QueryTimeoutException",
                "jakarta.persistence.LockTimeoutException",
                "jakarta.persistence.PessimisticLockException");

        private Failures() {}

        static boolean mayPass(Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof PoisonEventException) {
                    return false; // the handler's own verdict wins over whatever caused it
                }
                if (c instanceof SQLTransientException
                        || c instanceof SQLRecoverableException
                        || c instanceof java.net.ConnectException
                        || c instanceof java.net.SocketTimeoutException
                        || c instanceof java.util.concurrent.TimeoutException
                        || c instanceof java.net.NoRouteToHostException) {
                    return true;
                }
                if (TRANSIENT_CLASSES.contains(c.getClass().getName())) {
                    return true;
                }
                if (c instanceof java.sql.SQLException sql
                        && sql.getSQLState() == null
                        && sql.getMessage() != null
                        && sql.getMessage().contains("Acquisition timeout")) {
                    return true; // Agroal: no connection could be had from the pool in time
                }
                if (c instanceof java.sql.SQLException sql
                        && sql.getSQLState() != null
                        && (sql.getSQLState().startsWith("53")
                                || sql.getSQLState().equals("57014")
                                || sql.getSQLState().equals("55P03"))) {
                    // insufficient resources (too many connections, disk full), statement timeout, lock not available
                    return true;
                }
                if (c instanceof java.sql.SQLException sql
                        && sql.getSQLState() != null
                        && (sql.getSQLState().startsWith("08")
                                || sql.getSQLState().startsWith("57P")
                                || sql.getSQLState().equals("40001")
                                || sql.getSQLState().equals("40P01"))) {
                    // connection exceptions, operator intervention (shutdown), serialization failure, deadlock
                    return true;
                }
            }
            return false;
        }

        /** The handler's own verdict ({@link PoisonEventException}) if it gave one, else the root cause. */
        static Throwable reason(Throwable t) {
            Throwable c = t;
            while (true) {
                if (c instanceof PoisonEventException) {
                    return c;
                }
                if (c.getCause() == null || c.getCause() == c) {
                    return c;
                }
                c = c.getCause();
            }
        }
    }
}
