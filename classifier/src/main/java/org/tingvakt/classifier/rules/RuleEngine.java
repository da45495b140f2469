package org.tingvakt.classifier.rules;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tingvakt.classifier.Language;
import org.tingvakt.classifier.normalise.FoldedText;
import org.tingvakt.classifier.normalise.TextNormaliser;

/**
 * Word lists and short phrase patterns over the folded text ({@code rules.txt}), matched in one Aho-Corasick pass.
 *
 * <p>The automaton is hankcs' double-array Aho-Corasick trie (com.hankcs:aho-corasick-double-array-trie): transitions
 * are two int-array reads per character. The org.ahocorasick trie used before looked each character up in a
 * {@code HashMap<Character, State>} (boxing and a hash probe per character) and built an emit object per match; on
 * 300-character comments it was 15 % of classify() (JFR), the double array ~2 % then, with the same matches; once the
 * rest of classify() had been made cheaper, the double array's {@code parseText} was ~12 % (2026-12-02). The library
 * still builds the automaton; {@link DenseAutomaton} then tabulates it into a dense table (one class-table read and one
 * transition read per character, no failure-link hops), which reports the same hits in the same order as the library's
 * {@code parseText}.
 *
 * <p>Each hit keeps its span in the original text and its rule id. Phrases allow up to {@value #GAP} words between their
 * parts. Innocent words that contain a bad one are listed as ALLOW; a negation just before a threat or insult, a quotation
 * around it, or news-like wording ("politiet", "dømt", "enligt") dampens the score instead of firing.
 */
public final class RuleEngine {

    public static final String RESOURCE = "/org/tingvakt/classifier/rules.txt";
    private static final int GAP = 3;
    private static final int MAX_SUFFIX = 5;
    private static final int MIN_COMPOUND_HEAD = 3;
    private static final double NEGATED = 0.35;
    private static final double REPORTED = 0.5;
    private static final double QUOTED = 0.5;
    private static final Set<String> DAMPENED_BY_NEWS = Set.of("THREAT", "VIOLENCE", "CRIME", "HATE");
    private static final Set<String> DAMPENED_BY_NEGATION = Set.of("THREAT", "INSULT", "HATE", "VIOLENCE", "CRIME");

    private enum Mode {
        EXACT,
        SUFFIX
    }

    private record Term(
            String name,
            double score,
            Set<Language> langs,
            Mode mode,
            boolean compound,
            String rule,
            int phrase,
            int slot) {}

    private record Phrase(String name, String id, double score, Set<Language> langs, int slots) {}

    /**
     * Keyword (folded, with its word-edge spaces) and the terms it stands for (package-visible for tests), with what
     * {@link #match} would otherwise work out per hit: the keyword without its edge spaces ({@code core}, the folded
     * text of every hit of it), whether {@code core} is an ALLOW word, and the innocent word parts ({@code PART}: {as
     * written (lowercase), folded}) whose folded form holds it.
     */
    record Entry(
            String keyword,
            List<Term> terms,
            boolean leading,
            boolean trailing,
            String core,
            boolean allowed,
            List<String[]> parts) {

        static Entry of(String keyword, List<Term> terms, Set<String> allow, List<String[]> parts) {
            boolean leading = keyword.charAt(0) == ' ';
            boolean trailing = keyword.charAt(keyword.length() - 1) == ' ';
            String core = keyword.substring(leading ? 1 : 0, keyword.length() - (trailing ? 1 : 0));
            List<String[]> holding = new ArrayList<>(0);
            for (String[] p : parts) {
                if (p[1].contains(core)) {
                    holding.add(p);
                }
            }
            return new Entry(keyword, terms, leading, trailing, core, allow.contains(core), List.copyOf(holding));
        }
    }

    /** The library's automaton, flattened; immutable, shared by all threads. */
    private final DenseAutomaton<Entry> trie;

    private final List<Phrase> phrases;
    private final Set<String> allow;
    private final Set<String> negations;
    private final Set<String> reporting;

