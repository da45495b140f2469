package org.tingvakt.classifier.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tingvakt.classifier.Classifier;
import org.tingvakt.classifier.Intent;
import org.tingvakt.classifier.Label;
import org.tingvakt.classifier.Language;

/** Readers for the shared third-party data sets and the project's curated JSON Lines files. */
public final class Datasets {

    public static final Set<String> OFFENSIVE_HEADS =
            Set.of("OFFENSIVE", "OFFENSIVE_DA", "THREAT", "HATE", "INSULT", "PROFANITY");
    /**
     * The OFFENSIVE head of Danish comments: it learns from DKHate and the Danish curated rows only, so that the gate of
     * Danish comments is not moved by the other languages' synthetic municipal comments (and the others' gate not by
     * DKHate's Reddit and Twitter comments).
     */
    public static final String OFFENSIVE_DA = Classifier.OFFENSIVE_DA_HEAD;
    /**
     * The shipped model's heads. SEXUAL, VIOLENCE and CRIME (since 2026-12-07) learn from the curated sets only (training
     * set A has ~70 of each); before, only the word lists and phrases found them.
     */
    public static final List<String> ALL_HEADS = List.of(
            "OFFENSIVE",
            OFFENSIVE_DA,
            "THREAT",
            "HATE",
            "INSULT",
            "PROFANITY",
            "ADVERTISING",
            "QUESTION",
            "COMPLAINT",
            "POLITICAL",
            "SEXUAL",
            "VIOLENCE",
            "CRIME");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Datasets() {}

    /**
     * DKHate (OffensEval 2020 Danish). OFF → OFFENSIVE; subtask B/C map to our labels: TTH → THREAT, UNT → PROFANITY,
     * TIN against a group → HATE, other TIN → INSULT. DKHate texts are also non-ads for the ADVERTISING head.
     */
    public static List<LabelledText> dkhate(Path file) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        Set<String> annotated = new HashSet<>(OFFENSIVE_HEADS);
        annotated.add("ADVERTISING");
        for (JsonNode n : lines(file)) {
            Set<String> pos = new HashSet<>();
            if ("OFF".equals(n.path("subtask_a").asText())) {
                pos.add("OFFENSIVE");
                pos.add(OFFENSIVE_DA);
                String b = n.path("subtask_b").asText("");
                String c = n.path("subtask_c").asText("");
                switch (b) {
                    case "TTH" -> pos.add("THREAT");
                    case "UNT" -> pos.add("PROFANITY");
                    case "TIN" -> pos.add("GRP".equals(c) ? "HATE" : "INSULT");
                    default -> {}
                }
            }
            out.add(new LabelledText(
                    "dkhate-" + n.path("id").asText(),
                    n.path("text").asText(),
                    Optional.empty(),
                    pos,
                    annotated,
                    "dkhate",
                    1.0));
        }
        return out;
    }

    /** YouTube (TubeSpam) or SMS spam: spam → ADVERTISING. The group is the video (or "sms"). */
    public static List<LabelledText> spam(Path file, String source) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        for (JsonNode n : lines(file)) {
            Set<String> pos = n.path("spam").asBoolean() ? Set.of("ADVERTISING") : Set.of();
            String group = n.has("video") ? n.get("video").asText() : source;
            out.add(new LabelledText(
                    source + "-" + n.path("id").asText(),
                    n.path("text").asText(),
                    Optional.empty(),
                    pos,
                    Set.of("ADVERTISING"),
                    group,
                    1.0));
        }
        return out;
    }

    /** The project's curated file: {"id","lang","text","labels":[…],"intents":[…]}; gold for every head. */
    public static List<LabelledText> curated(Path file, double weight) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        for (JsonNode n : lines(file)) {
            out.add(curated(n, weight));
        }
        return out;
    }

    /** Every {@code *.jsonl} file in the folder (sorted by name, so the order and the trained model repeat), curated format. */
    public static List<LabelledText> curatedDir(Path dir, double weight) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .sorted()
                    .toList();
        }
        for (Path f : files) {
            out.addAll(curated(f, weight));
        }
        return out;
    }

    /** Every curated file of each folder, folders in the given order (a missing folder adds nothing). */
    public static List<LabelledText> curatedDirs(List<Path> dirs, double weight) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        for (Path d : dirs) {
            out.addAll(curatedDir(d, weight));
        }
        return out;
    }

    /** A comma-separated list of folders, as the CLI's {@code --train} option takes it. */
    public static List<Path> folders(String commaList) {
        List<Path> out = new ArrayList<>();
        for (String s : commaList.split(",")) {
            if (!s.isBlank()) {
                out.add(Path.of(s.strip()));
            }
        }
        return out;
    }

    /** A curated file, or every curated file of a folder. */
    public static List<LabelledText> curatedPath(Path path, double weight) throws IOException {
        return Files.isDirectory(path) ? curatedDir(path, weight) : curated(path, weight);
    }

    public static LabelledText curated(JsonNode n, double weight) {
        Set<String> pos = new HashSet<>();
        n.path("labels").forEach(x -> pos.add(Label.valueOf(x.asText()).name()));
        n.path("intents").forEach(x -> pos.add(Intent.valueOf(x.asText()).name()));
        if (pos.contains("THREAT") || pos.contains("HATE") || pos.contains("INSULT") || pos.contains("PROFANITY")) {
            pos.add("OFFENSIVE");
        }
        // The gold language is kept as the group for per-language reports; the pipeline detects the language itself.
        Optional<Language> lang = Optional.empty();
        Set<String> annotated = new HashSet<>(ALL_HEADS);
        for (Label l : Label.values()) {
            annotated.add(l.name());
        }
        if ("da".equals(n.path("lang").asText())) {
            if (pos.contains("OFFENSIVE")) {
                pos.add(OFFENSIVE_DA);
            }
        } else {
            annotated.remove(OFFENSIVE_DA);
        }
        return new LabelledText(
                n.path("id").asText(),
                n.path("text").asText(),
                lang,
                pos,
                annotated,
                n.path("lang").asText("other"),
                weight,
                n.path("kind").asText(""));
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        }
        return out;
    }
}
