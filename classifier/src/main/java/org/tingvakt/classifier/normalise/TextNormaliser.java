package org.tingvakt.classifier.normalise;

import java.text.Normalizer;

/**
 * Folds a comment into a skeleton that defeats the usual evasions while keeping a map back to the original offsets.
 *
 * <p>Written by hand because no library does this with offsets kept: ICU's transliterators and {@code java.text.Normalizer}
 * lose the mapping, and the moderator must see the exact characters that fired. Steps: lowercase; Cyrillic and Greek
 * look-alikes to Latin; Nordic spellings folded (æ/ä/ae → a, ø/ö/oe → o, å/aa → a) and other diacritics stripped;
 * leetspeak inside words (h0re, 1d10t); letters split by spaces or dots joined (i d i o t); emoji and masking stars inside
 * words dropped (f*ck); stretched letters collapsed (idiooooot); everything else becomes a single space.
 */
public final class TextNormaliser {

    private static final byte SEP = 0;
    private static final byte LETTER = 1;
    private static final byte DIGIT = 2;
    private static final byte LEET = 3;
    private static final byte SOFT = 4;

    private static final char[] CONFUSABLE = new char[0x3000];

    static {
        // Cyrillic and Greek letters that render like Latin ones.
        String pairs = "аaеeоoрpсcуyхxіiјjѕsкkмmнhтtвbгrпnиuьbαaοoεeιiκkνvρpτtυuχxβbμmηnγyςsδdλl";
        for (int i = 0; i + 1 < pairs.length(); i += 2) {
            CONFUSABLE[pairs.charAt(i)] = pairs.charAt(i + 1);
        }
    }

    private TextNormaliser() {}

    /** Packed decision for one code point: the folded char, its kind, a second char (þ → th, ß → ss), or skip. */
    private static final int SKIP = 1 << 28;
    /** Code points below this (Latin, Greek, Cyrillic) are decided once, at class load, by {@link #code}. */
    private static final int TABLE_LIMIT = 0x500;

    private static final int[] TABLE = new int[TABLE_LIMIT];

    static {
        for (int cp = 0; cp < 0x80; cp++) {
            TABLE[cp] = asciiCode((char) cp);
        }
        for (int cp = 0x80; cp < TABLE_LIMIT; cp++) {
            TABLE[cp] = code(cp);
        }
    }

    /** ASCII decisions (not the Unicode categories: '^' and '`' are masking, every other mark a separator). */
    private static int asciiCode(char ascii) {
        byte kind;
        char out = ' ';
        if (ascii >= 'a' && ascii <= 'z') {
            out = ascii;
            kind = LETTER;
        } else if (ascii >= 'A' && ascii <= 'Z') {
            out = (char) (ascii + 32);
            kind = LETTER;
        } else if (ascii >= '0' && ascii <= '9') {
            out = ascii;
            kind = ascii == '2' || ascii == '6' ? DIGIT : LEET;
        } else if (ascii == '@' || ascii == '$' || ascii == '!') {
            out = ascii;
            kind = LEET;
        } else if (ascii == '*' || ascii == '^' || ascii == '`') {
            kind = SOFT;
        } else {
            kind = SEP;
        }
        return out | kind << 16;
    }

    /**
     * What a non-ASCII code point becomes: dropped (zero-width, combining mark, format), a letter folded to its
     * skeleton, a digit, a leet char, a soft separator (emoji, symbols, masking star) or a separator. Called once per
     * code point below {@link #TABLE_LIMIT} (the table holds the answers; folding Danish text no longer asks the Unicode
     * tables for every æ, ø, å) and for every rarer one.
     */
    private static int code(int cp) {
        int type = Character.getType(cp);
        if (cp == 0x200B
                || cp == 0x200C
                || cp == 0x200D
                || cp == 0xFEFF
                || cp == 0xAD
                || type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || type == Character.FORMAT) {
            return SKIP;
        }
        char out;
        byte kind;
        char extra = 0;
        if (Character.isLetter(cp)) {
            int lc = Character.toLowerCase(cp);
            out = foldLetter(lc);
            if (out == 'þ') {
                out = 't';
                extra = 'h';
            } else if (out == 'ß') {
                out = 's';
                extra = 's';
            }
            kind = LETTER;
        } else if (cp >= '0' && cp <= '9') {
            out = (char) cp;
            kind = "01345789".indexOf(cp) >= 0 ? LEET : DIGIT;
        } else if (cp == '@' || cp == '$' || cp == '!') {
            out = (char) cp;
            kind = LEET;
        } else if (cp == '*'
                || type == Character.OTHER_SYMBOL
                || type == Character.SURROGATE
                || type == Character.MODIFIER_SYMBOL) {
            out = ' ';
            kind = SOFT;
        } else {
            out = ' ';
            kind = SEP;
        }
        return out | kind << 16 | extra << 20;
    }