    private RuleEngine(
            DenseAutomaton<Entry> trie,
            List<Phrase> phrases,
            Set<String> allow,
            Set<String> negations,
            Set<String> reporting) {
        this.trie = trie;
        this.phrases = phrases;
        this.allow = allow;
        this.negations = negations;
        this.reporting = reporting;
    }

    public static RuleEngine load() {
        return parse(resourceLines());
    }

    /** The lines of {@link #RESOURCE}. */
    static List<String> resourceLines() {
        try (InputStream in = RuleEngine.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RuleEngine parse(List<String> lines) {
        return parse(lines, null);
    }

    /** As {@link #parse(List)}; also hands the library's automaton, before flattening, to {@code library} (for tests). */
    static RuleEngine parse(List<String> lines, java.util.function.Consumer<AhoCorasickDoubleArrayTrie<?>> library) {
        Map<String, List<Term>> terms = new HashMap<>();
        List<Phrase> phrases = new ArrayList<>();
        Set<String> allow = new HashSet<>();
        List<String[]> parts = new ArrayList<>();
        Set<String> neg = new HashSet<>();
        Set<String> report = new HashSet<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] head = line.split("\\s+", 2);
            switch (head[0]) {
                case "ALLOW" -> addWords(head[1], allow);
                case "PART" -> {
                    for (String w : head[1].split("\\s+")) {
                        parts.add(new String[] {
                            w.toLowerCase(Locale.ROOT),
                            TextNormaliser.fold(w).text().strip()
                        });
                    }
                }
                case "NEG" -> addWords(head[1], neg);
                case "REPORT" -> addWords(head[1], report);
                case "WORD" -> {
                    String[] p = head[1].split("\\s+", 4);
                    double score = Double.parseDouble(p[1]);
                    Set<Language> langs = langs(p[2]);
                    for (String t : p[3].split("\\s+")) {
                        addTerm(
                                terms,
                                t.replace('-', ' '),
                                new Term(
                                        p[0],
                                        score,
                                        langs,
                                        null,
                                        false,
                                        "lexicon." + p[0].toLowerCase(Locale.ROOT),
                                        -1,
                                        -1));
                    }
                }
                case "PHRASE" -> {
                    String[] p = head[1].split("\\s+", 5);
                    String[] slots = p[4].split("\\|\\|");
                    int index = phrases.size();
                    phrases.add(new Phrase(p[0], p[1], Double.parseDouble(p[2]), langs(p[3]), slots.length));
                    for (int s = 0; s < slots.length; s++) {
                        for (String alt : slots[s].split(",")) {
                            if (!alt.isBlank()) {
                                addTerm(terms, alt.strip(), new Term(p[0], 0, null, null, false, p[1], index, s));
                            }
                        }
                    }
                }
                default -> throw new IllegalArgumentException("bad rule line: " + line);
            }
        }
        TreeMap<String, Entry> entries = new TreeMap<>();
        terms.forEach((k, v) -> entries.put(k, Entry.of(k, List.copyOf(v), allow, parts)));
        DenseAutomaton.Library<Entry> trie = new DenseAutomaton.Library<>();
        trie.build(entries);
        if (library != null) {
            library.accept(trie);
        }
        return new RuleEngine(trie.flatten(), phrases, allow, neg, report);
    }

    /** The flattened automaton that {@link #match} scans with (for tests). */
    DenseAutomaton<?> automaton() {
        return trie;
    }

    private static void addWords(String words, Set<String> into) {
        for (String w : words.split("\\s+")) {
            into.add(TextNormaliser.fold(w.replace('-', ' ')).text().strip());
        }
    }

    private static Set<Language> langs(String spec) {
        if (spec.equals("*")) {
            return EnumSet.allOf(Language.class);
        }
        Set<Language> set = EnumSet.noneOf(Language.class);
        for (String c : spec.split(",")) {
            set.add(Language.fromCode(c));
        }
        return set;
    }

