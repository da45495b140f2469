package org.tingvakt.classifier.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.tingvakt.classifier.Classification;
import org.tingvakt.classifier.Classifier;
import org.tingvakt.classifier.Intent;
import org.tingvakt.classifier.Label;
import org.tingvakt.classifier.Language;
import org.tingvakt.classifier.Span;

/**
 * The CLI contract: one JSON object per input line ({@code id}, {@code text}, optional {@code lang}) → one JSON object per
 * output line, in order. Streams with constant memory: a line longer than {@link #MAX_LINE_CHARS} is skipped to its end
 * without being held, and answered with an error line; so is a text longer than {@link #MAX_TEXT_CHARS}.
 */
public final class JsonLinesClassifier {

    public static final int MAX_TEXT_CHARS = 10_000;
    public static final int MAX_LINE_CHARS = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private final Classifier classifier;

    public JsonLinesClassifier(Classifier classifier) {
        this.classifier = classifier;
    }

    /** Reads until end of input; returns the number of lines answered. */
    public long run(Reader in, Writer out) throws IOException {
        char[] buf = new char[8192];
        StringBuilder line = new StringBuilder(1024);
        boolean overflow = false;
        long lines = 0;
        int n;
        boolean pending = false;
        while ((n = in.read(buf)) > 0) {
            int from = 0;
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    if (!overflow) {
                        line.append(buf, from, i - from);
                    }
                    answer(line, overflow, out);
                    lines++;
                    line.setLength(0);
                    overflow = false;
                    pending = false;
                    from = i + 1;
                }
            }
            if (from < n && !overflow) {
                line.append(buf, from, n - from);
                pending = true;
                if (line.length() > MAX_LINE_CHARS) {
                    overflow = true;
                    line.setLength(0);
                    line.trimToSize();
                }
            } else if (from < n) {
                pending = true;
            }
            if (!in.ready()) {
                out.flush();
            }
        }
        if (pending && (overflow || !line.toString().isBlank())) {
            answer(line, overflow, out);
            lines++;
        }
        out.flush();
        return lines;
    }

    private void answer(StringBuilder raw, boolean overflow, Writer out) throws IOException {
        if (overflow) {
            error(out, NullNode.getInstance(), "line longer than " + MAX_LINE_CHARS + " characters");
            return;
        }
        int len = raw.length();
        if (len > 0 && raw.charAt(len - 1) == '\r') {
            raw.setLength(len - 1);
        }
        if (raw.toString().isBlank()) {
            error(out, NullNode.getInstance(), "empty line");
            return;
        }
        JsonNode node;
        try {
            node = JSON.readTree(raw.toString());
        } catch (IOException e) {
            error(out, NullNode.getInstance(), "malformed JSON");
            return;
        }
        if (node == null || !node.isObject()) {
            error(out, NullNode.getInstance(), "a line must be a JSON object");
            return;
        }
        JsonNode id = node.has("id") ? node.get("id") : NullNode.getInstance();
        JsonNode text = node.get("text");
        if (text == null || !text.isTextual()) {
            error(out, id, "missing or non-string \"text\"");
            return;
        }
        if (text.asText().length() > MAX_TEXT_CHARS) {
            error(out, id, "text longer than " + MAX_TEXT_CHARS + " characters");
            return;
        }
        Optional<Language> hint = Optional.empty();
        JsonNode lang = node.get("lang");
        if (lang != null && !lang.isNull()) {
            try {
                hint = Optional.of(Language.fromCode(lang.asText()));
            } catch (IllegalArgumentException e) {
                error(out, id, "unknown \"lang\"; use da, sv, nb, nn, en, fi or other");
                return;
            }
        }
        Classification c;
        try {
            c = classifier.classify(text.asText(), hint);
        } catch (RuntimeException e) {
            error(out, id, "classifier failed: " + e.getClass().getSimpleName());
            return;
        }
        write(out, id, c);
    }

    static void write(Writer out, JsonNode id, Classification c) throws IOException {
        StringWriter sw = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(sw)) {
            g.writeStartObject();
            g.writeFieldName("id");
            JSON.writeTree(g, id);
            g.writeStringField("language", c.language().code());
            g.writeArrayFieldStart("labels");
            for (Label l : Label.values()) {
                if (c.labels().contains(l)) {
                    g.writeString(l.name());
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("intents");
            for (Intent i : Intent.values()) {
                if (c.intents().contains(i)) {
                    g.writeString(i.name());
                }
            }
            g.writeEndArray();
            g.writeObjectFieldStart("scores");
            for (Label l : Label.values()) {
                Double s = c.scores().get(l.name());
                if (s != null) {
                    g.writeNumberField(l.name(), s);
                }
            }
            for (Intent i : Intent.values()) {
                Double s = c.scores().get(i.name());
                if (s != null) {
                    g.writeNumberField(i.name(), s);
                }
            }
            g.writeEndObject();
            g.writeArrayFieldStart("spans");
            List<Span> spans = c.spans().stream()
                    .sorted(Comparator.comparingInt(Span::start).thenComparing(Span::label))
                    .toList();
            for (Span s : spans) {
                g.writeStartObject();
                g.writeStringField("label", s.label());
                g.writeNumberField("start", s.start());
                g.writeNumberField("end", s.end());
                g.writeStringField("rule", s.rule());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write(sw.toString());
        out.write('\n');
    }

    private static void error(Writer out, JsonNode id, String message) throws IOException {
        StringWriter sw = new StringWriter(64);
        try (JsonGenerator g = FACTORY.createGenerator(sw)) {
            g.writeStartObject();
            g.writeFieldName("id");
            JSON.writeTree(g, id);
            g.writeStringField("error", message);
            g.writeEndObject();
        }
        out.write(sw.toString());
        out.write('\n');
    }
}
