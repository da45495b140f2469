package org.tingvakt.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tingvakt.e2e.deploy.DeployFiles.IMAGE_PREFIX;
import static org.tingvakt.e2e.deploy.DeployFiles.ROOT;
import static org.tingvakt.e2e.deploy.DeployFiles.SERVICES;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * The container images cannot be built here (no Docker engine, base images cannot be pulled): the build checks their
 * definitions. Each service's Dockerfile.jvm runs the Quarkus fast-jar on a pinned JRE as a non-root user, exposes the
 * service's port and carries the OCI labels; and one image name per service is used by the Dockerfile's build
 * instructions, the images workflow, docker-compose.yml and every Kubernetes overlay.
 */
class ImageDefinitionsTest {
    private static final Pattern ARG_REF = Pattern.compile("\\$\\{([A-Z_]+)}");

    @ParameterizedTest
    @ValueSource(strings = {"moderation-service", "archive-service", "notifier-service"})
    void theDockerfileRunsTheFastJarOnAPinnedJreAsANonRootUser(String service) throws IOException {
        List<String[]> instructions = instructions(dockerfile(service));

        List<String> from = arguments(instructions, "FROM");
        assertThat(from).as("one stage").hasSize(1);
        String base = from.get(0).split("\\s+")[0];
        assertPinned(base);

        List<String> users = arguments(instructions, "USER");
        assertThat(users).as(service + " sets a USER").isNotEmpty();
        String user = users.get(users.size() - 1).split(":")[0];
        assertThat(user).as("the last USER is not root").isNotIn("root", "0");
        assertThat(user)
                .as("a numeric uid, so Kubernetes' runAsNonRoot can verify it")
                .matches("[1-9][0-9]*");
        int lastUser = lastIndexOf(instructions, "USER");
        assertThat(lastIndexOf(instructions, "RUN"))
                .as("nothing runs as root after USER")
                .isLessThan(lastUser);

        assertThat(arguments(instructions, "EXPOSE"))
                .as("EXPOSE quarkus.http.port")
                .containsExactly(String.valueOf(SERVICES.get(service)));

        Map<String, String> labels = labels(instructions);
        Set<String> args = new TreeSet<>();
        arguments(instructions, "ARG").forEach(a -> args.add(a.split("=")[0].trim()));
        for (String label : List.of(
                "org.opencontainers.image.source",
                "org.opencontainers.image.revision",
                "org.opencontainers.image.version",
                "org.opencontainers.image.licenses")) {
            assertThat(labels).as(service + " labels").containsKey(label);
            Matcher m = ARG_REF.matcher(labels.get(label));
            assertThat(m.find()).as(label + " comes from a build argument").isTrue();
            assertThat(args).as("ARG " + m.group(1) + " is declared").contains(m.group(1));
        }

        String copies = String.join("\n", arguments(instructions, "COPY"));
        for (String layer : List.of(
                "target/quarkus-app/lib/boot/",
                "target/quarkus-app/lib/main/",
                "target/quarkus-app/quarkus-run.jar",
                "target/quarkus-app/quarkus/",
                "target/quarkus-app/app/")) {
            assertThat(copies).as("fast-jar layer " + layer).contains(layer);
        }
        assertThat(copies.indexOf("lib/main/"))
                .as("dependencies before the application's classes")
                .isLessThan(copies.indexOf("quarkus-app/app/"));
        assertThat(String.join(" ", arguments(instructions, "ENTRYPOINT")))
                .contains("-jar /deployments/quarkus-run.jar");
    }

