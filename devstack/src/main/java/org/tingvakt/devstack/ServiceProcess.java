package org.tingvakt.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service started as a separate JVM against a devstack, as in a local run or the end-to-end tests. Its output
 * goes to a log file; the {@link OrphanGuard} stops it if this JVM dies.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final TingvaktService service;
    private final int port;
    private final Path logFile;
    private final Process process;

    private ServiceProcess(TingvaktService service, int port, Path logFile, Process process) {
        this.service = service;
        this.port = port;
        this.logFile = logFile;
        this.process = process;
    }

    /**
     * Starts the service's packaged jar.
     *
     * @param extraEnvironment more variables (for example {@code TINGVAKT_OUTBOX_RELAY_ENABLED=false}); they win
     */
    public static ServiceProcess start(
            Path repositoryRoot,
            TingvaktService service,
            int port,
            DevStack stack,
            Path logDirectory,
            Map<String, String> extraEnvironment) {
        Path jar = service.runnableJar(repositoryRoot);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw package -DskipTests first");
        }
        try {
            Files.createDirectories(logDirectory);
            Path log = logDirectory.resolve(service.module() + ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            String javaOpts = System.getenv().getOrDefault("TINGVAKT_SERVICE_JAVA_OPTS", "-Xmx384m -XX:+UseSerialGC");
            for (String opt : javaOpts.trim().split("\\s+")) {
                if (!opt.isEmpty()) {
                    command.add(opt);
                }
            }
            command.add("-jar");
            command.add(jar.toString());
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(repositoryRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Map<String, String> env = pb.environment();
            env.putAll(stack.serviceEnvironment(service.database()));
            env.putAll(LocalSecrets.environment());
            env.putAll(LocalTokens.serviceEnvironment());
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.putAll(extraEnvironment);
            Process p = pb.start();
            OrphanGuard.instance().watch(p.pid(), service.module());
            return new ServiceProcess(service, port, log, p);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + service.module(), e);
        }
    }

    public static Map<String, String> env(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** Waits until {@code /q/health/ready} answers 200; fails early if the process dies. */
    public Duration awaitReady(Duration timeout) {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service.module() + " exited with " + process.exitValue()
                        + " before it was ready; see " + logFile);
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.between(start, Instant.now());
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            sleep(200);
        }
        throw new IllegalStateException(service.module() + " was not ready within " + timeout + "; see " + logFile);
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public TingvaktService service() {
        return service;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, as in a crash. */
    public void kill() {
        process.destroyForcibly();
        waitFor(10);
        OrphanGuard.instance().forget(process.pid());
    }

    /** SIGTERM, then SIGKILL after 15 seconds. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (!waitFor(15)) {
                process.destroyForcibly();
                waitFor(5);
            }
        }
        OrphanGuard.instance().forget(process.pid());
    }

    private boolean waitFor(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
