package org.tingvakt.classifier.secret;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tingvakt.classifier.rules.RuleHit;

/**
 * Finds credentials in a comment: private keys, well-known token formats (AWS, GitHub, Slack, Google, Stripe, OpenAI, JWT),
 * passwords in URLs, and a password or key given after its name in any of our languages ("adgangskoden er …",
 * "lösenord: …", "passord=…"). The token formats follow the public patterns used by secret scanners such as gitleaks.
 */
public final class SecretDetector {

    public static final String LABEL = "SECRET";

    /** A token format, tried only when one of its literal triggers occurs in the text (no regex pass otherwise). */
    private record Kind(String rule, Pattern pattern, double score, int needs, String... triggers) {
        Kind(String rule, Pattern pattern, double score, String... triggers) {
            this(rule, pattern, score, needs(triggers), triggers);
        }

        /** The characters (as bits of the pre-scan in detect) that every one of the triggers contains. */
        private static int needs(String... triggers) {
            int all = -1;
            for (String t : triggers) {
                int bits = (t.indexOf('-') >= 0 ? 1 : 0)
                        | (t.indexOf('_') >= 0 ? 2 : 0)
                        | (t.indexOf(':') >= 0 ? 4 : 0)
                        | (t.indexOf('A') >= 0 ? 8 : 0)
                        | (t.indexOf('J') >= 0 ? 16 : 0)
                        | (t.indexOf('x') >= 0 ? 32 : 0);
                all &= bits;
            }
            return all;
        }
    }

    private static final Kind URL_PASSWORD = new Kind(
            "secret.url-password", Pattern.compile("\\b[a-z][a-z0-9+.-]*://[^\\s:/@]+:([^\\s:/@]{3,})@"), 0.9, "://");

