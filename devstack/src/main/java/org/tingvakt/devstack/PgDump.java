package org.tingvakt.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The backup and restore of docker-compose's {@code backup} service, {@code deploy/compose/pg-backup.sh}, run with the
 * machine's {@code pg_dump} and {@code pg_restore} (Debian's {@code postgresql-client}) against a given server: the tests
 * run the very commands docs/operations.md gives. Missing tools are an error with the fix in its message, never a reason
 * to skip: {@code .ci/run} installs them. The script is found below the repository root, the system property
 * {@code tingvakt.root} (default: the parent of the working directory, as Maven runs a module's tests).
 */
public final class PgDump {
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    private PgDump() {}

    /** {@code pg-backup.sh backup} of {@code database} alone; the dump it writes is moved to {@code file}. */
    public static void dump(PostgresCluster cluster, String database, Path file) {
        requireClientFor(cluster);
        Path dir;
        try {
            dir = Files.createTempDirectory("tingvakt-backup-");
        } catch (IOException e) {
            throw new IllegalStateException("no temporary folder for the dump", e);
        }
        try {
            String written = run(
                    cluster,
                    List.of("sh", script().toString(), "backup"),
                    Map.of("TINGVAKT_BACKUP_DIR", dir.toString(), "TINGVAKT_BACKUP_DATABASES", database));
            Path dump = Path.of(written.lines().reduce((a, b) -> b).orElse(""));
            if (!dump.startsWith(dir) || !Files.isRegularFile(dump)) {
                throw new IllegalStateException("pg-backup.sh named no dump in " + dir + ": " + written);
            }
            Files.move(dump, file, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(dir);
        } catch (IOException e) {
            throw new IllegalStateException("could not move the dump to " + file, e);
        }
    }

    /** {@code pg-backup.sh restore database file}: {@code database} dropped, created anew and restored. */
    public static void restore(PostgresCluster cluster, String database, Path file) {
        requireClientFor(cluster);
        run(cluster, List.of("sh", script().toString(), "restore", database, file.toString()), Map.of());
    }

    /** The compose backup script, as checked in. */
    public static Path script() {
        Path root = Path.of(System.getProperty("tingvakt.root", ".."))
                .toAbsolutePath()
                .normalize();
        Path script = root.resolve("deploy/compose/pg-backup.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("no " + script + " (set -Dtingvakt.root to the repository's root)");
        }
        return script;
    }

    /** pg_dump refuses a server of a newer major version than its own: say so before it does. */
    private static void requireClientFor(PostgresCluster cluster) {
        String version = output(List.of(tool("pg_dump"), "--version"));
        Matcher m = VERSION.matcher(version);
        if (!m.find()) {
            throw new IllegalStateException("cannot read the version of pg_dump: " + version);
        }
        int client = Integer.parseInt(m.group(1));
        int server = cluster.majorVersion();
        if (client < server) {
            throw new IllegalStateException("pg_dump " + client + " cannot dump a PostgreSQL " + server
                    + " server; install a postgresql-client of " + server + " or later");
        }
    }

    private static String tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new IllegalStateException(name + " is not installed (not on PATH). The backup test needs PostgreSQL's "
                + "client tools: apt-get install postgresql-client (.ci/run installs it when missing)");
    }

    /** Runs {@code command} against {@code cluster} (libpq's environment); its output, or an error if it failed. */
    private static String run(PostgresCluster cluster, List<String> command, Map<String, String> environment) {
        tool("pg_dump");
        tool("pg_restore");
        Map<String, String> env = new HashMap<>(environment);
        env.put("PGHOST", "localhost");
        env.put("PGPORT", Integer.toString(cluster.port()));
        env.put("PGUSER", cluster.username());
        env.put("PGPASSWORD", cluster.password());
        Process p = start(command, env);
        String out = read(p, command);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + out);
        }
        return out;
    }

    private static String output(List<String> command) {
        Process p = start(command, Map.of());
        return read(p, command);
    }

    private static Process start(List<String> command, Map<String, String> environment) {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        pb.environment().putAll(environment);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command.get(0), e);
        }
    }

    private static String read(Process p, List<String> command) {
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within 5 minutes");
            }
            return out.strip();
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + command.get(0) + "'s output", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + command.get(0) + " ran", e);
        }
    }
}
