package org.tingvakt.devstack;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * PostgreSQL (zonky's embedded binaries, a real server process) and a KRaft Kafka broker inside this JVM. The postgres
 * process is watched by an {@link OrphanGuard}, so it dies with this JVM even when the JVM is killed with SIGKILL.
 */
final class EmbeddedDevStack implements DevStack {
    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    private final EmbeddedKafkaBroker kafka;
    private final long postmasterPid;

    private EmbeddedDevStack(EmbeddedPostgres postgres, EmbeddedKafkaBroker kafka, long postmasterPid) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.postmasterPid = postmasterPid;
    }

    static EmbeddedDevStack start(Options options) {
        EmbeddedPostgres pg = null;
        try {
            Path dataDir = Files.createTempDirectory("tingvakt-pg-");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(portOrFree(options.postgresPort()))
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off");
            // Benchmarks may override server settings, e.g. -Dtingvakt.devstack.postgres.config=fsync=on,
            // synchronous_commit=on,shared_preload_libraries=pg_stat_statements (comma-separated key=value).
            for (String kv :
                    System.getProperty("tingvakt.devstack.postgres.config", "").split(",")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    builder.setServerConfig(
                            kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                }
            }
            pg = builder.start();
            long pid = postmasterPid(dataDir);
            OrphanGuard.instance().watch(pid, "postgres");
            int kafkaPort = portOrFree(options.kafkaPort());
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                    .withNodeId(1)
                    .withKafkaPort(kafkaPort)
                    .withControllerPort(freePort())
                    .withKafkaHost("localhost")
                    .withDeleteLogDirsOnClose(true)
                    .withAdditionalProperties(p -> {
                        p.put("offsets.topic.replication.factor", "1");
                        p.put("offsets.topic.num.partitions", "5");
                        p.put("transaction.state.log.replication.factor", "1");
                        p.put("transaction.state.log.min.isr", "1");
                        p.put("group.initial.rebalance.delay.ms", "0");
                        p.put("num.partitions", Integer.toString(options.partitions()));
                        p.put("auto.create.topics.enable", "true");
                    })
                    .start();
            return new EmbeddedDevStack(pg, broker, pid);
        } catch (IOException e) {
            closeQuietly(pg);
            throw new UncheckedIOException("could not start the embedded devstack", e);
        } catch (RuntimeException e) {
            closeQuietly(pg);
            throw e;
        }
    }

    private static long postmasterPid(Path dataDir) throws IOException {
        // postmaster.pid's first line is the server's pid (PostgreSQL's documented file layout).
        List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
        return Long.parseLong(lines.get(0).trim());
    }

    private static int portOrFree(int port) {
        return port > 0 ? port : freePort();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException | RuntimeException ignored) {
                // already failing; the orphan guard stops a server left behind
            }
        }
    }

    @Override
    public String bootstrapServers() {
        return kafka.getAdvertisedListeners().replaceFirst("^[A-Z_]+://", "");
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    @Override
    public String username() {
        return USER;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    @Override
    public String mode() {
        return "embedded";
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            closeQuietly(postgres);
            OrphanGuard.instance().forget(postmasterPid);
        }
    }
}