    private static final List<Kind> TOKENS = List.of(
            new Kind(
                    "secret.private-key",
                    Pattern.compile(
                            "-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----"),
                    0.99,
                    "-----BEGIN"),
            new Kind("secret.aws-access-key", Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"), 0.97, "AKIA", "ASIA"),
            new Kind(
                    "secret.github-token",
                    Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\\b"),
                    0.97,
                    "ghp_",
                    "gho_",
                    "ghu_",
                    "ghs_",
                    "ghr_",
                    "github_pat_"),
            new Kind("secret.slack-token", Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}"), 0.95, "xox"),
            new Kind("secret.google-api-key", Pattern.compile("\\bAIza[0-9A-Za-z_\\-]{35}"), 0.95, "AIza"),
            new Kind(
                    "secret.stripe-key",
                    Pattern.compile("\\b[sr]k_(?:live|test)_[0-9a-zA-Z]{16,}"),
                    0.95,
                    "k_live_",
                    "k_test_"),
            new Kind("secret.openai-key", Pattern.compile("\\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}"), 0.9, "sk-"),
            new Kind(
                    "secret.jwt",
                    Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
                    0.9,
                    "eyJ"),
            URL_PASSWORD);

    // "<password word> [is|er|är|er|on|=|:] <value>" where the value has no spaces and is 4+ characters. The lookahead
    // holds the first letters of every name: it rejects most positions before the word-boundary test and the 26-way
    // case-insensitive alternation run (same matches; the regex was half of this detector's time).
    private static final Pattern NAMED = Pattern.compile(
            "(?iu)(?=[paklstnc])\\b(pass(?:word|wd|ord|ordet|ordet)?|pwd|adgangskode(?:n)?|kodeord(?:et)?|lösenord(?:et)?|losenord(?:et)?"
                    + "|salasana|pin[- ]?kode(?:n)?|pin[- ]?kod(?:en)?|pin[- ]?code|api[-_ ]?key|api[-_ ]?nøgle(?:n)?"
                    + "|api[-_ ]?nyckel(?:n)?|api[-_ ]?nøkkel(?:en)?|access[-_ ]?token|secret[-_ ]?key|client[-_ ]?secret"
                    + "|token|nøgle(?:n)?|nyckel(?:n)?|nøkkel(?:en)?)"
                    + "(?:\\s+(?:til|till|for|för|to|på|i|ved|vid)\\s+[^\\s:=]+){0,2}"
                    + "(?:\\s+(?:er|är|e|is|on)\\b\\s*[:=]?|\\s*[:=])\\s*[\"'«“]?([^\\s\"'»”]{4,})");
    private static final String[] NAMED_TRIGGERS = {
        "pass",
        "Pass",
        "PASS",
        "pwd",
        "PWD",
        "kode",
        "Kode",
        "KODE",
        "lösen",
        "Lösen",
        "LÖSEN",
        "losen",
        "salasana",
        "Salasana",
        "api",
        "Api",
        "API",
        "token",
        "Token",
        "TOKEN",
        "secret",
        "Secret",
        "SECRET",
        "nøgle",
        "Nøgle",
        "nyckel",
        "Nyckel",
        "nøkkel",
        "Nøkkel",
        "pin",
        "Pin",
        "PIN"
    };

    /**
     * Whether some trigger starts with these two chars (first char below 0x80, second below 0x100; every trigger's are):
     * "p", "k", "a", "t", "s", "n" begin many words, and a startsWith per trigger at each of them was 5 % of
     * classify(). Only where the pair matches are the triggers compared (same answer).
     */
    private static final boolean[] NAMED_PAIR = new boolean[0x80 << 8];

    /** {@link #NAMED_TRIGGERS} by their first char. */
    private static final String[][] NAMED_BY_FIRST = new String[0x80][];

    static {
        for (String t : NAMED_TRIGGERS) {
            char c = t.charAt(0);
            String[] cur = NAMED_BY_FIRST[c];
            String[] next = cur == null ? new String[1] : java.util.Arrays.copyOf(cur, cur.length + 1);
            next[next.length - 1] = t;
            NAMED_BY_FIRST[c] = next;
            NAMED_PAIR[c << 8 | t.charAt(1)] = true;
        }
    }

    /**
     * Passwords in links, searched only in the stretches without a regex space ({@code \s}) that hold a "://": such a
     * match has none, and with transparent bounds the word boundary before it sees the char before the stretch, so the matches
     * are those of a search over the whole text. That search tried the scheme part at every position; YouTube comments
     * carry a link in one of ten.
     */
    private static void urlPasswords(String text, List<RuleHit> out) {
        Matcher m = URL_PASSWORD.pattern.matcher(text).useTransparentBounds(true);
        int from = 0;
        int at;
        while ((at = text.indexOf("://", from)) >= 0) {
            int s = at;
            while (s > 0 && !regexSpace(text.charAt(s - 1))) {
                s--;
            }
            int e = at + 3;
            while (e < text.length() && !regexSpace(text.charAt(e))) {
                e++;
            }
            m.region(s, e);
            while (m.find()) {
                out.add(new RuleHit(LABEL, URL_PASSWORD.score, m.start(), m.end(), URL_PASSWORD.rule, false));
            }
            from = e;
        }
    }

    /** The regex's {@code \s} (no UNICODE_CHARACTER_CLASS): the only chars the pattern's classes exclude besides : / @. */
    private static boolean regexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    public List<RuleHit> detect(String text) {
        List<RuleHit> out = new ArrayList<>(0);
        // Each format runs its regex only when its own trigger occurs ("gh" alone is in every "-ighed" and "right").
        // One pass for the characters every token trigger needs: most comments have no '_', ':' and no "-----", so most
        // formats are skipped without scanning the text for each of their triggers.
        int need = 0;
        boolean named = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-') {
                need |= 1;
            } else if (c == '_') {
                need |= 2;
            } else if (c == ':') {
                need |= 4;
            } else if (c == 'A') {
                need |= 8;
            } else if (c == 'J') {
                need |= 16;
            } else if (c == 'x') {
                need |= 32;
            }
            // the same pass asks whether a credential name's trigger starts here (before: 33 scans, one per trigger)
            char c1;
            if (!named
                    && c < 0x80
                    && i + 1 < text.length()
                    && (c1 = text.charAt(i + 1)) < 0x100
                    && NAMED_PAIR[c << 8 | c1]) {
                for (String trigger : NAMED_BY_FIRST[c]) {
                    if (text.startsWith(trigger, i)) {
                        named = true;
                        break;
                    }
                }
            }
        }
        for (Kind k : TOKENS) {
            if ((k.needs & need) != k.needs) {
                continue;
            }
            for (String trigger : k.triggers) {
                if (text.contains(trigger)) {
                    if (k == URL_PASSWORD) {
                        urlPasswords(text, out);
                        break;
                    }
                    Matcher m = k.pattern.matcher(text);
                    while (m.find()) {
                        out.add(new RuleHit(LABEL, k.score, m.start(), m.end(), k.rule, false));
                    }
                    break;
                }
            }
        }
        if (named) {
            Matcher m = NAMED.matcher(text);
            while (m.find()) {
                String value = m.group(2);
                if (plausibleSecret(value)) {
                    out.add(new RuleHit(LABEL, 0.9, m.start(), m.end(), "secret.named-credential", false));
                }
            }
        }
        return out;
    }

    /** A credential mixes kinds of characters; "adgangskoden er forkert" or "token til bussen" is not one. */
    static boolean plausibleSecret(String v) {
        int lower = 0;
        int upper = 0;
        int digit = 0;
        int other = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.isLowerCase(c)) {
                lower++;
            } else if (Character.isUpperCase(c)) {
                upper++;
            } else if (Character.isDigit(c)) {
                digit++;
            } else {
                other++;
            }
        }
        int kinds = (lower > 0 ? 1 : 0) + (upper > 0 ? 1 : 0) + (digit > 0 ? 1 : 0) + (other > 0 ? 1 : 0);
        if (v.endsWith(".") || v.endsWith(",") || v.endsWith("!") || v.endsWith("?")) {
            kinds = Math.max(kinds - 1, 1);
        }
        return kinds >= 2 || (digit >= 4 && digit == v.length());
    }
}
