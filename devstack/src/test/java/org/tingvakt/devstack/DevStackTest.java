package org.tingvakt.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.Topics;

/** The devstack starts a real broker and database with the topology the services expect, and leaves nothing behind. */
class DevStackTest {

    @Test
    void createsEveryTopicWithItsDeadLetterTopicAndOneDatabasePerService() throws Exception {
        DevStack stack = DevStackTestResource.stack();
        assertThat(stack.mode()).isEqualTo("embedded");
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            for (String t : Topics.ALL) {
                assertThat(topics).contains(t, Topics.deadLetter(t));
            }
            assertThat(admin.describeTopics(List.of(Topics.COMMENTS_RECEIVED))
                            .allTopicNames()
                            .get()
                            .get(Topics.COMMENTS_RECEIVED)
                            .partitions())
                    .hasSize(3);
        }
        Set<String> databases = new HashSet<>();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("postgres"), stack.username(), stack.password());
                ResultSet rs = c.createStatement().executeQuery("SELECT datname FROM pg_database")) {
            while (rs.next()) {
                databases.add(rs.getString(1));
            }
        }
        assertThat(databases).containsAll(DevStack.DATABASES);
        // the test resource hands a service its own database
        assertThat(
                        new DevStackTestResource() {
                            {
                                init(java.util.Map.of("database", "archive"));
                            }
                        }.start())
                .containsEntry("quarkus.datasource.jdbc.url", stack.jdbcUrl("archive"))
                .containsEntry("kafka.bootstrap.servers", stack.bootstrapServers())
                .containsEntry("quarkus.devservices.enabled", "false");
    }

    @Test
    void theDatabaseServerDiesWithItsJvmEvenOnSigkill() throws Exception {
        int pgPort = EmbeddedDevStack.freePort();
        int kafkaPort = EmbeddedDevStack.freePort();
        Process jvm = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Dtingvakt.devstack=embedded",
                        "-Dtingvakt.devstack.postgres-port=" + pgPort,
                        "-Dtingvakt.devstack.kafka-port=" + kafkaPort,
                        DevStackMain.class.getName(),
                        "infra")
                .redirectErrorStream(true)
                .start();
        try {
            CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        if (line.contains("Press Ctrl-C")) {
                            return true;
                        }
                    }
                    return false;
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            assertThat(ready.get(120, TimeUnit.SECONDS))
                    .as("the devstack JVM started")
                    .isTrue();
            String url = "jdbc:postgresql://localhost:" + pgPort + "/moderation";
            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
                assertThat(c.isValid(5)).isTrue();
            }

            jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            boolean stillUp = true;
            while (stillUp && System.nanoTime() < deadline) {
                try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
                    Thread.sleep(500);
                } catch (SQLException gone) {
                    stillUp = false;
                }
            }
            assertThat(stillUp).as("postgres outlived its JVM").isFalse();
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "postgres"))
                    .isInstanceOf(SQLException.class);
        } finally {
            jvm.destroyForcibly();
        }
    }
}
