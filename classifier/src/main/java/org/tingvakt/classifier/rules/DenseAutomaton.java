package org.tingvakt.classifier.rules;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import java.util.Arrays;

/**
 * hankcs' Aho-Corasick automaton flattened into a dense deterministic transition table, for the per-comment scan.
 *
 * <p>Why: the library's {@code parseText} does, per character, base/check reads in its 300 kB double arrays plus one
 * more pair per failure-link hop; JFR put it at ~12 % of classify() on 280-char comments. Here each character costs one
 * read in a 64 kB class table and one read in the transition table, with no failure hops: those are resolved once, at
 * load (5 to 20 ms). On the folded 4,000 long texts of {@code bench --min-chars 280} (thread CPU time, one JVM, hits
 * included): parseText 10.5 ns per char, {@link #scan} 3.8. What is left is the chain of dependent loads from one state
 * to the next; a class-major layout or an int table of premultiplied row offsets took 0.3 to 0.5 ns per char off that
 * and were not worth the code or, for the int table, twice the memory.
 *
 * <p>Why by hand: the library (com.hankcs:aho-corasick-double-array-trie 1.2.3) has no dense-DFA mode. Only the
 * tabulation is written here, so that the Aho-Corasick construction itself stays in the library: it still builds the
 * automaton (trie, double array, failure links, outputs); this class only tabulates the library's own transition
 * function over it ({@link Library#getState}, the same steps as the library's private one, over its protected
 * {@code transitionWithRoot} and {@code fail}), and reports each state's outputs in the library's order, so
 * {@link #scan} reports exactly the hits of {@code parseText}, in the same order (DenseAutomatonTest compares
 * both over every text of the training and curated data, every keyword and hostile strings, and walks both automata
 * state by state).
 *
 * <p>Alphabet: every char that labels an edge of the library's trie gets its own class; all other chars share class 0.
 * A char on no edge never has a transition in the double array (its check cell cannot hold a parent's base), so the
 * library follows failure links to the root and stays there ({@code transitionWithRoot} returns 0 at the root): one
 * column serves them all. That argument needs every reachable state's base to be positive ({@link Library#flatten}
 * refuses to build otherwise); a cell past the end of the double array counts as a mismatch, as a cell holding another
 * parent's base does.
 *
 * <p>Size, for the shipped rules (1,536 keywords): 7,931 states × 27 classes as {@code char}, 428 kB, plus the 64 kB
 * class table and the outputs; the library's arrays (base and check, 75,713 ints each, fail and output, 10,179 entries
 * each: ~0.7 MB) are not kept once flattened. Immutable after construction, so one instance is shared by all threads.
 */
final class DenseAutomaton<V> {

    /** Class of each char: 0 for chars on no edge of the trie. */
    private final byte[] classOf;

    private final int classes;
    /** {@code next[state * classes + class]}: the state after reading a char of that class. */
    private final char[] next;
    /** States at or above this one have outputs (they are numbered last). */
    private final int firstEmitting;
    /** For state {@code firstEmitting + i}: the library's output ids, in its order. */
    private final int[][] outputs;
    /** Keyword length and value of each library output id. */
    private final int[] length;

    private final V[] values;

    private DenseAutomaton(
            byte[] classOf, int classes, char[] next, int firstEmitting, int[][] outputs, int[] length, V[] values) {
        this.classOf = classOf;
        this.classes = classes;
        this.next = next;
        this.firstEmitting = firstEmitting;
        this.outputs = outputs;
        this.length = length;
        this.values = values;
    }

