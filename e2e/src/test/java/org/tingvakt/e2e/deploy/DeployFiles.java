package org.tingvakt.e2e.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The deployment files of the repository, read as data: YAML documents, rendered Kustomize overlays, service ports. */
final class DeployFiles {
    static final Path ROOT =
            Path.of(System.getProperty("tingvakt.root", "..")).toAbsolutePath().normalize();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();
    /** The three services and the HTTP port each listens on ({@code quarkus.http.port}). */
    static final Map<String, Integer> SERVICES = servicePorts();

    static final String IMAGE_PREFIX = "ghcr.io/tingvakt/";
    static final List<String> OVERLAYS = List.of("small", "regional");

    private DeployFiles() {}

    static List<JsonNode> documents(Path yaml) throws IOException {
        return documents(Files.readString(yaml));
    }

    static List<JsonNode> documents(String yaml) throws IOException {
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
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

    /**
     * Whether {@code kubectl} is on the PATH (it renders the overlays; without it only the base is read).
     * {@code -Dtingvakt.kubectl=false} reads the base even when it is.
     */
    static boolean kubectl() {
        if ("false".equals(System.getProperty("tingvakt.kubectl"))) {
            return false;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "kubectl"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The objects of {@code deploy/kubernetes/overlays/<overlay>} as {@code kubectl kustomize} renders them. Without
     * kubectl, the base's resources as written (the overlay's patches not applied): the checks that hold for every
     * overlay still run on them.
     */
    static List<JsonNode> rendered(String overlay) throws IOException, InterruptedException {
        Path dir = ROOT.resolve("deploy/kubernetes/overlays").resolve(overlay);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no overlay " + dir);
        }
        if (!kubectl()) {
            return base();
        }
        Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                .redirectErrorStream(false)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + err);
        }
        return documents(out);
    }

    /** The base's resources, in the order its kustomization.yaml lists them. */
    static List<JsonNode> base() throws IOException {
        Path base = ROOT.resolve("deploy/kubernetes/base");
        List<JsonNode> docs = new ArrayList<>();
        for (JsonNode r : documents(base.resolve("kustomization.yaml")).get(0).path("resources")) {
            docs.addAll(documents(base.resolve(r.asText())));
        }
        return docs;
    }

    static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).collect(Collectors.toList());
    }

    static String name(JsonNode doc) {
        return doc.path("metadata").path("name").asText();
    }

    static Properties applicationProperties(String service) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(
                Files.readString(ROOT.resolve(service).resolve("src/main/resources/application.properties"))));
        return p;
    }

    private static Map<String, Integer> servicePorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String s : List.of("moderation-service", "archive-service", "notifier-service")) {
            try {
                ports.put(s, Integer.parseInt(applicationProperties(s).getProperty("quarkus.http.port")));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return ports;
    }
}
