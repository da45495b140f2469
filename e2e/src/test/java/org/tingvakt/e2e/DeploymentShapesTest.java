package org.tingvakt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.MappingIterator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.Topics;

/**
 * The production shapes cannot run here (no Docker engine, no cluster), so the build checks what it can: that the
 * Kubernetes manifests and docker-compose.yml create every topic and give every service each environment variable its
 * prod configuration requires.
 */
class DeploymentShapesTest {
    private static final Path ROOT = Path.of(System.getProperty("tingvakt.root", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** {@code ${NAME}} without a default: the prod profile cannot start without it. */
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

    @Test
    void strimziCreatesEveryTopicAndItsDeadLetterTopic() throws IOException {
        Set<String> declared = new TreeSet<>();
        for (JsonNode doc : documents(ROOT.resolve("deploy/kubernetes/kafka.yaml"))) {
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
        Set<String> required = requiredVariables(ROOT.resolve(service + "-service/src/main/resources/application.properties"));
        assertThat(required).contains("TINGVAKT_JWT_ISSUER");

        Map<String, Set<String>> envByDeployment = new HashMap<>();
        for (JsonNode doc : documents(ROOT.resolve("deploy/kubernetes/services.yaml"))) {
            if ("Deployment".equals(doc.path("kind").asText())) {
                Set<String> names = new TreeSet<>();
                for (JsonNode c : doc.path("spec").path("template").path("spec").path("containers")) {
                    c.path("env").forEach(e -> names.add(e.path("name").asText()));
                }
                envByDeployment.put(doc.path("metadata").path("name").asText(), names);
            }
        }
        assertThat(envByDeployment.get(service + "-service")).as("Kubernetes env of " + service)
                .containsAll(required);

        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        for (String variable : required) {
            assertThat(compose).as("docker-compose.yml sets " + variable).contains(variable + ":");
        }
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
