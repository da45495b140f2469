package org.tingvakt.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.tingvakt.contracts.Topics;

/** Creates what the services expect to find: every topic with its dead-letter topic, and one database per service. */
final class Topology {
    /**
     * How long every topic and dead-letter topic keeps its events: they carry comments, senders and the ids that point
     * to them, so 7 days at most, as in production (docs/operations.md, "Retention").
     */
    static final long DEFAULT_RETENTION_MS = TimeUnit.DAYS.toMillis(7);

    static final String RETENTION_PROPERTY = "tingvakt.topic-retention-ms";
    static final String RETENTION_VARIABLE = "TINGVAKT_TOPIC_RETENTION_MS";

    private Topology() {}

    /** {@value #RETENTION_PROPERTY}, else {@value #RETENTION_VARIABLE}, else 7 days. */
    static long retentionMs() {
        return retentionMs(System.getProperty(RETENTION_PROPERTY), System.getenv(RETENTION_VARIABLE));
    }

    static long retentionMs(String property, String variable) {
        String value = property != null && !property.isBlank()
                ? property
                : variable != null && !variable.isBlank() ? variable : null;
        if (value == null) {
            return DEFAULT_RETENTION_MS;
        }
        long ms;
        try {
            ms = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("topic retention must be milliseconds, not '" + value + "'", e);
        }
        if (ms <= 0) {
            throw new IllegalArgumentException(
                    "topic retention must be positive (no topic keeps events forever): " + ms);
        }
        return ms;
    }

    static void createTopicsAndDatabases(DevStack stack, int partitions) {
        createDatabases(stack);
        createTopics(stack.bootstrapServers(), partitions);
    }

    private static void createDatabases(DevStack stack) {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("postgres"), stack.username(), stack.password());
                Statement s = c.createStatement()) {
            for (String db : DevStack.DATABASES) {
                try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + db + "'")) {
                    if (!rs.next()) {
                        s.execute("CREATE DATABASE " + db);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the service databases", e);
        }
    }

    private static void createTopics(String bootstrapServers, int partitions) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        Map<String, String> retention = Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs()));
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> topics = new ArrayList<>();
            List<String> kept = new ArrayList<>();
            for (String topic : Topics.ALL) {
                for (String name : List.of(topic, Topics.deadLetter(topic))) {
                    if (existing.contains(name)) {
                        kept.add(name);
                    } else {
                        // Dead letters: one partition, read by a person, not by a consumer group.
                        int n = name.equals(topic) ? partitions : 1;
                        topics.add(new NewTopic(name, n, (short) 1).configs(retention));
                    }
                }
            }
            if (!topics.isEmpty()) {
                // A topic another client made meanwhile (auto-creation, or this request's own retry after a slow first
                // answer under load) is there as wanted: it only needs the retention below.
                for (Map.Entry<String, KafkaFuture<Void>> created :
                        admin.createTopics(topics).values().entrySet()) {
                    try {
                        created.getValue().get(30, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                        kept.add(created.getKey());
                    }
                }
            }
            if (!kept.isEmpty()) {
                // Topics made by an earlier start against the same broker get this retention too.
                admin.incrementalAlterConfigs(retentionOf(kept, retention))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the Kafka topics", e);
        }
    }

    private static Map<ConfigResource, Collection<AlterConfigOp>> retentionOf(
            List<String> topics, Map<String, String> retention) {
        Map<ConfigResource, Collection<AlterConfigOp>> ops = new HashMap<>();
        for (String topic : topics) {
            List<AlterConfigOp> set = new ArrayList<>();
            retention.forEach((k, v) -> set.add(new AlterConfigOp(new ConfigEntry(k, v), AlterConfigOp.OpType.SET)));
            ops.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), set);
        }
        return ops;
    }
}