    private static void addTerm(Map<String, List<Term>> terms, String spec, Term t) {
        boolean compound = spec.startsWith("*");
        boolean suffix = spec.endsWith("+");
        String word = spec.substring(compound ? 1 : 0, spec.length() - (suffix ? 1 : 0));
        String folded = TextNormaliser.fold(word).text().strip();
        if (folded.isEmpty()) {
            return;
        }
        Term term = new Term(
                t.name, t.score, t.langs, suffix ? Mode.SUFFIX : Mode.EXACT, compound, t.rule, t.phrase, t.slot);
        // A space on each side of the keyword lets the trie itself test the word start and end, so that short words
        // ("i", "du") do not report a hit inside every longer word.
        String keyword = (compound ? "" : " ") + folded + (suffix ? "" : " ");
        terms.computeIfAbsent(keyword, k -> new ArrayList<>()).add(term);
    }

    private record Emit(int begin, int end, Entry entry) {}

    private static final java.util.Comparator<Emit> EMIT_ORDER =
            java.util.Comparator.comparingInt(Emit::end).thenComparing(e -> e.entry.keyword);

    /** Word-level facts about one text, for the model's features and for the classifier's rules. */
    public List<RuleHit> match(String original, FoldedText folded, Language lang) {
        String t = folded.text();
        List<Emit> emits = new ArrayList<>(16);
        AhoCorasickDoubleArrayTrie.IHit<Entry> collect = (begin, end, entry) -> emits.add(new Emit(begin, end, entry));
        trie.scan(t, collect);
        List<RuleHit> hits = new ArrayList<>();
        if (emits.isEmpty()) {
            return hits;
        }
        if (emits.size() > 1) {
            // in text order by end, and by keyword at the same end (the order the rules and phrase slots were tuned
            // with)
            emits.sort(EMIT_ORDER);
        }
        int[] tokenAt = null;
        List<int[]>[] slotHits = null;
        boolean[] reported = null;
        List<int[]> quotes = null;
        for (Emit e : emits) {
            Entry entry = e.entry;
            int s = e.begin + (entry.leading ? 1 : 0);
            int end = e.end - (entry.trailing ? 1 : 0);
            // the word around [s, end): what lastIndexOf(' ', s) + 1 and indexOf(' ', end - 1) give, without the search
            // when the hit itself starts and ends at spaces (the usual case: most keywords carry their word-edge
            // spaces)
            int wordStart = s > 0 && t.charAt(s - 1) == ' ' && t.charAt(s) != ' ' ? s : t.lastIndexOf(' ', s) + 1;
            int wordEnd = end < t.length() && t.charAt(end) == ' ' && t.charAt(end - 1) != ' '
                    ? end
                    : t.indexOf(' ', end - 1);
            if (wordEnd < 0) {
                wordEnd = t.length();
            }
            boolean atStart = wordStart == s;
            int suffix = wordEnd - end;
            int blocked = -1;
            for (Term term : entry.terms) {
                if (!atStart && !(term.compound && s - wordStart >= MIN_COMPOUND_HEAD)) {
                    continue;
                }
                if (suffix > 0 && (term.mode == Mode.EXACT || suffix > MAX_SUFFIX)) {
                    continue;
                }
                if (blocked < 0) {
                    // the same for every term of the emit: decided once (two substrings and a set look-up per term
                    // before);
                    // the hit's text t[s, end) is the entry's core, so when the word is just the hit, the look-up was
                    // done at load
                    boolean allowed = wordStart == s && wordEnd == end
                            ? entry.allowed
                            : allow.contains(t.substring(wordStart, wordEnd));
                    blocked = allowed || innocentPart(original, folded, entry.parts, wordStart, wordEnd) ? 1 : 0;
                }
                if (blocked == 1) {
                    continue;
                }
                if (term.phrase >= 0) {
                    if (tokenAt == null) {
                        tokenAt = tokenIndex(t);
                    }
                    if (slotHits == null) {
                        @SuppressWarnings("unchecked")
                        List<int[]>[] arr = new List[phrases.size() * 8];
                        slotHits = arr;
                    }
                    int key = term.phrase * 8 + Math.min(term.slot, 7);
                    if (slotHits[key] == null) {
                        slotHits[key] = new ArrayList<>(8);
                    }
                    slotHits[key].add(new int[] {tokenAt[s], tokenAt[end - 1], s, end});
                    continue;
                }
                if (!term.langs.contains(lang) && !(lang == Language.OTHER)) {
                    continue;
                }
                double score = term.score;
                boolean damp = false;
                int os = folded.originalStart(s);
                int oe = folded.originalEnd(end);
                if (DAMPENED_BY_NEGATION.contains(term.name)) {
                    if (tokenAt == null) {
                        tokenAt = tokenIndex(t);
                    }
                    if (negatedBefore(t, tokenAt, tokenAt[s])) {
                        score *= NEGATED;
                        damp = true;
                    }
                }
                if (!term.name.equals("PROFANITY") && DAMPENED_BY_NEGATION.contains(term.name)) {
                    // the quotes are found only for the hits they can dampen (most hits are of other kinds)
                    if (quotes == null) {
                        quotes = quotedRanges(original);
                    }
                    if (inQuotes(quotes, os)) {
                        score *= QUOTED;
                        damp = true;
                    }
                }
                hits.add(new RuleHit(term.name, score, os, oe, term.rule, damp));
            }
        }
        if (slotHits != null) {
            matchPhrases(original, folded, lang, tokenAt, slotHits, hits);
        }
        return hits;
    }

