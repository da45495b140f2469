package org.tingvakt.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up time and memory of each packaged service's JVM as its image runs it: the Dockerfile's {@code JAVA_OPTS} and
 * {@code java -jar quarkus-run.jar}, prod profile, against a devstack (real Kafka and PostgreSQL). One service at a time,
 * so that they do not compete with one another. Prints, per service, the time from the process start until
 * {@code /q/health/ready} answers 200, and its resident memory (VmRSS from /proc) at that moment and after 20 s idle,
 * with its peak (VmHWM). A benchmark, not a test: the figures depend on what else the machine runs (it prints the load).
 *
 * <pre>
 * ./mvnw -q -pl moderation-service,archive-service,notifier-service -am package -DskipTests
 * TINGVAKT_SERVICE_JAVA_OPTS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError" \
 *   java -cp "devstack/target/tingvakt-devstack.jar:devstack/target/lib/*" org.tingvakt.devstack.StartupFigures
 * </pre>
 *
 * {@code TINGVAKT_SERVICE_JAVA_OPTS} must begin with the Dockerfiles' {@code JAVA_OPTS}; more options may follow, e.g.
 * {@code -XX:MaxRAM=768m} for what the JVM sees under the small overlay's memory limit (there is no cgroup limit here).
 */
public final class StartupFigures {
    private static final Pattern JAVA_OPTS = Pattern.compile("(?m)^ENV JAVA_OPTS=\"([^\"]*)\"");

    private StartupFigures() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("tingvakt.root", "."))
                .toAbsolutePath()
                .normalize();
        String opts = System.getenv().getOrDefault("TINGVAKT_SERVICE_JAVA_OPTS", "");
        for (TingvaktService s : TingvaktService.values()) {
            String image = imageJavaOpts(root, s);
            if (!opts.strip().startsWith(image)) {
                throw new IllegalStateException("set TINGVAKT_SERVICE_JAVA_OPTS to the image's JAVA_OPTS (\"" + image
                        + "\", from " + s.module() + "/src/main/docker/Dockerfile.jvm), not \"" + opts + "\"");
            }
            if (!Files.isRegularFile(s.runnableJar(root))) {
                throw new IllegalStateException(s.runnableJar(root) + " is missing: package the services first");
            }
        }
        System.out.printf(
                "JVM options: %s; java %s; cores %d; load avg %s%n",
                opts, Runtime.version(), Runtime.getRuntime().availableProcessors(), loadAverage());
        try (DevStack stack = DevStack.start(DevStack.Options.forTests());
                LocalGraphApi graph = LocalGraphApi.start(0)) {
            for (TingvaktService s : TingvaktService.values()) {
                Map<String, String> env = new HashMap<>(Map.of("TINGVAKT_DEMO", "true"));
                if (s == TingvaktService.MODERATION) {
                    env.putAll(graph.moderationEnvironment());
                }
                if (s == TingvaktService.NOTIFIER) {
                    env.put("TINGVAKT_MAIL_MOCK", "true");
                }
                String load = loadAverage();
                try (ServiceProcess p = ServiceProcess.start(
                        root, s, freePort(), stack, root.resolve("devstack/target/startup-logs"), env)) {
                    Duration ready = p.awaitReady(Duration.ofMinutes(10));
                    long rssReady = status(p.pid(), "VmRSS");
                    Thread.sleep(20_000);
                    long rssIdle = status(p.pid(), "VmRSS");
                    long peak = status(p.pid(), "VmHWM");
                    System.out.printf(
                            "%-17s ready in %,6d ms; RSS %4d MiB at ready, %4d MiB after 20 s idle, peak %4d MiB"
                                    + " (load avg at start %s)%n",
                            s.module(), ready.toMillis(), rssReady / 1024, rssIdle / 1024, peak / 1024, load);
                }
            }
        }
        System.out.printf("load avg after: %s%n", loadAverage());
    }

    /** The {@code ENV JAVA_OPTS="…"} of the service's Dockerfile.jvm. */
    static String imageJavaOpts(Path root, TingvaktService s) throws IOException {
        String dockerfile = Files.readString(root.resolve(s.module()).resolve("src/main/docker/Dockerfile.jvm"));
        Matcher m = JAVA_OPTS.matcher(dockerfile);
        if (!m.find()) {
            throw new IllegalStateException(s.module() + "'s Dockerfile.jvm sets no JAVA_OPTS");
        }
        return m.group(1).strip();
    }

    /** A field of /proc/PID/status in KiB, e.g. VmRSS. */
    private static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        throw new IllegalStateException("no " + field + " in /proc/" + pid + "/status");
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
