package org.tingvakt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tingvakt.contracts.Topics;

/**
 * The production shapes cannot run here (no Docker engine, no cluster), so the build checks what it can: that the
 * Kubernetes manifests and docker-compose.yml create every topic and give every service each environment variable its
 * prod configuration requires.
 */
class DeploymentShapesTest {
    private static final Path ROOT =
            Path.of(System.getProperty("tingvakt.root", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** {@code ${NAME}} without a default: the prod profile cannot start without it. */
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

    @Test
    void strimziCreatesEveryTopicAndItsDeadLetterTopic() throws IOException {
        Set<String> declared = new TreeSet<>();
        for (JsonNode doc : documents(ROOT.resolve("deploy/kubernetes/base/kafka-topics.yaml"))) {
            if ("KafkaTopic".equals(doc.path("kind").asText())) {
                declared.add(doc.path("metadata").path("name").asText());
            }
        }
        List<String> expected = new ArrayList<>();
        for (String t : Topics.ALL) {
            expected.add(t);
            expected.add(Topics.deadLetter(t));
        }
        assertThat(declared).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"moderation", "archive", "notifier"})
    void everyRequiredVariableIsSetInKubernetesAndCompose(String service) throws IOException {
        Set<String> required =
                requiredVariables(ROOT.resolve(service + "-service/src/main/resources/application.properties"));
        assertThat(required).contains("TINGVAKT_JWT_ISSUER");

        Map<String, Set<String>> envByDeployment = new HashMap<>();
        for (JsonNode doc : documents(ROOT.resolve("deploy/kubernetes/base/services.yaml"))) {
            if ("Deployment".equals(doc.path("kind").asText())) {
                Set<String> names = new TreeSet<>();
                for (JsonNode c : doc.path("spec").path("template").path("spec").path("containers")) {
                    c.path("env").forEach(e -> names.add(e.path("name").asText()));
                }
                envByDeployment.put(doc.path("metadata").path("name").asText(), names);
            }
        }
        assertThat(envByDeployment.get(service + "-service"))
                .as("Kubernetes env of " + service)
                .containsAll(required);

        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        for (String variable : required) {
            assertThat(compose).as("docker-compose.yml sets " + variable).contains(variable + ":");
        }
    }

    /**
     * The archive's optional object storage: every {@code TINGVAKT_S3_*} variable and {@code TINGVAKT_ARCHIVE_STORAGE}
     * its configuration reads is in the Kubernetes Deployment as an optional reference (absent = PostgreSQL storage),
     * the credentials only from a Secret, never as a literal value; compose sets them too.
     */
    @Test
    void theArchivesObjectStorageVariablesAreOptionalInKubernetesWithCredentialsFromASecret() throws IOException {
        Set<String> storage = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{((TINGVAKT_S3_|TINGVAKT_ARCHIVE_STORAGE)[A-Z0-9_]*)")
                .matcher(Files.readString(ROOT.resolve("archive-service/src/main/resources/application.properties")));
        while (m.find()) {
            storage.add(m.group(1));
        }
        assertThat(storage)
                .contains(
                        "TINGVAKT_ARCHIVE_STORAGE",
                        "TINGVAKT_S3_ENDPOINT",
                        "TINGVAKT_S3_BUCKET",
                        "TINGVAKT_S3_ACCESS_KEY",
                        "TINGVAKT_S3_SECRET_KEY");
        Map<String, JsonNode> env = new HashMap<>();
        for (JsonNode doc : documents(ROOT.resolve("deploy/kubernetes/base/services.yaml"))) {
            if ("Deployment".equals(doc.path("kind").asText())
                    && "archive-service"
                            .equals(doc.path("metadata").path("name").asText())) {
                for (JsonNode c : doc.path("spec").path("template").path("spec").path("containers")) {
                    c.path("env").forEach(e -> env.put(e.path("name").asText(), e));
                }
            }
        }
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        for (String variable : storage) {
            assertThat(env).as("Kubernetes env of archive sets " + variable).containsKey(variable);
            JsonNode e = env.get(variable);
            assertThat(e.has("value")).as(variable + " has no literal value").isFalse();
            JsonNode ref = e.path("valueFrom").has("secretKeyRef")
                    ? e.path("valueFrom").path("secretKeyRef")
                    : e.path("valueFrom").path("configMapKeyRef");
            assertThat(ref.path("optional").asBoolean())
                    .as(variable + " is optional")
                    .isTrue();
            if (variable.endsWith("_ACCESS_KEY") || variable.endsWith("_SECRET_KEY")) {
                assertThat(e.path("valueFrom").has("secretKeyRef"))
                        .as(variable + " comes from a Secret")
                        .isTrue();
            }
            assertThat(compose).as("docker-compose.yml sets " + variable).contains(variable + ":");
        }
    }

    /**
     * The generic webhook signs with each account's own secret. Kubernetes gives moderation every key of the optional
     * Secret {@code tingvakt-generic-webhook-secrets} under the prefix that MicroProfile Config maps to
     * {@code tingvakt.generic-webhook.account-secret.<account id>}, so a key can only ever be an account's secret;
     * compose reads an optional env file of such variables. Neither sets the shared secret, nor allows it.
     */
    @Test
    void genericWebhookSecretsArePerAccountFromSecretsAndNeverShared() throws IOException {
        String prefix = "TINGVAKT_GENERIC_WEBHOOK_ACCOUNT_SECRET_";
        // The prefix is the environment form of the property moderation reads (its test profile names one account).
        String property =
                Files.readAllLines(ROOT.resolve("moderation-service/src/main/resources/application.properties"))
                        .stream()
                        .filter(l -> l.startsWith("%test.tingvakt.generic-webhook.account-secret."))
                        .map(l -> l.substring("%test.".length(), l.indexOf('=')))
                        .findFirst()
                        .orElseThrow();
        String account = property.substring(property.lastIndexOf('.') + 1);
        assertThat(property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT))
                .isEqualTo(prefix + account.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT));

        List<String> shared =
                List.of("TINGVAKT_GENERIC_WEBHOOK_SECRET", "TINGVAKT_GENERIC_WEBHOOK_SHARED_SECRET_ALLOWED");
        JsonNode moderationEnvFrom = null;
        for (JsonNode doc : documents(ROOT.resolve("deploy/kubernetes/base/services.yaml"))) {
            if (!"Deployment".equals(doc.path("kind").asText())) {
                continue;
            }
            for (JsonNode c : doc.path("spec").path("template").path("spec").path("containers")) {
                c.path("env")
                        .forEach(e -> assertThat(shared)
                                .as(doc.path("metadata").path("name").asText() + " sets no shared webhook secret")
                                .doesNotContain(e.path("name").asText()));
                if ("moderation-service"
                        .equals(doc.path("metadata").path("name").asText())) {
                    moderationEnvFrom = c.path("envFrom");
                }
            }
        }
        assertThat(moderationEnvFrom).isNotNull();
        assertThat(moderationEnvFrom).hasSize(1);
        JsonNode from = moderationEnvFrom.get(0);
        assertThat(from.path("prefix").asText()).isEqualTo(prefix);
        assertThat(from.has("configMapRef")).as("secrets come from a Secret").isFalse();
        assertThat(from.path("secretRef").path("name").asText()).isEqualTo("tingvakt-generic-webhook-secrets");
        assertThat(from.path("secretRef").path("optional").asBoolean())
                .as("without GENERIC accounts the Secret need not exist")
                .isTrue();

        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        for (String variable : shared) {
            assertThat(compose)
                    .as("docker-compose.yml does not name " + variable)
                    .doesNotContain(variable);
        }
        JsonNode envFile = documents(ROOT.resolve("docker-compose.yml"))
                .get(0)
                .path("services")
                .path("moderation")
                .path("env_file");
        assertThat(envFile.isArray()).isTrue();
        assertThat(envFile.get(0).path("path").asText()).isEqualTo("./generic-webhook-secrets.env");
        assertThat(envFile.get(0).path("required").asBoolean(true)).isFalse();
        assertThat(Files.readString(ROOT.resolve(".gitignore")))
                .as("the env file with the secrets is never committed")
                .contains("generic-webhook-secrets.env");
    }