    /**
     * Whether the word holding a hit contains, as written, an innocent part ({@code PART}) whose folded form holds the
     * hit's folded term: "skuleportalen" and "transport" contain "port", which folds like "porr"; "porrtidning" does not.
     * {@code holding}: the parts whose folded form holds the term ({@link Entry#parts}, picked at load, in rule order).
     */
    private static boolean innocentPart(
            String original, FoldedText folded, List<String[]> holding, int wordStart, int wordEnd) {
        String word = null;
        int os = folded.originalStart(wordStart);
        int oe = folded.originalEnd(wordEnd);
        for (String[] p : holding) {
            // toLowerCase(Locale.ROOT) lengthens a string by at most one char per char (only U+0130 grows, to two
            // chars), so a word under half the part's length cannot hold it: "i" never holds "porslin", and the word's
            // substring and lowercase are not needed for the short words " i " and " e " that hit most often
            if (2 * (oe - os) < p[0].length()) {
                continue;
            }
            if (word == null) {
                word = original.substring(os, oe).toLowerCase(Locale.ROOT);
            }
            if (word.contains(p[0])) {
                return true;
            }
        }
        return false;
    }

    private void matchPhrases(
            String original,
            FoldedText folded,
            Language lang,
            int[] tokenAt,
            List<int[]>[] slotHits,
            List<RuleHit> hits) {
        String t = folded.text();
        for (List<int[]> l : slotHits) {
            if (l != null && l.size() > 1) {
                l.sort(java.util.Comparator.comparingInt(c -> c[0]));
            }
        }
        boolean news = false;
        boolean newsChecked = false;
        List<int[]> quotes = null;
        for (int p = 0; p < phrases.size(); p++) {
            Phrase ph = phrases.get(p);
            if (slotHits[p * 8] == null || !ph.langs.contains(lang) && lang != Language.OTHER) {
                continue;
            }
            for (int[] first : slotHits[p * 8]) {
                int[] last = extend(slotHits, p, ph.slots, 1, first);
                if (last == null) {
                    continue;
                }
                double score = ph.score;
                boolean damp = false;
                if (DAMPENED_BY_NEGATION.contains(ph.name)) {
                    for (int tok = Math.max(0, first[0] - 2); tok <= last[1]; tok++) {
                        // a negation inside the first or last part is part of the frame ("hører ikke hjemme her")
                        boolean ownPart = tok >= first[0] && tok <= first[1] || tok >= last[0] && tok <= last[1];
                        if (!ownPart && negations.contains(token(t, tokenAt, tok))) {
                            score *= NEGATED;
                            damp = true;
                            break;
                        }
                    }
                }
                if (DAMPENED_BY_NEWS.contains(ph.name)) {
                    if (!newsChecked) {
                        news = containsAny(t, reporting);
                        newsChecked = true;
                    }
                    if (news) {
                        score *= REPORTED;
                        damp = true;
                    }
                }
                int os = folded.originalStart(first[2]);
                int oe = folded.originalEnd(last[3]);
                if (DAMPENED_BY_NEGATION.contains(ph.name)) {
                    if (quotes == null) {
                        quotes = quotedRanges(original);
                    }
                    if (inQuotes(quotes, os)) {
                        score *= QUOTED;
                        damp = true;
                    }
                }
                hits.add(new RuleHit(ph.name, score, os, oe, ph.id, damp));
                break;
            }
        }
    }

