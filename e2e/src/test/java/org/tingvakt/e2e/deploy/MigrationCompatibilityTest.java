package org.tingvakt.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rolling-upgrade rule (docs/operations.md, "Upgrades"): every migration added since the previous release leaves
 * the schema usable by that release, which keeps running beside the new one until the rollout ends. Only additions:
 * new tables, indexes, nullable columns or columns with a default; no drop, rename, type change or new NOT NULL on what
 * the previous release writes.
 */
class MigrationCompatibilityTest {
    /** The previous release (git commit f204984): the last migration each location had then. */
    static final Map<String, String> PREVIOUS_RELEASE_LAST = Map.of(
            "moderation-service/src/main/resources/db/migration", "40.2",
            "archive-service/src/main/resources/db/migration", "8",
            "notifier-service/src/main/resources/db/migration", "3",
            "eventing/src/main/resources/db/eventing", "0.1");

    private static final Pattern VERSION = Pattern.compile("^V([0-9_]+)__.*\\.sql$");
    private static final List<String> ADDITIONS =
            List.of("CREATE TABLE ", "CREATE INDEX ", "CREATE UNIQUE INDEX ", "COMMENT ON ", "CREATE SEQUENCE ");

    @Test
    void migrationsSinceThePreviousReleaseOnlyAdd() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, String> location : PREVIOUS_RELEASE_LAST.entrySet()) {
            for (Path migration : newerThan(DeployFiles.ROOT.resolve(location.getKey()), location.getValue())) {
                checked++;
                for (String statement : statements(Files.readString(migration))) {
                    String why = incompatibility(statement);
                    if (why != null) {
                        problems.add(migration.getFileName() + ": " + why + ": " + statement);
                    }
                }
            }
        }
        assertThat(checked).as("migrations since the previous release").isGreaterThanOrEqualTo(6);
        assertThat(problems).isEmpty();
    }

    @Test
    void aServiceStartsOnASchemaANewerReleaseMigrated() throws IOException {
        // Without it, Flyway refuses "applied migration not resolved locally": the previous release's jar failed so
        // against this release's schema (docs/operations.md, "Upgrades").
        for (String service : List.of("moderation-service", "archive-service", "notifier-service")) {
            assertThat(Files.readAllLines(
                            DeployFiles.ROOT.resolve(service + "/src/main/resources/application.properties")))
                    .as(service)
                    .contains("quarkus.flyway.ignore-migration-patterns=*:future");
        }
    }

    @Test
    void theRuleRefusesWhatWouldBreakThePreviousRelease() {
        assertThat(incompatibility("ALTER TABLE a ADD COLUMN b TEXT")).isNull();
        assertThat(incompatibility("ALTER TABLE a ADD COLUMN b TEXT NOT NULL DEFAULT 'x', ADD COLUMN c INT"))
                .isNull();
        assertThat(incompatibility("CREATE TABLE t (id INT PRIMARY KEY, n TEXT NOT NULL)"))
                .isNull();
        assertThat(incompatibility("ALTER TABLE a ADD COLUMN b TEXT NOT NULL")).isNotNull();
        assertThat(incompatibility("ALTER TABLE a DROP COLUMN b")).isNotNull();
        assertThat(incompatibility("ALTER TABLE a RENAME COLUMN b TO c")).isNotNull();
        assertThat(incompatibility("ALTER TABLE a ALTER COLUMN b SET NOT NULL")).isNotNull();
        assertThat(incompatibility("ALTER TABLE a ALTER COLUMN b TYPE BIGINT")).isNotNull();
        assertThat(incompatibility("ALTER TABLE a ADD CONSTRAINT c CHECK (b > 0)"))
                .isNotNull();
        assertThat(incompatibility("DROP TABLE a")).isNotNull();
        assertThat(incompatibility("UPDATE a SET b = 1")).isNotNull();
    }

    /** Null if the statement leaves the previous release working, else why not. */
    static String incompatibility(String statement) {
        String s = statement.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
        if (ADDITIONS.stream().anyMatch(s::startsWith)) {
            return null;
        }
        if (!s.startsWith("ALTER TABLE ")) {
            return "not an addition (drops, renames, updates and backfills wait for the release after)";
        }
        String[] parts = s.split("\\bADD COLUMN\\b");
        if (parts.length < 2
                || parts[0].contains(",")
                || !parts[0].matches("ALTER TABLE (IF EXISTS )?[A-Z0-9_.\"]+ ")) {
            return "an ALTER TABLE that does more than add columns";
        }
        for (String column : Arrays.asList(parts).subList(1, parts.length)) {
            if (column.matches(".*\\b(DROP|RENAME|ALTER|TYPE)\\b.*")) {
                return "an ALTER TABLE that does more than add columns";
            }
            if (column.contains("NOT NULL") && !column.contains("DEFAULT")) {
                return "a NOT NULL column without a default (the previous release's inserts would fail)";
            }
        }
        return null;
    }

    private static List<Path> newerThan(Path folder, String lastVersion) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> {
                        Matcher m = VERSION.matcher(f.getFileName().toString());
                        return m.matches() && compare(m.group(1).replace('_', '.'), lastVersion) > 0;
                    })
                    .sorted()
                    .toList();
        }
    }

    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    /** The statements of a migration, without comments. */
    static List<String> statements(String sql) {
        String withoutComments = sql.replaceAll("(?m)--.*$", "");
        List<String> statements = new ArrayList<>();
        for (String s : withoutComments.split(";")) {
            if (!s.isBlank()) {
                statements.add(s.trim());
            }
        }
        return statements;
    }
}
