package org.tingvakt.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The local run: {@code run} starts the devstack and the three packaged services and stops everything on Ctrl-C;
 * {@code infra} starts only Kafka and PostgreSQL and prints how to reach them.
 */
public final class DevStackMain {
    private DevStackMain() {}

    public static void main(String[] args) throws Exception {
        // Kafka's broker and client log every connection at INFO; a person running the stack needs only warnings.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        java.util.logging.Logger.getLogger("org.apache.kafka").setLevel(java.util.logging.Level.WARNING);
        java.util.logging.Logger.getLogger("kafka").setLevel(java.util.logging.Level.WARNING);
        String command = args.length > 0 ? args[0] : "run";
        Path root = Path.of(System.getProperty("tingvakt.root", "."))
                .toAbsolutePath()
                .normalize();
        switch (command) {
            case "run" -> run(root, true);
            case "infra" -> run(root, false);
            case "sample" -> sample(args);
            case "token" -> token(args);
            default -> {
                System.err.println("usage: DevStackMain run | infra | sample [TEXT] | token ROLE");
                System.exit(2);
            }
        }
    }

    private static void run(Path root, boolean services) throws InterruptedException {
        Instant start = Instant.now();
        if (services) {
            for (TingvaktService s : TingvaktService.values()) {
                try (java.net.ServerSocket probe = new java.net.ServerSocket(s.localPort())) {
                    probe.setReuseAddress(true);
                } catch (java.io.IOException e) {
                    System.err.printf(
                            "Port %d (%s) is in use: stop what listens there (ss -ltnp | grep %d) and try again.%n",
                            s.localPort(), s.module(), s.localPort());
                    System.exit(1);
                }
            }
        }
        System.out.println("Starting Kafka (KRaft) and PostgreSQL ...");
        DevStack.Options local = DevStack.Options.forLocalRun();
        DevStack stack = DevStack.start(new DevStack.Options(
                Integer.getInteger("tingvakt.devstack.postgres-port", local.postgresPort()),
                Integer.getInteger("tingvakt.devstack.kafka-port", local.kafkaPort()),
                local.partitions()));
        List<ServiceProcess> running = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable stopAll = () -> {
            if (stopping.compareAndSet(false, true)) {
                System.out.println("\nStopping ...");
                for (ServiceProcess p : running) {
                    p.close();
                }
                stack.close();
                stopped.countDown();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stopAll, "tingvakt-stop"));
        System.out.printf("  Kafka       %s%n", stack.bootstrapServers());
        System.out.printf(
                "  PostgreSQL  %s (user %s, password %s)%n",
                stack.jdbcUrl("<service>"), stack.username(), stack.password());
        if (services) {
            Path logs = root.resolve(".tingvakt/logs");
            // Platform actions (hide, delete, reply) go to a local stand-in for Meta's Graph API, never to Meta.
            LocalGraphApi graph = LocalGraphApi.start(Integer.getInteger("tingvakt.devstack.graph-port", 59080));
            System.out.printf(
                    "  Graph API   %s (local stand-in; GET /__calls lists what the services did)%n", graph.baseUrl());
            graph.deliverWebhooksTo(
                    java.net.URI.create(
                            "http://localhost:" + TingvaktService.MODERATION.localPort() + "/webhooks/meta"),
                    LocalSecrets.META_APP_SECRET);
            // The console signs in with OIDC; locally a stand-in whose form lets you pick a name and roles.
            LocalOidcProvider oidc = LocalOidcProvider.start(Integer.getInteger("tingvakt.devstack.oidc-port", 59090));
            System.out.printf(
                    "  Sign-in     %s (local OIDC stand-in for the console: pick a name and roles, no password)%n",
                    oidc.baseUrl());
            for (TingvaktService s : TingvaktService.values()) {
                Map<String, String> env =
                        new java.util.HashMap<>(Map.of("TINGVAKT_DEMO", "true", "TINGVAKT_LOG_JSON", "false"));
                if (s == TingvaktService.MODERATION) {
                    env.putAll(graph.moderationEnvironment());
                    env.putAll(oidc.consoleEnvironment());
                }
                if (s == TingvaktService.NOTIFIER) {
                    env.put("TINGVAKT_MAIL_MOCK", "true"); // e-mails are logged, not sent, in a local run
                }
                if (s == TingvaktService.ARCHIVE) {
                    // an access request gathers the person's data from moderation and the notifier as well
                    env.put("TINGVAKT_MODERATION_URL", "http://localhost:" + TingvaktService.MODERATION.localPort());
                    env.put("TINGVAKT_NOTIFIER_URL", "http://localhost:" + TingvaktService.NOTIFIER.localPort());
                }
                running.add(ServiceProcess.start(root, s, s.localPort(), stack, logs, env));
            }
            for (ServiceProcess p : running) {
                try {
                    p.awaitReady(Duration.ofMinutes(3));
                } catch (IllegalStateException e) {
                    System.err.println(e.getMessage());
                    printTail(p.logFile());
                    stopAll.run();
                    Runtime.getRuntime().halt(1); // everything is stopped; skip the hooks
                }
            }
            System.out.printf(
                    "%nTingvakt is ready after %.1f s:%n",
                    Duration.between(start, Instant.now()).toMillis() / 1000.0);
            for (ServiceProcess p : running) {
                System.out.printf(
                        "  %-18s %s   API docs %s/q/swagger-ui   health %s/q/health   log %s%n",
                        p.service().module(), p.baseUrl(), p.baseUrl(), p.baseUrl(), root.relativize(p.logFile()));
            }
        }
        if (services) {
            System.out.printf(
                    "%n  Console            %s/console/   (sign in through the local form above)%n",
                    running.get(0).baseUrl());
            System.out.println("\nTry it:  ./tingvakt sample \"Hvornår åbner svømmehallen?\"");
            System.out.println(
                    "         curl -s -H \"Authorization: Bearer $(./tingvakt token moderator)\" localhost:8080/api/cases");
        }
        System.out.println("\nPress Ctrl-C to stop.");
        stopped.await();
    }