    @Test
    void theWorkflowBuildsScansAndPushesEachServiceUnderItsImageName() throws IOException {
        JsonNode wf = DeployFiles.documents(ROOT.resolve(".github/workflows/images.yml"))
                .get(0);
        // YAML 1.1 reads the key `on` as true
        JsonNode on = wf.has("on") ? wf.path("on") : wf.path("true");
        assertThat(on.path("push").path("tags").toString())
                .as("pushed on release tags")
                .contains("v*");
        JsonNode job = wf.path("jobs").path("image");
        Set<String> matrix = new TreeSet<>();
        job.path("strategy").path("matrix").path("service").forEach(s -> matrix.add(s.asText()));
        assertThat(matrix).containsExactlyInAnyOrderElementsOf(SERVICES.keySet());

        String registry = wf.path("env").path("REGISTRY").asText() + "/"
                + wf.path("env").path("IMAGE_NAMESPACE").asText() + "/";
        assertThat(registry).isEqualTo(IMAGE_PREFIX);

        List<String> uses = new ArrayList<>();
        job.path("steps").forEach(step -> uses.add(step.path("uses").asText()));
        String all = job.toString();
        assertThat(all).contains("./mvnw -B -ntp package -DskipTests");
        assertThat(all).as("the image name").contains("${REGISTRY}/${IMAGE_NAMESPACE}/${{ matrix.service }}:");

        JsonNode build = stepUsing(job, "docker/build-push-action");
        assertThat(build.path("with").path("file").asText())
                .isEqualTo("${{ matrix.service }}/src/main/docker/Dockerfile.jvm");
        assertThat(build.path("with").path("context").asText()).isEqualTo("${{ matrix.service }}");
        assertThat(build.path("with").path("build-args").asText())
                .contains("VERSION=", "REVISION=", "SOURCE=", "LICENSES=");

        JsonNode trivy = stepUsing(job, "aquasecurity/trivy-action");
        assertThat(trivy.path("with").path("severity").asText()).contains("HIGH", "CRITICAL");
        assertThat(trivy.path("with").path("exit-code").asText()).isEqualTo("1");
        assertThat(uses).anyMatch(u -> u.startsWith("anchore/sbom-action"));

        // the scan and the SBOM come before the push, and pushing needs a tag push
        List<String> order = new ArrayList<>();
        job.path("steps")
                .forEach(s -> order.add(s.path("uses").asText() + s.path("run").asText()));
        int scan = indexOf(order, "aquasecurity/trivy-action");
        int push = indexOf(order, "docker push");
        assertThat(scan).isLessThan(push);
        assertThat(indexOf(order, "anchore/sbom-action")).isLessThan(push);
        JsonNode pushStep = job.path("steps").get(push);
        assertThat(pushStep.path("if").asText()).isEqualTo("github.event_name == 'push'");
        for (JsonNode step : job.path("steps")) {
            String u = step.path("uses").asText();
            if (!u.isEmpty()) {
                assertThat(u).as("actions are pinned to a version").matches(".+@v?[0-9][0-9.]*");
            }
        }
    }

    @Test
    void composeRunsTheSameImagesBuiltFromTheDockerfiles() throws IOException {
        JsonNode compose =
                DeployFiles.documents(ROOT.resolve("docker-compose.yml")).get(0);
        Map<String, String> images = new HashMap<>();
        for (String service : SERVICES.keySet()) {
            JsonNode s = compose.path("services").path(service.replace("-service", ""));
            String image = interpolated(s.path("image").asText());
            images.put(service, image);
            assertThat(repository(image)).isEqualTo(IMAGE_PREFIX + service);
            assertPinned(image);
            Path dockerfile = ROOT.resolve(s.path("build").path("context").asText())
                    .resolve(s.path("build").path("dockerfile").asText())
                    .normalize();
            assertThat(dockerfile).isEqualTo(dockerfile(service));
            assertThat(s.has("volumes"))
                    .as(service + " runs its image, not a jar mounted into a JRE")
                    .isFalse();
            assertThat(s.has("command")).isFalse();
        }
        assertThat(images).hasSize(SERVICES.size());
        for (JsonNode s : compose.path("services")) {
            String image = interpolated(s.path("image").asText());
            assertThat(image)
                    .as("compose images are pinned")
                    .doesNotEndWith(":latest")
                    .contains(":");
        }
    }