    /**
     * Per-thread working arrays of {@link #fold} (fold is called per comment; eight new arrays of the text's length per
     * call were zeroed and written in freshly allocated memory). Only the first m entries of a call are ever read, so
     * what an earlier call left behind them does not matter; the result is built from copies.
     */
    private static final class Scratch {
        char[] c = new char[0];
        int[] st = new int[0];
        int[] en = new int[0];
        byte[] k = new byte[0];
        char[] orig = new char[0];
        char[] sb = new char[0];
        int[] os = new int[0];
        int[] oe = new int[0];

        void ensureInput(int size) {
            if (c.length < size) {
                int cap = Math.max(size, 512);
                c = new char[cap];
                st = new int[cap];
                en = new int[cap];
                k = new byte[cap];
                orig = new char[cap];
            }
        }

        void ensureOutput(int size) {
            if (sb.length < size) {
                int cap = Math.max(size, 512);
                sb = new char[cap];
                os = new int[cap];
                oe = new int[cap];
            }
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    public static FoldedText fold(String s) {
        int n = s.length();
        Scratch scratch = SCRATCH.get();
        scratch.ensureInput(n + 1);
        char[] c = scratch.c;
        int[] st = scratch.st;
        int[] en = scratch.en;
        byte[] k = scratch.k;
        char[] orig = scratch.orig;
        int m = 0;
        // which kinds of char occur: most comments have no leet char and no emoji or star, and then the passes that
        // only
        // change those are skipped (they changed nothing)
        int kinds = 0;
        for (int i = 0; i < n; ) {
            char ch = s.charAt(i);
            int len = 1;
            int code;
            if (ch < TABLE_LIMIT) {
                code = TABLE[ch];
            } else {
                int cp = s.codePointAt(i);
                len = Character.charCount(cp);
                code = code(cp);
            }
            if ((code & SKIP) != 0) {
                if (m > 0) {
                    en[m - 1] = i + len;
                }
                i += len;
                continue;
            }
            char out = (char) code;
            byte kind = (byte) ((code >>> 16) & 0xF);
            char extra = (char) ((code >>> 20) & 0xFF);
            c[m] = out;
            st[m] = i;
            en[m] = i + len;
            k[m] = kind;
            kinds |= 1 << kind;
            orig[m] = len == 1 ? s.charAt(i) : ' ';
            m++;
            if (extra != 0) {
                c[m] = extra;
                st[m] = i;
                en[m] = i + len;
                k[m] = LETTER;
                orig[m] = ' ';
                m++;
                if (m >= c.length - 1) {
                    c = java.util.Arrays.copyOf(c, c.length * 2);
                    st = java.util.Arrays.copyOf(st, st.length * 2);
                    en = java.util.Arrays.copyOf(en, en.length * 2);
                    k = java.util.Arrays.copyOf(k, k.length * 2);
                    orig = java.util.Arrays.copyOf(orig, orig.length * 2);
                    scratch.c = c;
                    scratch.st = st;
                    scratch.en = en;
                    scratch.k = k;
                    scratch.orig = orig;
                }
            }
            i += len;
        }
        if ((kinds & 1 << LEET) != 0) {
            resolveLeet(c, k, m);
        }
        joinSpacedLetters(k, orig, m);
        // Emoji or masking star between two letters is dropped (idi😡ot, f*ck); elsewhere it separates words.
        for (int i = 0; (kinds & 1 << SOFT) != 0 && i < m; i++) {
            if (k[i] == SOFT) {
                int a = i - 1;
                int b = i + 1;
                while (b < m && k[b] == SOFT) {
                    b++;
                }
                boolean inWord = a >= 0 && k[a] == LETTER && b < m && k[b] == LETTER;
                for (int j = i; j < b; j++) {
                    k[j] = inWord ? (byte) -1 : SEP;
                }
                i = b - 1;
            }
        }
        return build(c, st, en, k, m, scratch);
    }

    private static char foldLetter(int lc) {
        if (lc < CONFUSABLE.length && CONFUSABLE[lc] != 0) {
            return CONFUSABLE[lc];
        }
        switch (lc) {
            case 'æ':
            case 'ä':
            case 'å':
            case 'à':
            case 'á':
            case 'â':
            case 'ã':
            case 'ą':
                return 'a';
            case 'ø':
            case 'ö':
            case 'œ':
            case 'ò':
            case 'ó':
            case 'ô':
            case 'õ':
            case 'ő':
                return 'o';
            case 'ü':
            case 'ù':
            case 'ú':
            case 'û':
            case 'ű':
                return 'u';
            case 'é':
            case 'è':
            case 'ê':
            case 'ë':
            case 'ę':
                return 'e';
            case 'ð':
                return 'd';
            case 'þ':
                return 'þ';
            case 'ß':
                return 'ß';
            default:
                if (lc < 0x80) {
                    return (char) lc;
                }
                if (lc > 0xFFFF) {
                    return '?';
                }
                String d = Normalizer.normalize(String.valueOf((char) lc), Normalizer.Form.NFD);
                return d.charAt(0);
        }
    }

    /** Digits and @ $ ! count as letters only inside a run that holds a real letter (h0re, 1d10t, $vin), never in 2024. */
    private static void resolveLeet(char[] c, byte[] k, int m) {
        int i = 0;
        while (i < m) {
            if (k[i] == SEP || k[i] == SOFT) {
                i++;
                continue;
            }
            int j = i;
            boolean hasLetter = false;
            while (j < m && k[j] != SEP && k[j] != SOFT) {
                if (k[j] == LETTER) {
                    hasLetter = true;
                }
                j++;
            }
            for (int x = i; x < j; x++) {
                if (k[x] != LEET) {
                    continue;
                }
                boolean mapIt = hasLetter;
                if (c[x] == '!') {
                    mapIt = x > i && x + 1 < j && k[x - 1] == LETTER && k[x + 1] == LETTER;
                }
                if (mapIt) {
                    c[x] = leet(c[x]);
                    k[x] = LETTER;
                } else if (c[x] >= '0' && c[x] <= '9') {
                    k[x] = DIGIT;
                } else {
                    c[x] = ' ';
                    k[x] = SEP;
                }
            }
            i = j;
        }
    }

    private static char leet(char ch) {
        switch (ch) {
            case '0':
                return 'o';
            case '1':
            case '!':
                return 'i';
            case '3':
                return 'e';
            case '4':
            case '@':
                return 'a';
            case '5':
            case '$':
                return 's';
            case '7':
                return 't';
            case '8':
                return 'b';
            case '9':
                return 'g';
            default:
                return ch;
        }
    }

    /** "i d i o t", "i.d.i.o.t", "i-d-i-o-t": three or more single letters, each split by one separator, become a word. */
    private static void joinSpacedLetters(byte[] k, char[] orig, int m) {
        int i = 0;
        while (i < m) {
            if (k[i] == LETTER && (i == 0 || k[i - 1] == SEP) && (i + 1 >= m || k[i + 1] == SEP)) {
                int count = 1;
                int j = i;
                while (j + 2 < m
                        && k[j + 1] == SEP
                        && isSplitter(orig[j + 1])
                        && k[j + 2] == LETTER
                        && (j + 3 >= m || k[j + 3] == SEP)) {
                    j += 2;
                    count++;
                }
                if (count >= 3) {
                    for (int x = i + 1; x < j; x += 2) {
                        k[x] = -1;
                    }
                    i = j + 1;
                    continue;
                }
            }
            i++;
        }
    }

    private static boolean isSplitter(char ch) {
        return ch == ' ' || ch == '.' || ch == '-' || ch == '_' || ch == '*' || ch == '·';
    }

    /** Character.isLetter with an ASCII fast path (the folded text is nearly all ASCII; same answers). */
    private static boolean isLetter(char ch) {
        return ch < 0x80 ? (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z' : Character.isLetter(ch);
    }

    private static FoldedText build(char[] c, int[] st, int[] en, byte[] k, int m, Scratch scratch) {
        scratch.ensureOutput(m + 2);
        char[] sb = scratch.sb;
        int[] os = scratch.os;
        int[] oe = scratch.oe;
        sb[0] = ' ';
        int o = 1;
        for (int i = 0; i < m; i++) {
            if (k[i] == -1) {
                continue;
            }
            if (k[i] == SEP || k[i] == SOFT) {
                if (sb[o - 1] != ' ') {
                    sb[o] = ' ';
                    os[o] = st[i];
                    oe[o] = en[i];
                    o++;
                }
                continue;
            }
            char ch = c[i];
            char prev = sb[o - 1];
            // the cheap char tests first: isLetter is only asked about the rare stretched letter or "ae"/"oe"; the
            // tests are
            // combined without short-circuits (& |), so that the common "no" is one well-predicted branch, not a chain
            // of
            // branches on whether this char is an 'e' (which follows no pattern)
            boolean twin = (ch == prev | ch == 'e' & (prev == 'a' | prev == 'o')) & k[i] == LETTER & prev != ' ';
            if (twin && isLetter(prev)) {
                oe[o - 1] = en[i];
                continue;
            }
            sb[o] = ch;
            os[o] = st[i];
            oe[o] = en[i];
            o++;
        }
        if (sb[o - 1] != ' ') {
            sb[o] = ' ';
            int last = m == 0 ? 0 : en[m - 1];
            os[o] = last;
            oe[o] = last;
            o++;
        }
        if (o == 1) {
            os[0] = 0;
            oe[0] = 0;
        } else {
            os[0] = os[1];
            oe[0] = os[1];
        }
        return new FoldedText(new String(sb, 0, o), java.util.Arrays.copyOf(os, o), java.util.Arrays.copyOf(oe, o));
    }
}
