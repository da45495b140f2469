package org.tingvakt.archive;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.tingvakt.devstack.DevStack;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.PostgresCluster;

/**
 * The archive service of {@link BackupRestoreTest} on its own PostgreSQL 15 cluster (so that Debian 12's pg_dump 15 can
 * dump it) and the devstack's Kafka. {@link #replaceWithFreshCluster()} stops that cluster and starts a new one on the same
 * port, as a restore onto a rebuilt database server looks to the running service.
 */
public class Postgres15Resource implements QuarkusTestResourceLifecycleManager {
    static final String DATABASE = "archive";
    static final String BINARIES_PROPERTY = "tingvakt.backup-test.postgres-binaries";

    private static volatile PostgresCluster cluster;

    static Path binaries() {
        String jar = System.getProperty(BINARIES_PROPERTY);
        if (jar == null) {
            throw new IllegalStateException(BINARIES_PROPERTY + " is not set (archive-service's pom sets it)");
        }
        return Path.of(jar);
    }

    /** The cluster the service uses now. */
    static PostgresCluster cluster() {
        return cluster;
    }

    /** Stops the service's cluster and starts an empty new one, with {@value #DATABASE} created, on the same port. */
    static PostgresCluster replaceWithFreshCluster() {
        int port = cluster.port();
        cluster.close();
        cluster = PostgresCluster.start(binaries(), port);
        cluster.createDatabase(DATABASE);
        return cluster;
    }

    @Override
    public Map<String, String> start() {
        cluster = PostgresCluster.start(binaries(), 0);
        cluster.createDatabase(DATABASE);
        DevStack stack = DevStackTestResource.stack();
        Map<String, String> config = new HashMap<>(stack.quarkusConfig(DATABASE));
        config.put("quarkus.datasource.jdbc.url", cluster.jdbcUrl(DATABASE));
        config.put("quarkus.datasource.username", cluster.username());
        config.put("quarkus.datasource.password", cluster.password());
        config.put("quarkus.devservices.enabled", "false");
        return config;
    }

    @Override
    public void stop() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }
}
