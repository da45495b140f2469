package org.tingvakt.eventing;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one Kafka producer of a service, used by the outbox relay and for dead letters. Idempotent and {@code acks=all}, so a
 * send that the relay saw acknowledged is durable and a retried send is not duplicated by the broker.
 */
@ApplicationScoped
public class KafkaClients {
    private final Producer<String, byte[]> producer;

    private final Map<String, Object> broker;

    /**
     * @param broker the connection settings Quarkus builds from {@code kafka.*} (bootstrap servers, security protocol,
     *               SASL, TLS): the same the consumers use, so a broker that requires authentication gets it here too
     */
    public KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> broker, EventingConfig config) {
        this.broker = Map.copyOf(broker);
        Properties p = connection();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, config.serviceName() + "-outbox");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
    }

    /** The broker's connection settings (bootstrap servers, security), for a client a service builds itself. */
    public Properties connection() {
        Properties p = new Properties();
        broker.forEach((k, v) -> {
            if (CONNECTION.stream().anyMatch(k::startsWith)) {
                p.put(k, v);
            }
        });
        return p;
    }

    /** The keys of the broker settings that describe the connection, not a client's behaviour. */
    private static final List<String> CONNECTION =
            List.of("bootstrap.servers", "security.protocol", "sasl.", "ssl.", "client.dns.lookup");

    public Producer<String, byte[]> producer() {
        return producer;
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
