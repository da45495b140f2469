package org.tingvakt.devstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A test's window on the real broker: sends events with CloudEvents headers (or raw bytes, for poison tests) and reads
 * what a topic holds. Reads the whole topic from the beginning each time, so tests filter by their own ids.
 */
public final class EventProbe {
    private static final Map<String, KafkaProducer<String, byte[]>> PRODUCERS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final String bootstrapServers;

    public EventProbe(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** A record as read back: key, value as text, and headers as text. */
    public record Received(String topic, String key, String value, Map<String, String> headers, long offset) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    public String sendEvent(String topic, String key, String ceType, String jsonValue) {
        String id = UUID.randomUUID().toString();
        sendEvent(topic, key, ceType, id, jsonValue);
        return id;
    }

    public void sendEvent(String topic, String key, String ceType, String ceId, String jsonValue) {
        Map<String, String> headers = Map.of(
                "ce_specversion",
                "1.0",
                "ce_id",
                ceId,
                "ce_type",
                ceType,
                "ce_source",
                "urn:tingvakt:test",
                "ce_time",
                Instant.now().toString(),
                "content-type",
                "application/json");
        sendRaw(topic, key, jsonValue.getBytes(StandardCharsets.UTF_8), headers);
    }

    public void sendRaw(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producerFor(bootstrapServers).send(r).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /**
     * One producer per broker for the whole test JVM (a producer per event cost a connection and metadata round trip
     * each; tests make an EventProbe per test instance, so the producer is not tied to the probe's lifetime). Closed
     * when the JVM exits.
     */
    private static KafkaProducer<String, byte[]> producerFor(String bootstrapServers) {
        return PRODUCERS.computeIfAbsent(bootstrapServers, servers -> {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p);
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(() -> producer.close(Duration.ofSeconds(2)), "event-probe-producer-close"));
            return producer;
        });
    }

    /** Everything the topic holds now. */
    public List<Received> readAll(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<Received> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(20);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, String> headers = new java.util.LinkedHashMap<>();
                    for (Header h : r.headers()) {
                        headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
                    }
                    out.add(new Received(
                            r.topic(),
                            r.key(),
                            r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8),
                            headers,
                            r.offset()));
                }
            }
        }
        return out;
    }

    /** Waits until the topic holds a record matching {@code match}; returns the matching records. */
    public List<Received> await(String topic, Predicate<Received> match, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<Received> found = List.of();
        while (Instant.now().isBefore(deadline)) {
            found = readAll(topic).stream().filter(match).collect(Collectors.toList());
            if (!found.isEmpty()) {
                return found;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no matching record on " + topic + " within " + timeout);
    }

    /** How many records the topic holds in all (end offsets summed), to prove that nothing was published. */
    public long count(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            return consumer.endOffsets(partitions).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }
}
