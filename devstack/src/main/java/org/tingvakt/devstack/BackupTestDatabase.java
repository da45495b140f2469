package org.tingvakt.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The Quarkus test resource of the backup tests: the service's database on a PostgreSQL 15 cluster of its own (so that
 * Debian 12's pg_dump 15 can dump it; docs/operations.md, "Backup and restore"), Kafka and the rest from the devstack.
 * Init argument {@code database}: the service's database. The binaries jar is named by the system property
 * {@value #BINARIES_PROPERTY}, which the service's pom sets.
 *
 * <p>{@link #restoreIntoFreshCluster(Path)} replaces the cluster with a newly initialised one on the same port and
 * restores a dump there, as a restore onto a rebuilt database server looks to the running service.
 */
public class BackupTestDatabase implements QuarkusTestResourceLifecycleManager {
    public static final String BINARIES_PROPERTY = "tingvakt.backup-test.postgres-binaries";

    private static volatile PostgresCluster cluster;
    private static volatile String database;

    @Override
    public void init(Map<String, String> initArgs) {
        String name = initArgs.get("database");
        if (name == null) {
            throw new IllegalArgumentException("BackupTestDatabase needs the init argument 'database'");
        }
        database = name;
    }

    /** The cluster the service uses now. */
    public static PostgresCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("BackupTestDatabase is not the test resource of this test");
        }
        return cluster;
    }

    /** The service's database. */
    public static String database() {
        return database;
    }

    /** The service's database dumped by {@code deploy/compose/pg-backup.sh} ({@code pg_dump -Fc}), while it runs. */
    public static void dump(Path file) {
        PgDump.dump(cluster(), database, file);
    }

    /**
     * Stops the service's cluster, initialises a new one on the same port and restores {@code dump} into it with
     * {@code deploy/compose/pg-backup.sh restore}. The dump is restored into a database of another name and renamed when
     * complete, so the running service (which cannot be
     * stopped inside its own test) never writes into a half-restored database; an operator stops the service instead
     * (docs/operations.md).
     */
    public static PostgresCluster restoreIntoFreshCluster(Path dump) {
        int port = cluster().port();
        cluster.close();
        PostgresCluster fresh = PostgresCluster.start(binaries(), port);
        cluster = fresh;
        String restoring = database + "_restoring";
        PgDump.restore(fresh, restoring, dump);
        fresh.renameDatabase(restoring, database);
        return fresh;
    }

    private static Path binaries() {
        String jar = System.getProperty(BINARIES_PROPERTY);
        if (jar == null) {
            throw new IllegalStateException(BINARIES_PROPERTY + " is not set (the service's pom sets it)");
        }
        return Path.of(jar);
    }

    @Override
    public Map<String, String> start() {
        cluster = PostgresCluster.start(binaries(), 0);
        cluster.createDatabase(database);
        Map<String, String> config = new HashMap<>(DevStackTestResource.stack().quarkusConfig(database));
        config.put("quarkus.datasource.jdbc.url", cluster.jdbcUrl(database));
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

    /**
     * After {@link DevStackTestResource} (0) and {@link DatabaseOutage} (1), which are global test resources of the
     * services' tests and also name the datasource: the one started last wins, and a backup test's service must write
     * to this PostgreSQL 15 cluster, whose major version the dump tools match.
     */
    @Override
    public int order() {
        return 2;
    }
}
