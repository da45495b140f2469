package org.tingvakt.eventing;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.tingvakt.contracts.Topics;

/**
 * Lists, shows and replays the dead letters of the topics a service consumes
 * ({@code tingvakt.eventing.dead-letters.topics}). A replay sends the original key, value and headers (the same
 * {@code ce_id}, without the {@code dlq-*} headers) back to the original topic: the idempotent consumer applies it once,
 * however often it is replayed; if it fails again it is dead-lettered again, with its new reason. Reads with a consumer
 * of its own, without a group (nothing is committed), so looking never moves anything.
 */
@ApplicationScoped
public class DeadLetterQueue {
    public static final String REPLAYED_FROM = "dlq-replayed-from";

    private final KafkaClients kafka;
    private final MeterRegistry metrics;
    private final Set<String> topics;

    public DeadLetterQueue(KafkaClients kafka, MeterRegistry metrics, EventingConfig config) {
        this.kafka = kafka;
        this.metrics = metrics;
        this.topics = Set.copyOf(config.deadLetters().topics());
    }

    /** The original topics whose dead letters this service owns. */
    public Set<String> topics() {
        return topics;
    }

    /** A dead letter: where it is, where it came from, why, and the event's id and type. */
    public record Letter(
            String topic,
            int partition,
            long offset,
            Instant deadLetteredAt,
            String originalTopic,
            String originalPartition,
            String originalOffset,
            String consumer,
            String reason,
            String exception,
            String ceId,
            String ceType,
            String key) {}

    /** A dead letter with its headers and the event itself (it may hold personal data: admins only). */
    public record Detail(Letter letter, Map<String, String> headers, String value) {}

    /** What a replay did: the event sent back to its topic, under its own {@code ce_id}. */
    public record Replayed(String topic, int partition, long offset, String ceId, String from) {}

    /** The newest dead letters of {@code topic} (an original topic), newest first, at most {@code limit}. */
    public List<Letter> list(String topic, int limit) {
        requireOwned(topic);
        List<Letter> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = reader()) {
            String dlq = Topics.deadLetter(topic);
            List<TopicPartition> parts = c.partitionsFor(dlq, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(dlq, p.partition()))
                    .toList();
            c.assign(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            Map<TopicPartition, Long> begin = c.beginningOffsets(parts);
            for (TopicPartition tp : parts) {
                c.seek(tp, Math.max(begin.get(tp), end.get(tp) - limit));
            }
            readUntil(c, end, r -> all.add(letter(r)));
        }
        all.sort(Comparator.comparing(Letter::deadLetteredAt).reversed());
        return all.size() > limit ? all.subList(0, limit) : all;
    }

    /** One dead letter, by its place in {@code <topic>.dlq}. */
    public Optional<Detail> get(String topic, int partition, long offset) {
        return read(topic, partition, offset).map(r -> {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header h : r.headers()) {
                headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
            }
            return new Detail(
                    letter(r), headers, r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
        });
    }

    /** Sends the dead letter back to its original topic; empty if there is no such letter. */
    public Optional<Replayed> replay(String topic, int partition, long offset) {
        Optional<ConsumerRecord<String, byte[]>> found = read(topic, partition, offset);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ConsumerRecord<String, byte[]> r = found.get();
        ProducerRecord<String, byte[]> again = new ProducerRecord<>(topic, r.key(), r.value());
        for (Header h : r.headers()) {
            if (!h.key().startsWith("dlq-")) {
                again.headers().add(h);
            }
        }
        String from = r.topic() + "/" + r.partition() + "/" + r.offset();
        again.headers().add(REPLAYED_FROM, CloudEventHeaders.bytes(from));
        try {
            var meta = kafka.producer().send(again).get(30, TimeUnit.SECONDS);
            metrics.counter("tingvakt.events.replayed", "topic", topic).increment();
            return Optional.of(new Replayed(
                    topic,
                    meta.partition(),
                    meta.offset(),
                    CloudEventHeaders.text(r.headers(), CloudEventHeaders.ID),
                    from));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not replay to " + topic, e);
        }
    }

    private Optional<ConsumerRecord<String, byte[]>> read(String topic, int partition, long offset) {
        requireOwned(topic);
        TopicPartition tp = new TopicPartition(Topics.deadLetter(topic), partition);
        try (KafkaConsumer<String, byte[]> c = reader()) {
            if (c.partitionsFor(tp.topic(), Duration.ofSeconds(10)).stream()
                    .noneMatch(p -> p.partition() == partition)) {
                return Optional.empty();
            }
            c.assign(List.of(tp));
            long begin = c.beginningOffsets(List.of(tp)).get(tp);
            long end = c.endOffsets(List.of(tp)).get(tp);
            if (offset < begin || offset >= end) {
                return Optional.empty();
            }
            c.seek(tp, offset);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.offset() == offset) {
                        return Optional.of(r);
                    }
                    if (r.offset() > offset) {
                        return Optional.empty(); // compacted or a transaction marker
                    }
                }
            }
            throw new IllegalStateException("could not read " + tp + "@" + offset + " in time");
        }
    }

    private static void readUntil(
            KafkaConsumer<String, byte[]> c,
            Map<TopicPartition, Long> end,
            java.util.function.Consumer<ConsumerRecord<String, byte[]>> sink) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (end.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())
                && System.nanoTime() < deadline) {
            c.poll(Duration.ofMillis(200)).forEach(sink);
        }
    }

    private void requireOwned(String topic) {
        if (!topics.contains(topic)) {
            throw new UnknownTopicException(topic);
        }
    }

    private KafkaConsumer<String, byte[]> reader() {
        Properties p = kafka.connection();
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    private static Letter letter(ConsumerRecord<String, byte[]> r) {
        var h = r.headers();
        return new Letter(
                r.topic(),
                r.partition(),
                r.offset(),
                Instant.ofEpochMilli(r.timestamp()),
                CloudEventHeaders.text(h, DeadLetters.ORIGINAL_TOPIC),
                CloudEventHeaders.text(h, DeadLetters.ORIGINAL_PARTITION),
                CloudEventHeaders.text(h, DeadLetters.ORIGINAL_OFFSET),
                CloudEventHeaders.text(h, DeadLetters.CONSUMER),
                CloudEventHeaders.text(h, DeadLetters.REASON),
                CloudEventHeaders.text(h, DeadLetters.EXCEPTION),
                CloudEventHeaders.text(h, CloudEventHeaders.ID),
                CloudEventHeaders.text(h, CloudEventHeaders.TYPE),
                r.key());
    }

    /** A topic whose dead letters are not this service's. */
    public static final class UnknownTopicException extends RuntimeException {
        public UnknownTopicException(String topic) {
            super("this service does not consume " + topic);
        }
    }
}
