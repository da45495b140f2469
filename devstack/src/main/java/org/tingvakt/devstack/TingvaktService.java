package org.tingvakt.devstack;

import java.nio.file.Path;

/** The three services, their module folders, local ports and databases. */
public enum TingvaktService {
    MODERATION("moderation-service", 8080, "moderation"),
    ARCHIVE("archive-service", 8081, "archive"),
    NOTIFIER("notifier-service", 8082, "notifier");

    private final String module;
    private final int localPort;
    private final String database;

    TingvaktService(String module, int localPort, String database) {
        this.module = module;
        this.localPort = localPort;
        this.database = database;
    }

    public String module() {
        return module;
    }

    public int localPort() {
        return localPort;
    }

    public String database() {
        return database;
    }

    /** The packaged service (Quarkus fast-jar) below the repository root. */
    public Path runnableJar(Path repositoryRoot) {
        return repositoryRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
