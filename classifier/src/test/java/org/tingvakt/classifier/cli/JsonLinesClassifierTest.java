package org.tingvakt.classifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tingvakt.classifier.Classifier;

class JsonLinesClassifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> run(Reader in) throws IOException {
        StringWriter out = new StringWriter();
        new JsonLinesClassifier(Classifier.load()).run(in, out);
        List<JsonNode> lines = new ArrayList<>();
        for (String l : out.toString().split("\n")) {
            if (!l.isEmpty()) {
                lines.add(JSON.readTree(l));
            }
        }
        return lines;
    }

    @Test
    void oneAnswerPerLineInOrderWithIdsEchoed() throws IOException {
        String in = """
                {"id": 7, "text": "Du er en idiot"}
                {"id": "b-2", "text": "Hvornår åbner svømmehallen?", "lang": "da"}
                not json at all
                {"id": {"platform": "fb", "n": 3}, "text": "Køb nu! 50% rabat på www.billig.dk"}
                {"id": 5}
                {"id": 6, "text": "hej", "lang": "xx"}
                ["an", "array"]
                {"id": null, "text": "Tak for hjælpen"}""";
        List<JsonNode> out = run(new StringReader(in));
        assertEquals(8, out.size());
        assertEquals(7, out.get(0).get("id").asInt());
        assertEquals("INSULT", out.get(0).get("labels").get(0).asText());
        assertTrue(out.get(0).get("scores").get("INSULT").asDouble() >= 0.5);
        JsonNode span = out.get(0).get("spans").get(0);
        assertEquals(
                "idiot",
                "Du er en idiot"
                        .substring(span.get("start").asInt(), span.get("end").asInt()));
        assertEquals("b-2", out.get(1).get("id").asText());
        assertEquals("da", out.get(1).get("language").asText());
        assertEquals("QUESTION", out.get(1).get("intents").get(0).asText());
        assertTrue(out.get(2).has("error"));
        assertTrue(out.get(2).get("id").isNull());
        assertEquals("fb", out.get(3).get("id").get("platform").asText());
        assertEquals("ADVERTISING", out.get(3).get("labels").get(0).asText());
        assertEquals(5, out.get(4).get("id").asInt());
        assertTrue(out.get(4).get("error").asText().contains("text"));
        assertTrue(out.get(5).get("error").asText().contains("lang"));
        assertTrue(out.get(6).has("error"));
        assertFalse(out.get(7).has("error"));
        assertEquals(0, out.get(7).get("labels").size());
    }

    @Test
    void tooLongTextAndHugeLinesGetErrorsAndTheRunGoesOn() throws IOException {
        String longText = "a".repeat(JsonLinesClassifier.MAX_TEXT_CHARS + 1);
        String hugeLine = "{\"id\": 2, \"text\": \"" + "b".repeat(JsonLinesClassifier.MAX_LINE_CHARS * 3) + "\"}";
        String in = "{\"id\": 1, \"text\": \"" + longText + "\"}\n" + hugeLine + "\n{\"id\": 3, \"text\": \"hej\"}\n";
        List<JsonNode> out = run(new StringReader(in));
        assertEquals(3, out.size());
        assertEquals(1, out.get(0).get("id").asInt());
        assertTrue(out.get(0).get("error").asText().contains("longer"));
        assertTrue(out.get(1).get("error").asText().contains("line longer"));
        assertEquals(3, out.get(2).get("id").asInt());
        assertFalse(out.get(2).has("error"));
    }

    @Test
    void streamsWithoutReadingTheWholeInputFirst() throws IOException {
        // An endless reader: the classifier must answer lines as they come, so we stop after a known count.
        int lines = 50_000;
        Reader endlessButCounted = new Reader() {
            private final char[] line = "{\"id\": 1, \"text\": \"Hvornår kommer bussen?\"}\n".toCharArray();
            private long pos;
            private final long total = (long) line.length * lines;

            @Override
            public int read(char[] buf, int off, int len) {
                if (pos >= total) {
                    return -1;
                }
                int n = (int) Math.min(len, total - pos);
                for (int i = 0; i < n; i++) {
                    buf[off + i] = line[(int) ((pos + i) % line.length)];
                }
                pos += n;
                return n;
            }

            @Override
            public void close() {}
        };
        CountingWriter out = new CountingWriter();
        long answered = new JsonLinesClassifier(Classifier.load()).run(endlessButCounted, out);
        assertEquals(lines, answered);
        assertEquals(lines, out.newlines);
    }

    private static final class CountingWriter extends java.io.Writer {
        long newlines;

        @Override
        public void write(char[] cbuf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (cbuf[i] == '\n') {
                    newlines++;
                }
            }
        }

        @Override
        public void write(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) == '\n') {
                    newlines++;
                }
            }
        }

        @Override
        public void write(int c) {
            if (c == '\n') {
                newlines++;
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
