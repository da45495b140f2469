package org.tingvakt.archive.search;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The word-pair condition of a text query: which adjacent lexeme pairs a record must hold for the query to be able to
 * match it. {@code archive_record.search_pairs} (V6) holds a key for every two lexemes at adjacent positions of the
 * record's {@code search_vector}; a phrase {@code 'a' <-> 'b'} can only match a record that holds key("a b"). The
 * condition is derived from the {@code tsquery} PostgreSQL built ({@link RecordSearch#textQuery}), never from the
 * user's text, so it follows PostgreSQL's own parsing of quotes, stop words and hyphens: it is a necessary condition
 * (OR of alternatives, each a set of keys that must all be present), and the {@code tsquery} itself is still applied to
 * the candidates. Anything it cannot reason about (negation, prefixes, weights, OR inside a phrase, distances other
 * than 1) adds no condition.
 *
 * <p>Hand-written, because no library parses PostgreSQL's {@code tsquery} text output; the grammar is PostgreSQL's own
 * output format (quoted lexemes with {@code ''} and {@code \} escapes, {@code :*} and weights, {@code ! <-> <N> & |},
 * parentheses; precedence ! over {@code <->} over {@code &} over {@code |}).
 */
final class WordPairs {
    /** More alternatives than this from an AND of ORs: keep the smaller side (still a necessary condition). */
    static final int MAX_ALTERNATIVES = 32;

    private WordPairs() {}

    /**
     * The key of two adjacent lexemes, as V6's {@code archive_word_pair_keys} computes it: the first 4 bytes of
     * MD5(UTF-8 of {@code a + " " + b}) as a big-endian signed int.
     */
    static int key(String first, String second) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest((first + " " + second).getBytes(StandardCharsets.UTF_8));
            return ((d[0] & 0xff) << 24) | ((d[1] & 0xff) << 16) | ((d[2] & 0xff) << 8) | (d[3] & 0xff);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }

    /**
     * The condition of a {@code tsquery} (PostgreSQL's text form): empty if there is none (every record may match),
     * else the alternatives; a record can match only if its pairs contain every key of at least one alternative.
     */
    static Optional<List<int[]>> condition(String tsquery) {
        Node root;
        try {
            Parser p = new Parser(tsquery);
            root = p.or();
            if (p.peek() != Tok.END) {
                return Optional.empty();
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // an unexpected form: no condition, the tsquery alone decides
        }
        List<TreeSet<Integer>> alternatives = root.condition();
        if (alternatives == null) {
            return Optional.empty();
        }
        return Optional.of(alternatives.stream()
                .map(s -> s.stream().mapToInt(Integer::intValue).toArray())
                .toList());
    }

    // --- the condition algebra: null = no condition; a list = OR of (AND of keys) ---

    private static List<TreeSet<Integer>> and(List<TreeSet<Integer>> a, List<TreeSet<Integer>> b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if ((long) a.size() * b.size() > MAX_ALTERNATIVES) {
            return a.size() <= b.size() ? a : b;
        }
        List<TreeSet<Integer>> out = new ArrayList<>();
        for (TreeSet<Integer> x : a) {
            for (TreeSet<Integer> y : b) {
                TreeSet<Integer> s = new TreeSet<>(x);
                s.addAll(y);
                out.add(s);
            }
        }
        return simplify(out);
    }

    private static List<TreeSet<Integer>> or(List<TreeSet<Integer>> a, List<TreeSet<Integer>> b) {
        if (a == null || b == null) {
            return null;
        }
        List<TreeSet<Integer>> out = new ArrayList<>(a);
        out.addAll(b);
        return simplify(out);
    }

    /** Drops alternatives that contain another one (holding the larger set implies holding the smaller). */
    private static List<TreeSet<Integer>> simplify(List<TreeSet<Integer>> alternatives) {
        List<TreeSet<Integer>> sorted = new ArrayList<>(alternatives);
        sorted.sort((x, y) -> Integer.compare(x.size(), y.size()));
        List<TreeSet<Integer>> out = new ArrayList<>();
        for (TreeSet<Integer> s : sorted) {
            if (out.stream().noneMatch(s::containsAll)) {
                out.add(s);
            }
        }
        return out;
    }

    // --- the tsquery tree ---

    private sealed interface Node permits Lexeme, Not, And, Or, Phrase {
        List<TreeSet<Integer>> condition();

        /** The plain lexeme at the left edge of a phrase, or null. */
        default String first() {
            return null;
        }

        /** The plain lexeme at the right edge of a phrase, or null. */
        default String last() {
            return null;
        }
    }

    /** A lexeme; plain = no prefix (:*) and no weight, so it is exactly what the record's vector holds. */
    private record Lexeme(String text, boolean plain) implements Node {
        public List<TreeSet<Integer>> condition() {
            return null;
        }

        public String first() {
            return plain ? text : null;
        }

        public String last() {
            return plain ? text : null;
        }
    }

    private record Not(Node operand) implements Node {
        public List<TreeSet<Integer>> condition() {
            return null;
        }
    }

    private record And(Node left, Node right) implements Node {
        public List<TreeSet<Integer>> condition() {
            return and(left.condition(), right.condition());
        }
    }

    private record Or(Node left, Node right) implements Node {
        public List<TreeSet<Integer>> condition() {
            return or(left.condition(), right.condition());
        }
    }

    /** {@code left <distance> right}: right's first position is left's last position + distance. */
    private record Phrase(Node left, Node right, int distance) implements Node {
        public List<TreeSet<Integer>> condition() {
            List<TreeSet<Integer>> c = and(left.condition(), right.condition());
            String a = left.last();
            String b = right.first();
            if (distance == 1 && a != null && b != null) {
                c = and(c, List.of(new TreeSet<>(List.of(key(a, b)))));
            }
            return c;
        }

        public String first() {
            return left.first();
        }

        public String last() {
            return right.last();
        }
    }

    private enum Tok {
        LEXEME,
        NOT,
        AND,
        OR,
        PHRASE,
        OPEN,
        CLOSE,
        END
    }

    private static final class Parser {
        private final String s;
        private int i;
        private String lexeme;
        private boolean plain;

        Parser(String s) {
            this.s = s;
        }

        private void skipSpaces() {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
        }

        Tok peek() {
            skipSpaces();
            if (i >= s.length()) {
                return Tok.END;
            }
            return switch (s.charAt(i)) {
                case '\'' -> Tok.LEXEME;
                case '!' -> Tok.NOT;
                case '&' -> Tok.AND;
                case '|' -> Tok.OR;
                case '<' -> Tok.PHRASE;
                case '(' -> Tok.OPEN;
                case ')' -> Tok.CLOSE;
                default -> throw new IllegalArgumentException("unexpected character at " + i);
            };
        }

        Node or() {
            Node left = and();
            while (peek() == Tok.OR) {
                i++;
                left = new Or(left, and());
            }
            return left;
        }

        Node and() {
            Node left = phrase();
            while (peek() == Tok.AND) {
                i++;
                left = new And(left, phrase());
            }
            return left;
        }

        Node phrase() {
            Node left = unary();
            while (peek() == Tok.PHRASE) {
                int close = s.indexOf('>', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated phrase operator");
                }
                String inner = s.substring(i + 1, close);
                int d = inner.equals("-") ? 1 : Integer.parseInt(inner);
                i = close + 1;
                left = new Phrase(left, unary(), d);
            }
            return left;
        }

        Node unary() {
            Tok t = peek();
            switch (t) {
                case NOT -> {
                    i++;
                    return new Not(unary());
                }
                case OPEN -> {
                    i++;
                    Node inner = or();
                    if (peek() != Tok.CLOSE) {
                        throw new IllegalArgumentException("missing )");
                    }
                    i++;
                    return inner;
                }
                case LEXEME -> {
                    readLexeme();
                    return new Lexeme(lexeme, plain);
                }
                default -> throw new IllegalArgumentException("unexpected " + t);
            }
        }

        private void readLexeme() {
            StringBuilder b = new StringBuilder();
            i++; // opening quote
            while (true) {
                if (i >= s.length()) {
                    throw new IllegalArgumentException("unterminated lexeme");
                }
                char c = s.charAt(i++);
                if (c == '\\' && i < s.length()) {
                    b.append(s.charAt(i++));
                } else if (c == '\'') {
                    if (i < s.length() && s.charAt(i) == '\'') {
                        b.append('\'');
                        i++;
                    } else {
                        break;
                    }
                } else {
                    b.append(c);
                }
            }
            lexeme = b.toString();
            plain = true;
            if (i < s.length() && s.charAt(i) == ':') { // :* prefix and/or weights A-D
                plain = false;
                i++;
                while (i < s.length() && "*ABCDabcd".indexOf(s.charAt(i)) >= 0) {
                    i++;
                }
            }
        }
    }
}
