package org.tingvakt.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.tingvakt.contracts.Topics;

/** Creates what the services expect to find: every topic with its dead-letter topic, and one database per service. */
final class Topology {
    private Topology() {
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
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : Topics.ALL) {
                if (!existing.contains(topic)) {
                    topics.add(new NewTopic(topic, partitions, (short) 1));
                }
                String dlq = Topics.deadLetter(topic);
                if (!existing.contains(dlq)) {
                    // Dead letters are kept for a month: long enough for someone to look and replay.
                    topics.add(new NewTopic(dlq, 1, (short) 1)
                            .configs(Map.of("retention.ms", Long.toString(TimeUnit.DAYS.toMillis(30)))));
                }
            }
            if (!topics.isEmpty()) {
                admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the Kafka topics", e);
        }
    }
}