    @Test
    void everyKubernetesOverlayRunsTheImageNamedAfterItsDeployment() throws Exception {
        for (String overlay : DeployFiles.OVERLAYS) {
            Set<String> repositories = new TreeSet<>();
            for (JsonNode d : DeployFiles.ofKind(DeployFiles.rendered(overlay), "Deployment")) {
                for (JsonNode c : d.path("spec").path("template").path("spec").path("containers")) {
                    String image = c.path("image").asText();
                    assertThat(repository(image))
                            .as(overlay + ": " + DeployFiles.name(d))
                            .isEqualTo(IMAGE_PREFIX + DeployFiles.name(d));
                    assertPinned(image);
                    repositories.add(repository(image));
                }
            }
            Set<String> expected = new TreeSet<>();
            SERVICES.keySet().forEach(s -> expected.add(IMAGE_PREFIX + s));
            assertThat(repositories).as(overlay).isEqualTo(expected);
        }
    }

    /** A tag that names a release (digits and dots), or a digest: never latest, never a bare major such as 17-jre. */
    static void assertPinned(String image) {
        if (image.contains("@sha256:")) {
            return;
        }
        int colon = image.lastIndexOf(':');
        assertThat(colon).as(image + " has a tag").isGreaterThan(image.lastIndexOf('/'));
        String tag = image.substring(colon + 1);
        assertThat(tag).as(image).isNotEqualTo("latest").matches("v?[0-9]+\\.[0-9]+(\\.[0-9]+)?([._+-].*)?");
    }

    /** Compose's {@code ${NAME:-default}} with its default, as compose resolves it when NAME is not set. */
    private static String interpolated(String value) {
        return value.replaceAll("\\$\\{[A-Z0-9_]+:-([^}]*)}", "$1");
    }

    private static String repository(String image) {
        String noDigest = image.split("@")[0];
        int colon = noDigest.lastIndexOf(':');
        return colon > noDigest.lastIndexOf('/') ? noDigest.substring(0, colon) : noDigest;
    }

    private static Path dockerfile(String service) {
        return ROOT.resolve(service).resolve("src/main/docker/Dockerfile.jvm");
    }

    /** The Dockerfile's instructions (keyword, arguments), comments dropped and continuation lines joined. */
    static List<String[]> instructions(Path dockerfile) throws IOException {
        List<String[]> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(dockerfile)) {
            String t = line.strip();
            if (t.startsWith("#") || (t.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (t.endsWith("\\")) {
                current.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            current.append(t);
            String joined = current.toString().strip();
            current.setLength(0);
            if (!joined.isEmpty()) {
                String[] parts = joined.split("\\s+", 2);
                out.add(new String[] {parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""});
            }
        }
        return out;
    }

    private static List<String> arguments(List<String[]> instructions, String keyword) {
        List<String> args = new ArrayList<>();
        instructions.stream().filter(i -> i[0].equals(keyword)).forEach(i -> args.add(i[1]));
        return args;
    }

    private static int lastIndexOf(List<String[]> instructions, String keyword) {
        int last = -1;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i)[0].equals(keyword)) {
                last = i;
            }
        }
        return last;
    }

    private static Map<String, String> labels(List<String[]> instructions) {
        Map<String, String> labels = new HashMap<>();
        Pattern pair = Pattern.compile("([\\w.-]+)=\"([^\"]*)\"");
        for (String args : arguments(instructions, "LABEL")) {
            Matcher mm = pair.matcher(args);
            while (mm.find()) {
                labels.put(mm.group(1), mm.group(2));
            }
        }
        return labels;
    }

    private static JsonNode stepUsing(JsonNode job, String action) {
        for (JsonNode step : job.path("steps")) {
            if (step.path("uses").asText().startsWith(action + "@")) {
                return step;
            }
        }
        throw new AssertionError("no step uses " + action);
    }

    private static int indexOf(List<String> steps, String part) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).contains(part)) {
                return i;
            }
        }
        throw new AssertionError("no step with " + part);
    }
}