    /**
     * docker-compose.yml as a host would run it: each service has a memory limit and a healthcheck that asks its own
     * port's {@code /q/health/ready}; the backup job runs the checked-in {@code deploy/compose/pg-backup.sh} (the script
     * the backup tests run), with PostgreSQL's password from the environment, its dumps in a volume outside the
     * container, and the pg_dump of the server's own major version.
     */
    @Test
    void composeServicesHaveLimitsAndReadinessChecksAndTheBackupJobRunsTheTestedScript() throws IOException {
        JsonNode compose = documents(ROOT.resolve("docker-compose.yml")).get(0);
        Map<String, Integer> ports = Map.of("moderation", 8080, "archive", 8081, "notifier", 8082);
        for (var e : ports.entrySet()) {
            JsonNode service = composeService(compose, e.getKey());
            assertThat(service.path("mem_limit").asText())
                    .as(e.getKey() + " mem_limit")
                    .matches("[0-9]+[mg]");
            List<String> test = new ArrayList<>();
            service.path("healthcheck").path("test").forEach(t -> test.add(t.asText()));
            assertThat(test).as(e.getKey() + " healthcheck").isNotEmpty();
            String command = String.join(" ", test);
            assertThat(command)
                    .as(e.getKey() + " healthcheck asks its own readiness")
                    .contains("/dev/tcp/127.0.0.1/" + e.getValue())
                    .contains("GET /q/health/ready ")
                    .contains(" 200 ");
            assertThat(service.path("ports").get(0).asText()).endsWith(":" + e.getValue());
        }

        JsonNode backup = composeService(compose, "backup");
        assertThat(backup.path("mem_limit").asText()).matches("[0-9]+[mg]");
        List<String> entrypoint = new ArrayList<>();
        backup.path("entrypoint").forEach(t -> entrypoint.add(t.asText()));
        assertThat(entrypoint).containsExactly("sh", "/opt/tingvakt/pg-backup.sh");
        Map<String, String> mounts = new HashMap<>();
        backup.path("volumes").forEach(v -> {
            // source:target[:ro], where the source may be ${VARIABLE:-default}
            String volume = v.asText().replaceAll(":(ro|rw)$", "");
            int colon = volume.lastIndexOf(':');
            mounts.put(volume.substring(colon + 1), volume.substring(0, colon));
        });
        assertThat(mounts).containsEntry("/opt/tingvakt/pg-backup.sh", "./deploy/compose/pg-backup.sh");
        assertThat(ROOT.resolve("deploy/compose/pg-backup.sh")).isRegularFile();
        JsonNode env = backup.path("environment");
        String dir = env.path("TINGVAKT_BACKUP_DIR").asText();
        assertThat(mounts)
                .as("the dumps land in a volume, outside the container")
                .containsKey(dir);
        assertThat(env.path("PGHOST").asText()).isEqualTo("postgres");
        assertThat(env.path("PGPASSWORD").asText()).matches("\\$\\{TINGVAKT_DB_PASSWORD:\\?[^}]*}");
        String server = composeService(compose, "postgres").path("image").asText();
        assertThat(backup.path("image").asText())
                .as("the backup's pg_dump is the server's major version")
                .isEqualTo(server);
        assertThat(Files.readString(ROOT.resolve(".gitignore"))).contains("backups/");
    }

