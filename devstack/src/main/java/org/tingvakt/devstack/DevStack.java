package org.tingvakt.devstack;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A running Kafka broker and PostgreSQL server for local runs and tests: in-process without Docker, or Testcontainers
 * when a Docker engine is there. {@link #start(Options)} picks; the system property {@value #MODE_PROPERTY}
 * ({@code embedded}, {@code containers} or {@code auto}) forces either.
 */
public interface DevStack extends AutoCloseable {

    String MODE_PROPERTY = "tingvakt.devstack";

    /** One database per service; each service owns its schema and never reads another's. */
    List<String> DATABASES = List.of("moderation", "archive", "notifier");

    String bootstrapServers();

    String jdbcUrl(String database);

    String username();

    String password();

    /** Where the stack came from: {@code embedded} or {@code containers}. */
    String mode();

    /** The settings a Quarkus service needs to reach this stack, for one database. */
    default Map<String, String> quarkusConfig(String database) {
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl(database),
                "quarkus.datasource.username", username(),
                "quarkus.datasource.password", password(),
                "kafka.bootstrap.servers", bootstrapServers());
    }

    /** The same as environment variables, as the services read them in the prod profile. */
    default Map<String, String> serviceEnvironment(String database) {
        return Map.of(
                "TINGVAKT_DB_URL", jdbcUrl(database),
                "TINGVAKT_DB_USER", username(),
                "TINGVAKT_DB_PASSWORD", password(),
                "TINGVAKT_KAFKA", bootstrapServers());
    }

    @Override
    void close();

    /** Ports (0 = any free port) and topic layout. */
    record Options(int postgresPort, int kafkaPort, int partitions) {
        public static Options forTests() {
            return new Options(0, 0, 3);
        }

        public static Options forLocalRun() {
            return new Options(55432, 59092, 3);
        }
    }

    static DevStack start(Options options) {
        String mode = Optional.ofNullable(System.getProperty(MODE_PROPERTY)).orElse("auto");
        boolean containers = switch (mode) {
            case "embedded" -> false;
            case "containers" -> true;
            case "auto" -> ContainerDevStack.dockerAvailable();
            default ->
                throw new IllegalArgumentException(
                        MODE_PROPERTY + " must be embedded, containers or auto, not " + mode);
        };
        DevStack stack = containers ? ContainerDevStack.start(options) : EmbeddedDevStack.start(options);
        Topology.createTopicsAndDatabases(stack, options.partitions());
        return stack;
    }
}
