package org.tingvakt.classifier.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.tingvakt.classifier.detect.LanguageDetector;

/**
 * Compiles lingua's n-gram models (uni-, bi- and trigrams; Apache 2.0, read from the lingua jar on the training classpath)
 * for our six languages into the compact table that {@link LanguageDetector} loads.
 */
public final class LanguageModelCompiler {

    private static final String[] CODES = {"da", "sv", "nb", "nn", "en", "fi"};
    private static final String[] FILES = {"unigrams", "bigrams", "trigrams"};

    private LanguageModelCompiler() {}

    public static int compile(Path out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<Long, short[]> table = new TreeMap<>();
        for (int l = 0; l < CODES.length; l++) {
            for (String file : FILES) {
                String res = "/language-models/" + CODES[l] + "/" + file + ".json";
                try (InputStream in = LanguageModelCompiler.class.getResourceAsStream(res)) {
                    if (in == null) {
                        throw new IllegalStateException("lingua model not on classpath: " + res);
                    }
                    JsonNode ngrams = json.readTree(in).get("ngrams");
                    Iterator<Map.Entry<String, JsonNode>> it = ngrams.fields();
                    while (it.hasNext()) {
                        Map.Entry<String, JsonNode> e = it.next();
                        String[] frac = e.getKey().split("/");
                        double p = Double.parseDouble(frac[0]) / Double.parseDouble(frac[1]);
                        short v = (short) Math.max(-3000, Math.round(Math.log(p) * 100));
                        for (String g : e.getValue().asText().split(" ")) {
                            if (g.isEmpty()) {
                                continue;
                            }
                            short[] row = table.computeIfAbsent(LanguageDetector.key(g, 0, g.length()), k -> {
                                short[] r = new short[CODES.length];
                                java.util.Arrays.fill(r, (short) -1200);
                                return r;
                            });
                            row[l] = v;
                        }
                    }
                }
            }
        }
        Files.createDirectories(out.getParent());
        try (OutputStream os = Files.newOutputStream(out);
                DataOutputStream data = new DataOutputStream(new GZIPOutputStream(os, 1 << 16))) {
            data.writeInt(table.size());
            for (Map.Entry<Long, short[]> e : table.entrySet()) {
                data.writeLong(e.getKey());
                for (short v : e.getValue()) {
                    data.writeShort(v);
                }
            }
        }
        return table.size();
    }
}
