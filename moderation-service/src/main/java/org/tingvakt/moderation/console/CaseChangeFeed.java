package org.tingvakt.moderation.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tingvakt.contracts.Topics;
import org.tingvakt.eventing.EventJson;
import org.tingvakt.eventing.KafkaClients;

/**
 * Case changes for the console's live queue, on every instance of the service.
 *
 * <p>Why Kafka and not an in-process event after commit: a case is created by whichever instance's classifier holds
 * the comment's partition, and decided on whichever instance a moderator's request reached, while the moderator's
 * browser is connected to one instance. Reading the topics the service publishes anyway ({@code comments.classified},
 * {@code moderation.actions}, {@code archive.requests}) gives every instance every change, after its commit (they
 * come through the outbox). Each instance reads with no consumer group — it assigns itself every partition and starts
 * at the end — so no group is created per instance and none is left behind; a live view needs only what happens from
 * now on (the browser reloads its page when it connects).
 *
 * <p>When no console is connected to this instance the feed fetches nothing (it cost ~0.03 ms of CPU per comment for
 * nobody). When the first one connects, the feed starts again from the records written since {@value #REWIND_SECONDS}
 * seconds before that moment (by record timestamp), so a change committed while the feed was waking up still reaches
 * the browser; a change seen twice is harmless (the console fetches the case by id).
 */
@ApplicationScoped
public class CaseChangeFeed {
    private static final Logger LOG = Logger.getLogger(CaseChangeFeed.class);
    private static final List<String> TOPICS =
            List.of(Topics.COMMENTS_CLASSIFIED, Topics.MODERATION_ACTIONS, Topics.ARCHIVE_REQUESTS);

    private final KafkaClients kafka;
    private final boolean enabled;
    private final BroadcastProcessor<CaseChange> changes = BroadcastProcessor.create();
    static final int REWIND_SECONDS = 5;
    /** Subscribers of {@link #changes()} now. */
    private final AtomicInteger watchers = new AtomicInteger();
    /** When the watcher count last went from 0 to 1 (epoch ms). */
    private volatile long firstWatcherAt;
    /** Records this instance's feed has fetched (for tests and the idle check). */
    private final AtomicLong fetched = new AtomicLong();

    private final Object wake = new Object();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;

    public CaseChangeFeed(
            KafkaClients kafka,
            @ConfigProperty(name = "tingvakt.console.live-queue.enabled", defaultValue = "true") boolean enabled) {
        this.kafka = kafka;
        this.enabled = enabled;
    }

    /** Every case change from now on (a hot stream: nothing is replayed but the few seconds described above). */
    public Multi<CaseChange> changes() {
        return changes.onSubscription()
                .invoke(s -> watcherJoined())
                .onTermination()
                .invoke(() -> watchers.decrementAndGet());
    }

    private void watcherJoined() {
        if (watchers.getAndIncrement() == 0) {
            firstWatcherAt = System.currentTimeMillis();
            synchronized (wake) {
                wake.notifyAll();
            }
        }
    }

    int watchers() {
        return watchers.get();
    }

    long fetched() {
        return fetched.get();
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "console-case-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        synchronized (wake) {
            wake.notifyAll();
        }
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void run() {
        Properties p = kafka.connection(); // the broker's address and, in production, its SASL/TLS settings
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "moderation-console-feed-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p)) {
                consumer = c;
                List<TopicPartition> partitions = partitions(c);
                if (partitions.isEmpty()) {
                    sleep(Duration.ofSeconds(2)); // the topics are not there yet
                    continue;
                }
                c.assign(partitions);
                c.seekToEnd(partitions);
                boolean idle = false;
                while (running) {
                    if (watchers.get() == 0) {
                        idle = true;
                        waitForWatcher();
                        continue;
                    }
                    if (idle) {
                        rewind(c, partitions, firstWatcherAt - REWIND_SECONDS * 1000L);
                        idle = false;
                    }
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                        fetched.incrementAndGet();
                        publish(r);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                // The live view is a convenience: a broker hiccup must not stop the service. Try again shortly.
                LOG.warnf("console case feed: %s; reconnecting", e.toString());
                sleep(Duration.ofSeconds(2));
            }
        }
    }

    private void waitForWatcher() {
        synchronized (wake) {
            if (watchers.get() == 0 && running) {
                try {
                    wake.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    /** Each partition to its first record written at or after {@code sinceMillis}, or to its end when there is none. */
    private static void rewind(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions, long sinceMillis) {
        Map<TopicPartition, Long> query = new java.util.HashMap<>();
        for (TopicPartition tp : partitions) {
            query.put(tp, Math.max(0, sinceMillis));
        }
        Map<TopicPartition, OffsetAndTimestamp> found = c.offsetsForTimes(query, Duration.ofSeconds(10));
        List<TopicPartition> toEnd = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp at = found.get(tp);
            if (at == null) {
                toEnd.add(tp);
            } else {
                c.seek(tp, at.offset());
            }
        }
        c.seekToEnd(toEnd);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
        List<TopicPartition> out = new ArrayList<>();
        Map<String, List<PartitionInfo>> all = c.listTopics(Duration.ofSeconds(10));
        for (String topic : TOPICS) {
            for (PartitionInfo info : all.getOrDefault(topic, List.of())) {
                out.add(new TopicPartition(topic, info.partition()));
            }
        }
        return out.size() >= TOPICS.size() ? out : List.of();
    }

    private void publish(ConsumerRecord<String, byte[]> r) {
        try {
            JsonNode e = EventJson.mapper().readTree(r.value());
            String caseId = e.path("caseId").asText(null);
            if (caseId == null) {
                return;
            }
            String accountId = e.path("accountId").asText(null);
            CaseChange change = switch (r.topic()) {
                case Topics.COMMENTS_CLASSIFIED ->
                    new CaseChange(
                            "CLASSIFIED", caseId, accountId, e.path("action").asText(null), Instant.now());
                case Topics.MODERATION_ACTIONS ->
                    new CaseChange(e.path("action").asText("CHANGED"), caseId, accountId, null, Instant.now());
                default -> new CaseChange("ARCHIVING", caseId, accountId, null, Instant.now());
            };
            changes.onNext(change);
        } catch (Exception e) {
            // Not ours to dead-letter: the service's own consumers do that for these topics. Skip it here.
            LOG.debugf("console case feed skipped an unreadable event on %s: %s", r.topic(), e.getMessage());
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
