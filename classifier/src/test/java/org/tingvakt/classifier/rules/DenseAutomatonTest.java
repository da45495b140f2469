package org.tingvakt.classifier.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tingvakt.classifier.normalise.TextNormaliser;

/**
 * The flattened automaton reports exactly what the library's {@code parseText} reports (begin, end, keyword, in order),
 * on the shipped rules, over every text of the training and curated data (raw and folded), every keyword, random keyword
 * chains, and hostile strings.
 */
class DenseAutomatonTest {

    private record Hit(int begin, int end, Object value) {}

    private static AhoCorasickDoubleArrayTrie<?> library;
    private static DenseAutomaton<?> dense;
    private static List<String> keywords;

    @BeforeAll
    static void load() {
        AtomicReference<AhoCorasickDoubleArrayTrie<?>> lib = new AtomicReference<>();
        dense = RuleEngine.parse(RuleEngine.resourceLines(), lib::set).automaton();
        library = lib.get();
        keywords = new ArrayList<>();
        for (int i = 0; i < library.size(); i++) {
            keywords.add(((RuleEngine.Entry) library.get(i)).keyword());
        }
    }

    private static List<Hit> viaLibrary(String text) {
        List<Hit> out = new ArrayList<>();
        library.parseText(text, (AhoCorasickDoubleArrayTrie.IHit) (b, e, v) -> out.add(new Hit(b, e, v)));
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Hit> viaDense(String text) {
        List<Hit> out = new ArrayList<>();
        ((DenseAutomaton) dense).scan(text, (AhoCorasickDoubleArrayTrie.IHit) (b, e, v) -> out.add(new Hit(b, e, v)));
        return out;
    }

    /** Compares both on the text and on its folded form; returns the number of hits seen. */
    private static int same(String text) {
        int hits = 0;
        for (String t : new String[] {text, TextNormaliser.fold(text).text()}) {
            List<Hit> expected = viaLibrary(t);
            List<Hit> actual = viaDense(t);
            // identity of the values: the same Entry objects, not merely equal ones
            boolean sameValues = expected.size() == actual.size();
            for (int i = 0; sameValues && i < expected.size(); i++) {
                sameValues = expected.get(i).value() == actual.get(i).value();
            }
            // the text is named by its length only (comment text stays out of build logs)
            assertEquals(expected, actual, () -> "hits differ on a text of " + t.length() + " chars");
            assertTrue(sameValues, () -> "hit values differ on a text of " + t.length() + " chars");
            hits += expected.size();
        }
        return hits;
    }

    @Test
    void sameHitsOnTheData() throws IOException {
        Path shared = Path.of(System.getProperty("tingvakt.data", "../../shared/data"));
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(shared)) {
            files.add(shared.resolve("dkhate/train.jsonl"));
            files.add(shared.resolve("youtube-spam/train.jsonl"));
            files.add(shared.resolve("sms-spam/sms.jsonl"));
        }
        for (String f : List.of("tune", "holdout", "holdout-b", "holdout-c")) {
            files.add(Path.of("data/curated/" + f + ".jsonl"));
        }
        ObjectMapper m = new ObjectMapper();
        int texts = 0;
        int hits = 0;
        for (Path f : files) {
            for (String line : Files.readAllLines(f)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode text = m.readTree(line).get("text");
                if (text != null) {
                    hits += same(text.asText());
                    texts++;
                }
            }
        }
        assertTrue(texts >= 589, "read " + texts + " texts");
        assertTrue(hits > texts, "only " + hits + " hits: the comparison would prove little");
    }