    /** Prints a bearer token that the local stack accepts, for one role. */
    private static void token(String[] args) {
        java.util.List<String> roles = java.util.List.of("admin", "editor", "moderator", "analyst", "archivist");
        if (args.length < 2 || !roles.contains(args[1])) {
            System.err.println("usage: tingvakt token ROLE   (ROLE: " + String.join(", ", roles) + ")");
            System.exit(2);
        }
        System.out.println(LocalTokens.forRole(args[1]));
    }

    /** Sends one signed sample comment to the local moderation service, as Meta would. */
    private static void sample(String[] args) {
        String text = args.length > 1
                ? String.join(" ", java.util.Arrays.copyOfRange(args, 1, args.length))
                : "Hvornår åbner genbrugspladsen igen efter ombygningen?";
        String id = Long.toString(System.currentTimeMillis());
        String body = SampleWebhook.comment(
                SampleWebhook.DEMO_PAGE_ID,
                SampleWebhook.DEMO_PAGE_ID + "_1",
                SampleWebhook.DEMO_PAGE_ID + "_1_" + id,
                "9" + id,
                "Sample Citizen",
                text);
        var response = SampleWebhook.post(
                "http://localhost:" + TingvaktService.MODERATION.localPort(), LocalSecrets.META_APP_SECRET, body);
        System.out.println("POST /webhooks/meta -> " + response.statusCode() + " " + response.body());
        System.out.println(
                "See the case: curl -s -H \"Authorization: Bearer $(./tingvakt token moderator)\" localhost:8080/api/cases");
    }

    private static void printTail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.err::println);
        } catch (Exception e) {
            System.err.println("(no log at " + log + ")");
        }
    }
}
