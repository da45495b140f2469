package org.tingvakt.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * The Quarkus test resource of every service's integration tests: one devstack per JVM, shared by all test classes (so
 * Quarkus does not restart per class), and the service's own database chosen by the {@code database} init argument.
 */
public class DevStackTestResource implements QuarkusTestResourceLifecycleManager {
    private static DevStack shared;
    private String database = "postgres";

    /** The running stack, for tests that talk to Kafka or PostgreSQL directly. */
    public static synchronized DevStack stack() {
        if (shared == null) {
            shared = DevStack.start(DevStack.Options.forTests());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "devstack-stop"));
        }
        return shared;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(stack().quarkusConfig(database));
        config.put("quarkus.devservices.enabled", "false");
        return config;
    }

    @Override
    public void stop() {
        // The stack lives as long as the JVM: other test classes of this module reuse it.
    }
}