    /** A service of docker-compose.yml with its {@code <<: *name} merge resolved (the anchor of {@code x-name}). */
    private static JsonNode composeService(JsonNode compose, String name) {
        JsonNode service = compose.path("services").path(name);
        assertThat(service.isObject())
                .as("docker-compose.yml has the service " + name)
                .isTrue();
        return merged(compose, service);
    }

    private static JsonNode merged(JsonNode compose, JsonNode node) {
        if (!node.isObject()) {
            return node;
        }
        com.fasterxml.jackson.databind.node.ObjectNode out = YAML.createObjectNode();
        JsonNode base = node.path("<<");
        if (!base.isMissingNode()) {
            JsonNode anchored = compose.path("x-" + base.asText());
            assertThat(anchored.isObject())
                    .as("the anchor " + base.asText() + " is x-" + base.asText())
                    .isTrue();
            out.setAll((com.fasterxml.jackson.databind.node.ObjectNode) merged(compose, anchored));
        }
        node.fields().forEachRemaining(f -> {
            if (!"<<".equals(f.getKey())) {
                out.set(f.getKey(), merged(compose, f.getValue()));
            }
        });
        return out;
    }

    private static Set<String> requiredVariables(Path properties) throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(properties)) {
            if (line.startsWith("#") || line.startsWith("%")) {
                continue; // comments and other profiles' values
            }
            Matcher m = REQUIRED.matcher(line);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static List<JsonNode> documents(Path yaml) throws IOException {
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml.toFile())) {
            List<JsonNode> docs = new ArrayList<>();
            while (it.hasNext()) {
                JsonNode d = it.next();
                if (d != null && !d.isNull() && !d.isMissingNode()) {
                    docs.add(d);
                }
            }
            return docs;
        }
    }
}
