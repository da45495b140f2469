package org.tingvakt.devstack;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The same stack from Testcontainers, used automatically when a Docker engine is present. */
final class ContainerDevStack implements DevStack {
    private final PostgreSQLContainer postgres;
    private final KafkaContainer kafka;

    private ContainerDevStack(PostgreSQLContainer postgres, KafkaContainer kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    static boolean dockerAvailable() {
        // Ask Testcontainers only when an engine may be there: its own probe logs errors on every machine without one.
        if (System.getenv("DOCKER_HOST") == null
                && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static ContainerDevStack start(Options options) {
        PostgreSQLContainer pg = new PostgreSQLContainer("postgres:17-alpine")
                .withDatabaseName("postgres")
                .withUsername("postgres")
                .withPassword("postgres");
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.0");
        pg.start();
        kafka.start();
        return new ContainerDevStack(pg, kafka);
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/" + database;
    }

    @Override
    public String username() {
        return postgres.getUsername();
    }

    @Override
    public String password() {
        return postgres.getPassword();
    }

    @Override
    public String mode() {
        return "containers";
    }

    @Override
    public void close() {
        kafka.stop();
        postgres.stop();
    }
}