    @Test
    void sameHitsOnEveryKeywordAndOnKeywordChains() {
        assertTrue(keywords.size() > 1000, keywords.size() + " keywords");
        for (String k : keywords) {
            assertTrue(same(k) > 0);
            same("x" + k + k.strip() + k);
        }
        // chains of keywords with overlaps, partial keywords and glue, so that deep states and failure paths are walked
        Random r = new Random(42);
        String glue = " abcdefghijklmnopqrstuvwxyz0123456789æøå@$!éß\u0430\u4e2d\ud83d\ude00\u0000\uffff";
        for (int n = 0; n < 5000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int w = r.nextInt(12); w >= 0; w--) {
                String k = keywords.get(r.nextInt(keywords.size()));
                switch (r.nextInt(4)) {
                    case 0 -> sb.append(k);
                    case 1 -> sb.append(k, 0, 1 + r.nextInt(k.length()));
                    case 2 -> sb.append(k, r.nextInt(k.length()), k.length());
                    default -> sb.append(glue.charAt(r.nextInt(glue.length())));
                }
            }
            same(sb.toString());
        }
    }

    @Test
    void sameHitsOnHostileStrings() {
        List<String> texts = new ArrayList<>(List.of(
                "",
                " ",
                "  ",
                "       ",
                "\u0000",
                "\uffff",
                "\ud83d\ude00",
                "\ud835\udd71\ud835\udd9a\ud835\udd88\ud835\udd90 dig",
                "du er en idiot\ud83d\ude00\ud83d\ude00",
                "ÆØÅ æøå ß þ ð",
                "\u0438\u0434\u0438\u043e\u0442",
                "中文 한국어 日本語",
                "\ud800",
                "\udc00 x \ud800",
                "i d i o t",
                "h0re",
                "kill yourself",
                " ".repeat(10_000),
                "a".repeat(10_000),
                "idiot ".repeat(2_000)));
        StringBuilder every = new StringBuilder();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            every.append((char) c);
        }
        texts.add(every.toString());
        // every char after every prefix of a few keywords: each char's column from states at several depths
        for (String k : keywords.subList(0, Math.min(keywords.size(), 40))) {
            for (int cut = 0; cut <= k.length(); cut += Math.max(1, k.length() / 3)) {
                StringBuilder sb = new StringBuilder();
                for (int c = 0; c <= Character.MAX_VALUE; c += 7) {
                    sb.append(k, 0, cut).append((char) c);
                }
                texts.add(sb.toString());
            }
        }
        for (String t : texts) {
            same(t);
        }
    }

    /**
     * Walks the library's automaton and the table side by side from the root: every library state met maps to one table
     * state with the same outputs, for every keyword char and every 61st other char (all 65,536 chars from the states of
     * depth up to two). With the text comparisons above, which run the library's own parseText, this covers table cells
     * that no text reaches.
     */
    @Test
    void tableFollowsTheLibraryStateByState() {
        DenseAutomaton.Library<?> lib = (DenseAutomaton.Library<?>) library;
        StringBuilder chars = new StringBuilder();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (dense.step(0, (char) c) != dense.step(0, (char) 0xFFFF) || c % 61 == 0) {
                chars.append((char) c);
            }
        }
        for (String k : keywords) {
            for (char c : k.toCharArray()) {
                if (chars.indexOf(String.valueOf(c)) < 0) {
                    chars.append(c);
                }
            }
        }
        java.util.Map<Integer, Integer> tableState = new java.util.HashMap<>();
        java.util.Map<Integer, Integer> depth = new java.util.HashMap<>();
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
        tableState.put(0, 0);
        depth.put(0, 0);
        queue.add(0);
        while (!queue.isEmpty()) {
            int s = queue.poll();
            int d = tableState.get(s);
            int[] expected = lib.outputIds(s);
            int[] actual = dense.outputIds(d);
            assertTrue(java.util.Arrays.equals(expected, actual), () -> "outputs differ in state " + s);
            boolean all = depth.get(s) <= 2;
            for (int i = 0, n = all ? Character.MAX_VALUE + 1 : chars.length(); i < n; i++) {
                char c = all ? (char) i : chars.charAt(i);
                int t = lib.getState(s, c);
                int u = dense.step(d, c);
                Integer before = tableState.putIfAbsent(t, u);
                if (before == null) {
                    depth.put(t, depth.get(s) + 1);
                    queue.add(t);
                } else {
                    assertEquals(
                            before.intValue(), u, () -> "transition differs from state " + s + " on char " + (int) c);
                }
            }
        }
        assertEquals(dense.states(), tableState.size());
    }

    @Test
    void tableIsSmall() {
        // 2 bytes per state and class; the shipped rules stay well under 2 MB
        assertTrue((long) dense.states() * dense.classes() * 2 < 2_000_000, dense::toString);
    }
}