    /**
     * Reports every keyword occurrence in {@code text} as the library's {@code parseText(text, hit)} does: at each end
     * position in text order, the state's outputs in the library's order, {@code begin} inclusive, {@code end} exclusive.
     */
    void scan(String text, AhoCorasickDoubleArrayTrie.IHit<V> hit) {
        byte[] cls = classOf;
        char[] table = next;
        int k = classes;
        int emitting = firstEmitting;
        int state = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            state = table[state * k + cls[text.charAt(i)]];
            if (state >= emitting) {
                for (int id : outputs[state - emitting]) {
                    hit.hit(i + 1 - length[id], i + 1, values[id]);
                }
            }
        }
    }

    /** One step of {@link #scan} (for tests). */
    int step(int state, char c) {
        return next[state * classes + classOf[c]];
    }

    /** The library's output ids reported in {@code state}, or null (for tests). */
    int[] outputIds(int state) {
        return state >= firstEmitting ? outputs[state - firstEmitting] : null;
    }

    int states() {
        return next.length / classes;
    }

    int classes() {
        return classes;
    }

    @Override
    public String toString() {
        return "DenseAutomaton[" + states() + " states, " + classes + " classes, " + next.length * 2 + " B table]";
    }

    /** The library's automaton, opened up (its arrays are protected) so that it can be flattened. */
    @SuppressWarnings("serial") // never serialised: built from rules.txt at load
    static final class Library<V> extends AhoCorasickDoubleArrayTrie<V> {

        /** The library's private {@code getState}, step for step: failure links until a transition exists. */
        int getState(int state, char c) {
            int n = boundedTransition(state, c);
            while (n == -1) {
                state = fail[state];
                n = boundedTransition(state, c);
            }
            return n;
        }

        /**
         * The library's {@code transitionWithRoot}, with a cell past the end of its arrays read as a mismatch: the
         * library shrinks its arrays to the last used cell plus 65,535, so the row of a state whose base lies at that
         * last cell (one keyword's end, placed last, which depends on the keyword set: a single rule term "ab" or
         * "o'brien" is enough) does not reach U+FFFF, and the library's own step would read past the array there.
         */
        private int boundedTransition(int state, char c) {
            int b = base[state];
            int p = b + c + 1;
            if (p >= check.length || b != check[p]) {
                return state == 0 ? 0 : -1;
            }
            return p;
        }

        /** The library's output ids of {@code state}, or null (for tests). */
        int[] outputIds(int state) {
            return output[state];
        }

        /** Tabulates the built automaton; the library's arrays stay untouched. */
        DenseAutomaton<V> flatten() {
            // classes: every char that labels an edge, i.e. child position p of a parent with base check[p] (code p -
            // base, where code 0 is the end-of-keyword leaf and code c + 1 is char c)
            byte[] classOf = new byte[Character.MAX_VALUE + 1];
            char[] representative = new char[128];
            int classes = 1;
            int outside = -1;
            boolean[] onEdge = new boolean[Character.MAX_VALUE + 1];
            for (int p = 0; p < check.length; p++) {
                int code = p - check[p];
                if (check[p] > 0 && code >= 1 && code - 1 <= Character.MAX_VALUE) {
                    onEdge[code - 1] = true;
                }
            }
            for (int c = 0; c <= Character.MAX_VALUE; c++) {
                if (!onEdge[c]) {
                    if (outside < 0) {
                        outside = c;
                    }
                    continue;
                }
                if (classes == 128) {
                    throw new IllegalStateException("more than 127 distinct keyword chars");
                }
                classOf[c] = (byte) classes;
                representative[classes++] = (char) c;
            }
            representative[0] = (char) outside;

            // states: those reachable from the root, found breadth-first with the library's own transitions
            int[] order = new int[64];
            int count = 0;
            int[] seen = new int[check.length];
            Arrays.fill(seen, -1);
            int[] target = new int[1024 * classes];
            order[count] = 0;
            seen[0] = count++;
            for (int i = 0; i < count; i++) {
                int s = order[i];
                if (base[s] <= 0) {
                    throw new IllegalStateException("state " + s + " breaks the flattening's assumptions");
                }
                if (target.length < (i + 1) * classes) {
                    target = Arrays.copyOf(target, target.length * 2);
                }
                for (int k = 0; k < classes; k++) {
                    int t = getState(s, representative[k]);
                    if (seen[t] < 0) {
                        if (count == order.length) {
                            order = Arrays.copyOf(order, count * 2);
                        }
                        order[count] = t;
                        seen[t] = count++;
                    }
                    target[i * classes + k] = t;
                }
            }
            if (count > Character.MAX_VALUE + 1) {
                throw new IllegalStateException(count + " states do not fit a char table");
            }

            // numbering: states without outputs first (the root is 0, where scan starts), then those with outputs
            if (output[0] != null) {
                throw new IllegalStateException("the root has outputs (an empty keyword)");
            }
            int[] number = new int[check.length];
            int next = 0;
            for (int i = 0; i < count; i++) {
                if (output[order[i]] == null) {
                    number[order[i]] = next++;
                }
            }
            int firstEmitting = next;
            int[][] outputs = new int[count - firstEmitting][];
            for (int i = 0; i < count; i++) {
                if (output[order[i]] != null) {
                    outputs[next - firstEmitting] = output[order[i]].clone();
                    number[order[i]] = next++;
                }
            }
            char[] table = new char[count * classes];
            for (int i = 0; i < count; i++) {
                int row = number[order[i]] * classes;
                for (int k = 0; k < classes; k++) {
                    table[row + k] = (char) number[target[i * classes + k]];
                }
            }
            return new DenseAutomaton<>(classOf, classes, table, firstEmitting, outputs, l.clone(), v.clone());
        }
    }
}
