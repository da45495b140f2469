package org.tingvakt.eventing;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;
import org.tingvakt.contracts.Topics;

/**
 * Sends an event that cannot be processed to {@code <topic>.dlq} (ARCHITECTURE.md invariant 4): the original key, value
 * and headers, plus the reason, the consumer and where it came from. Synchronous: the original is acknowledged only after
 * the dead letter is stored, so nothing is dropped on the way.
 */
@ApplicationScoped
public class DeadLetters {
    public static final String REASON = "dlq-reason";
    public static final String EXCEPTION = "dlq-exception";
    public static final String CONSUMER = "dlq-consumer";
    public static final String ORIGINAL_TOPIC = "dlq-original-topic";
    public static final String ORIGINAL_PARTITION = "dlq-original-partition";
    public static final String ORIGINAL_OFFSET = "dlq-original-offset";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final KafkaClients kafka;
    private final MeterRegistry metrics;

    public DeadLetters(KafkaClients kafka, MeterRegistry metrics) {
        this.kafka = kafka;
        this.metrics = metrics;
    }

    public void send(ConsumerRecord<String, byte[]> original, String consumer, Throwable reason) {
        String dlq = Topics.deadLetter(original.topic());
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(dlq, original.key(), original.value());
        for (Header h : original.headers()) {
            letter.headers().add(h);
        }
        String why = reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage();
        letter.headers().add(REASON, CloudEventHeaders.bytes(truncate(why, 500)));
        letter.headers()
                .add(EXCEPTION, CloudEventHeaders.bytes(reason.getClass().getName()));
        letter.headers().add(CONSUMER, CloudEventHeaders.bytes(consumer));
        letter.headers().add(ORIGINAL_TOPIC, CloudEventHeaders.bytes(original.topic()));
        letter.headers().add(ORIGINAL_PARTITION, CloudEventHeaders.bytes(Integer.toString(original.partition())));
        letter.headers().add(ORIGINAL_OFFSET, CloudEventHeaders.bytes(Long.toString(original.offset())));
        try {
            kafka.producer().send(letter).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            // Not acknowledged: fail the consumer so the original is redelivered, rather than lose it.
            throw new IllegalStateException("could not write to " + dlq, e);
        }
        metrics.counter("tingvakt.events.dead.lettered", "topic", original.topic(), "consumer", consumer)
                .increment();
        if (reason instanceof ForgedEventException) {
            metrics.counter("tingvakt.events.forged", "topic", original.topic(), "consumer", consumer)
                    .increment();
        }
        // The reason may quote the event (and so personal data): only its kind at WARN, the text at DEBUG.
        LOG.warnf(
                "Dead-lettered %s[%d]@%d for %s (%s)",
                original.topic(),
                original.partition(),
                original.offset(),
                consumer,
                reason.getClass().getSimpleName());
        LOG.debugf("Dead-letter reason: %s", why);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
