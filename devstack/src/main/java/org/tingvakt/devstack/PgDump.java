package org.tingvakt.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine's {@code pg_dump} and {@code pg_restore} (Debian's {@code postgresql-client}), as an operator runs them.
 * Missing tools are an error with the fix in its message, never a reason to skip: {@code .ci/run} installs them.
 */
public final class PgDump {
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    private PgDump() {}

    /** {@code pg_dump -Fc} of {@code database} into {@code file}. */
    public static void dump(PostgresCluster cluster, String database, Path file) {
        requireClientFor(cluster);
        run(
                cluster,
                List.of(
                        tool("pg_dump"),
                        "-h",
                        "localhost",
                        "-p",
                        Integer.toString(cluster.port()),
                        "-U",
                        cluster.username(),
                        "-Fc",
                        "-f",
                        file.toString(),
                        database));
    }

    /** {@code pg_restore --no-owner --exit-on-error} of {@code file} into the existing, empty {@code database}. */
    public static void restore(PostgresCluster cluster, String database, Path file) {
        requireClientFor(cluster);
        run(
                cluster,
                List.of(
                        tool("pg_restore"),
                        "-h",
                        "localhost",
                        "-p",
                        Integer.toString(cluster.port()),
                        "-U",
                        cluster.username(),
                        "-d",
                        database,
                        "--no-owner",
                        "--exit-on-error",
                        file.toString()));
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

    private static void run(PostgresCluster cluster, List<String> command) {
        Process p = start(command, cluster.password());
        String out = read(p, command);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + out);
        }
    }

    private static String output(List<String> command) {
        Process p = start(command, null);
        return read(p, command);
    }

    private static Process start(List<String> command, String password) {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        if (password != null) {
            pb.environment().put("PGPASSWORD", password);
        }
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
