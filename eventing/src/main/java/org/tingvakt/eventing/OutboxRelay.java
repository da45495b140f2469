package org.tingvakt.eventing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka: takes a batch of rows in commit order (locked, {@code SKIP LOCKED} so several instances
 * share the work), sends them, waits for the broker's acknowledgement, and deletes them in the same transaction. A crash
 * after the send and before the delete sends again: at least once, made effectively once by the idempotent consumers.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String SELECT =
            "SELECT seq, event_id, topic, record_key, ce_type, ce_source, ce_time, payload, traceparent "
                    + "FROM outbox_event ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED";
    private static final String DELETE = "DELETE FROM outbox_event WHERE seq = ANY (?)";

    private final DataSource dataSource;
    private final KafkaClients kafka;
    private final EventingConfig.Relay config;
    private final MeterRegistry metrics;
    private final Tracing tracing;
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(
            DataSource dataSource, KafkaClients kafka, EventingConfig config, MeterRegistry metrics, Tracing tracing) {
        this.dataSource = dataSource;
        this.tracing = tracing;
        this.kafka = kafka;
        this.config = config.relay();
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            LOG.warn(
                    "The outbox relay is disabled (tingvakt.eventing.relay.enabled=false): events are stored, not published");
            return;
        }
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        wake();
        if (worker != null) {
            worker.join(10_000);
        }
    }

    /** Called after a commit that wrote to the outbox, so events go out at once instead of at the next poll. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        long backoffMillis = 0;
        while (running) {
            try {
                int sent = relayBatch();
                backoffMillis = 0;
                if (sent < config.batchSize()) {
                    awaitWake(config.pollInterval().toMillis());
                }
            } catch (RuntimeException e) {
                backoffMillis = Math.min(10_000, Math.max(200, backoffMillis * 2));
                metrics.counter("tingvakt.outbox.failures").increment();
                LOG.warnf(
                        "Outbox relay failed (%s); retrying in %d ms",
                        e.getClass().getSimpleName(), backoffMillis);
                LOG.debug("Outbox relay failure", e);
                awaitWake(backoffMillis);
            }
        }
    }

    private void awaitWake(long millis) {
        synchronized (signal) {
            if (!woken) {
                try {
                    signal.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }

    /** Publishes one batch; returns how many events went out. Visible for tests that drive the relay by hand. */
    public int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                List<Long> seqs = new ArrayList<>();
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                List<String> topics = new ArrayList<>();
                List<Span> spans = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(SELECT)) {
                    ps.setInt(1, config.batchSize());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            seqs.add(rs.getLong("seq"));
                            String topic = rs.getString("topic");
                            topics.add(topic);
                            ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                                    topic,
                                    rs.getString("record_key"),
                                    rs.getString("payload").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                            new CloudEventHeaders(
                                            rs.getObject("event_id").toString(),
                                            rs.getString("ce_type"),
                                            rs.getString("ce_source"),
                                            rs.getTimestamp("ce_time").toInstant())
                                    .writeTo(record.headers());
                            // A publish span in the trace of the transaction that wrote the event; the consumer's
                            // span is its child.
                            Span span = tracing.startUnder(
                                    rs.getString("traceparent"), "publish " + topic, SpanKind.PRODUCER);
                            span.setAttribute(Tracing.MESSAGING_SYSTEM, "kafka");
                            span.setAttribute(Tracing.DESTINATION, topic);
                            span.setAttribute(
                                    Tracing.MESSAGE_ID, rs.getObject("event_id").toString());
                            Tracing.writeTo(span, record.headers());
                            spans.add(span);
                            acks.add(kafka.producer().send(record));
                        }
                    }
                }
                if (seqs.isEmpty()) {
                    return 0;
                }
                try {
                    kafka.producer().flush();
                    long deadline = System.nanoTime() + config.sendTimeout().toNanos();
                    for (Future<RecordMetadata> ack : acks) {
                        ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    }
                } catch (Exception e) {
                    spans.forEach(span -> Tracing.failed(span, e));
                    throw e;
                } finally {
                    spans.forEach(Span::end);
                }
                try (PreparedStatement del = c.prepareStatement(DELETE)) {
                    del.setArray(1, c.createArrayOf("bigint", seqs.toArray()));
                    del.executeUpdate();
                }
                for (String topic : topics) {
                    Counter.builder("tingvakt.outbox.published")
                            .tag("topic", topic)
                            .register(metrics)
                            .increment();
                }
                return seqs.size();
            } catch (SQLException e) {
                throw new IllegalStateException("outbox relay database error", e);
            }
        });
    }
}