    /**
     * The first chain of slot hits from {@code prev} on, each next part starting 1 to {@value #GAP} + 1 tokens after the
     * previous one ends. The candidates of a slot are sorted by token, so only those in the window are looked at (all of
     * them were, which was quadratic when a comment repeats the parts: 20,000 chars of "jeg vil ").
     */
    private int[] extend(List<int[]>[] slotHits, int p, int slots, int slot, int[] prev) {
        if (slot == slots) {
            return prev;
        }
        List<int[]> cands = slotHits[p * 8 + Math.min(slot, 7)];
        if (cands == null) {
            return null;
        }
        int lo = 0;
        int hi = cands.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cands.get(mid)[0] <= prev[1]) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int i = lo; i < cands.size(); i++) {
            int[] c = cands.get(i);
            if (c[0] > prev[1] + 1 + GAP) {
                break;
            }
            int[] r = extend(slotHits, p, slots, slot + 1, c);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private boolean negatedBefore(String t, int[] tokenAt, int tok) {
        for (int k = Math.max(0, tok - 2); k < tok; k++) {
            if (negations.contains(token(t, tokenAt, k))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Token k of the folded text (tokens are 0-based, split by the single spaces). {@code tokenAt} never decreases, so the
     * token's first position is found by binary search (a scan from the start made every negation check linear in the
     * text, and a hostile comment of 20,000 chars of one insult quadratic).
     */
    private static String token(String t, int[] tokenAt, int k) {
        int lo = 1;
        int hi = t.length();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokenAt[mid] < k) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int from = -1;
        for (int i = lo; i < t.length() && tokenAt[i] == k; i++) {
            if (t.charAt(i) != ' ') {
                from = i;
                break;
            }
        }
        if (from < 0) {
            return "";
        }
        return t.substring(from, t.indexOf(' ', from));
    }

    /**
     * Token number at each position of the folded text (a space belongs to the token before it; 0 before the first).
     * Branch-free: a token starts wherever a non-space follows a space or the text's start, and with a word every ~5
     * chars an if on that mispredicts often (3.6 ns per char before, 2.4 now).
     */
    static int[] tokenIndex(String t) {
        int n = t.length();
        int[] idx = new int[n];
        int tok = -1;
        int afterSpace = 1;
        for (int i = 0; i < n; i++) {
            int space = ((t.charAt(i) ^ ' ') - 1) >>> 31; // 1 for ' ', else 0 (chars are 0..0xFFFF)
            tok += afterSpace & (space ^ 1);
            afterSpace = space;
            idx[i] = Math.max(tok, 0);
        }
        return idx;
    }

    private static boolean containsAny(String t, Set<String> words) {
        int i = 1;
        while (i < t.length()) {
            int j = t.indexOf(' ', i);
            if (j < 0) {
                break;
            }
            if (j > i && words.contains(t.substring(i, j))) {
                return true;
            }
            i = j + 1;
        }
        return false;
    }

    private static List<int[]> quotedRanges(String s) {
        List<int[]> out = new ArrayList<>(0);
        int open = -1;
        char closeWith = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (open < 0) {
                if (c == '"' || c == '“' || c == '«' || c == '„' || c == '”') {
                    open = i;
                    closeWith = c == '«' ? '»' : c == '“' || c == '„' ? '”' : c;
                }
            } else if (c == closeWith || (closeWith == '”' && c == '“')) {
                out.add(new int[] {open, i});
                open = -1;
            }
        }
        return out;
    }

    private static boolean inQuotes(List<int[]> quotes, int pos) {
        for (int[] q : quotes) {
            if (pos > q[0] && pos < q[1]) {
                return true;
            }
        }
        return false;
    }
}
