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
