package org.tingvakt.classifier.pii;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.iban4j.IbanUtil;
import org.tingvakt.classifier.ClassificationContext;
import org.tingvakt.classifier.Language;
import org.tingvakt.classifier.rules.RuleHit;

/**
 * Finds personal data in the original text: Nordic national IDs (each by its own date and checksum rule), phone numbers
 * (libphonenumber), e-mail addresses, IBANs (iban4j), card numbers (Luhn), Norwegian and Swedish bank accounts, street
 * addresses, and health or similar facts next to a person's name.
 */
public final class PersonalDataDetector {

    public static final String LABEL = "PERSONAL_DATA";

    // 6 or 8 digits, an optional separator, 4 digits: CPR, personnummer (10 or 12 digits); never inside a longer
    // number.
    private static final Pattern ID_10_12 =
            Pattern.compile("(?<!\\d)(?<!\\d[.,/-])(\\d{6}|\\d{8})([-+ ]?)(\\d{4})(?!\\d|[.,/-]\\d)");
    private static final Pattern ID_11 = Pattern.compile("(?<!\\d)(?<!\\d[.,/-])(\\d{6}) ?(\\d{5})(?!\\d|[.,/-]\\d)");
    private static final Pattern HETU =
            Pattern.compile("(?<![\\dA-Za-z])(\\d{6}[-+A-FU-Ya-fu-y]\\d{3}[0-9A-Ya-y])(?![\\dA-Za-z])");
    private static final Pattern NO_ACCOUNT = Pattern.compile("(?<![\\d.])(\\d{4})\\.(\\d{2})\\.(\\d{5})(?![\\d])");
    private static final Pattern IBAN =
            Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z\\d]{4}){2,7}(?: ?[A-Z\\d]{1,4})?\\b");
    private static final Pattern CARD = Pattern.compile("(?<![\\d-])(?:\\d[ -]?){12,18}\\d(?![\\d-])");
    private static final Pattern SE_ACCOUNT = Pattern.compile(
            "(?iu)\\b(?:konto(?:nummer|nr)?|clearing(?:nummer|nr)?|kontonr|reg\\.? ?nr|registreringsnummer|account)"
                    + "\\.?:?\\s*(\\d{4}[ -]?\\d{1,2}[ -]?\\d{3,10}(?:[ -]?\\d{1,4})?)");
    private static final Pattern ID_CUE = Pattern.compile("(?iu)(cpr)|(person(?:nummer|nr)|samordningsnummer|pnr)"
            + "|(fødselsnummer|fødselsnr|d-nummer|personnummer)|(henkilötunnu|hetu|sotu)");
    private static final Pattern ADDRESS = Pattern.compile(
            "\\b\\p{Lu}[\\p{L}-]{0,40}(?:vej|vejen|gade|gaden|gatan|gata|vägen|väg|veien|vegen|vei|veg|gaten|gate|stræde|allé|alle"
                    + "|plads|torv|torget|gränd|stien|stigen|bakken|backe|tie|katu|tie)\\s+\\d{1,4}\\s?[A-Za-z]?\\b"
                    + "(?:,?\\s*(?:\\d+\\.?\\s*(?:tv|th|mf|sal)\\.?,?\\s*)?\\d{4,5}\\s+\\p{Lu}\\p{L}+)?");
    /** Digits after a "house number" that make it the start of a phone number ("Servicetorget 67 93 40 00"). */
    private static final Pattern PHONE_TAIL = Pattern.compile("[ .-]?\\d{2}[ .-]?\\d{2}(?!\\d)");

    /** "X is a cancer", "er som en pest": a health word as a metaphor, not a fact about a named person. */
    private static final Pattern METAPHOR = Pattern.compile(
            "(?iu)\\b(?:er|är|e|is|are|was|var|blir|bliver|becomes)\\s+(?:(?:som|like)\\s+)?(?:en|ein|ei|et|ett|a|an)\\s+(?:\\p{L}+\\s+)?$");

    private static final Pattern NAME = Pattern.compile("\\b\\p{Lu}\\p{Ll}{2,}(?:\\s\\p{Lu}\\p{Ll}{2,})?\\b");
    private static final Set<String> NOT_NAMES = Set.of(
            "jeg",
            "han",
            "hun",
            "det",
            "den",
            "vi",
            "de",
            "jag",
            "hon",
            "eg",
            "ho",
            "the",
            "min",
            "mor",
            "far",
            "kommunen",
            "hvis",
            "når",
            "man",
            "dere",
            "der",
            "hvem",
            "hvad",
            "vad",
            "kva",
            "hva",
            "she",
            "he",
            "they",
            "his",
            "her",
            "mit",
            "mine",
            "din",
            "dit",
            "hennes",
            "hans",
            "og",
            "och",
            "men",
            "som",
            "alle",
            "alla",
            "mange",
            "många",
            "nogle",
            "några",
            "ingen",
            "hele",
            "hela",
            "heile",
            "sin",
            "sit",
            "sine",
            "hendes",
            "deres",
            "deras",
            "dykkar",
            "our",
            "mr",
            "mrs",
            "ms",
            "dr",
            "kan",
            "har",
            "ring",
            "ringe",
            "ringa",
            "skriv",
            "send",
            "kontakt",
            "kontakta",
            "call",
            "husk",
            "kom",
            "se");
    private static final Pattern PHONE_CANDIDATE =
            Pattern.compile("(?<![\\w/=&.%-])\\+?\\(?\\d[\\d ()./-]{5,20}\\d(?![\\w/%])");
    private static final Pattern YEAR_LIKE = Pattern.compile("(?:19|20)\\d\\d[-/.]\\d+");
    private static final Pattern PHONE_CUE = Pattern.compile(
            "(?iu)\\b(?:tlf|tel|telefon|telefonnummer|telefonnr|ring|ringe|ringa|mobil|mobilnr|phone|sms|whatsapp)\\b");
    private static final String[] PHONE_REGIONS = {"DK", "SE", "NO", "FI"};

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    /** Most phone-like candidates one comment has checked by libphonenumber (each check costs microseconds). */
    static final int MAX_PHONE_CANDIDATES = 64;

    /**
     * Most occurrences of private-looking numbers whose context one comment reads (office names, switchboard shape,
     * advert) before it stops: each reading looks at the words before the number, so a 100,000-character comment of
     * one business's number repeated (its advert: never flagged, so the span cap never ends the loop) would otherwise
     * read thousands of windows. A comment with more numbers than this is judged on its first ones.
     */
    static final int MAX_PHONE_OCCURRENCES = 256;

    public List<RuleHit> detect(String text, Language lang, List<RuleHit> ruleHits) {
        return detect(text, lang, ruleHits, ClassificationContext.NONE);
    }

    /**
     * The personal data in the text. Contact details of public bodies ({@link PublicContacts}) and the organisation's own
     * ({@code context}) are not personal data and are not reported.
     */
    public List<RuleHit> detect(String text, Language lang, List<RuleHit> ruleHits, ClassificationContext context) {
        List<RuleHit> out = new ArrayList<>(0);
        int digits = 0;
        boolean at = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '@') {
                at = true;
            }
        }
        int run = digits >= 6 ? longestDigitRun(text) : 0;
        if (run >= 10) {
            nationalIds(text, lang, out);
        }
        if (digits >= 9) {
            Matcher h = HETU.matcher(text);
            while (!full(out) && h.find()) {
                String hetu = h.group(1);
                // DDMMYY-NNNN with a digit as check character is also the shape of a CPR or a personnummer: only a
                // Finnish comment or a HETU word before it makes it a HETU.
                boolean allDigits = hetu.charAt(6) == '-' && Character.isDigit(hetu.charAt(10));
                if (NationalIds.isFinnish(hetu)
                        && (!allDigits || lang == Language.FI || cueBefore(text, h.start()) == 4)) {
                    add(out, h.start(1), h.end(1), 0.95, "pii.fi-hetu");
                }
            }
        }
        if (run >= 11 || digits >= 12 && hasIbanStart(text)) {
            accounts(text, out);
        }
        if (run >= 7) {
            phonesIn(text, lang, out, context);
        }
        if (digits >= 1) {
            for (RuleHit h : ruleHits) {
                if (h.name().equals("STREET")) {
                    Matcher a = ADDRESS.matcher(text).region(Math.max(0, h.start() - 40), text.length());
                    while (!full(out) && a.find()) {
                        if (!context.ownAddress(a.group())
                                && !PHONE_TAIL
                                        .matcher(text)
                                        .region(a.end(), text.length())
                                        .lookingAt()
                                && !PublicContacts.officeBefore(text, a.start())) {
                            add(out, a.start(), a.end(), 0.8, "pii.street-address");
                        }
                    }
                    break;
                }
            }
        }
        if (at) {
            emails(text, out, context);
        }
        for (RuleHit h : ruleHits) {
            if (full(out)) {
                break;
            }
            if (h.name().equals("HEALTH")) {
                healthNearName(text, h, out);
            }
        }
        return out;
    }

    private static final int MAX_LOCAL_PART = 64;

    /**
     * Most e-mail addresses one comment has checked against the public domains and mailboxes: a hostile comment of
     * thousands of public addresses would otherwise cost thousands of domain look-ups.
     */
    static final int MAX_EMAIL_CANDIDATES = 64;

    private static final int MAX_DOMAIN = 255;

    /**
     * E-mail addresses: for each '@', the local part ({@code [\\p{L}\\d._%+-]}, at most 64 chars) before it and the domain
     * (labels of {@code [\\p{L}\\d-]} joined by dots, at most 255 chars, ending in a dot and two or more letters) after it,
     * scanned by hand. The regular expression used before tried its greedy local part from every position of a word, which
     * is quadratic in the word's length (a 20,000-char word ending in '@' took 8 s).
     */
    static void emails(String text, List<RuleHit> out, ClassificationContext context) {
        int from = 0;
        int at;
        int n = text.length();
        int municipal = -1; // whether the comment names a municipality: decided once, when first needed
        int addresses = 0;
        int nameChecks = 0; // each scans the comment: a hostile one with thousands of addresses gets MAX_HITS of them
        while (!full(out) && (at = text.indexOf('@', from)) >= 0) {
            from = at + 1;
            int s = at;
            while (s > 0 && at - s < MAX_LOCAL_PART && localChar(text.charAt(s - 1))) {
                s--;
            }
            if (s == at) {
                continue;
            }
            int limit = Math.min(n, at + 1 + MAX_DOMAIN);
            int e = at + 1;
            int end = -1;
            int labelLength = 0;
            int letters = 0;
            boolean dot = false;
            while (e < limit) {
                char c = text.charAt(e);
                if (c == '.') {
                    if (labelLength == 0) {
                        break;
                    }
                    labelLength = 0;
                    letters = 0;
                    dot = true;
                    e++;
                    continue;
                }
                if (!(Character.isLetterOrDigit(c) || c == '-')) {
                    break;
                }
                labelLength++;
                letters = Character.isLetter(c) && (letters == labelLength - 1) ? letters + 1 : letters;
                e++;
                // a top-level domain: two or more letters right after a dot that follows a first label
                if (dot && letters >= 2 && letters == labelLength) {
                    end = e;
                }
            }
            if (end < 0) {
                continue;
            }
            if (addresses++ >= MAX_EMAIL_CANDIDATES) {
                break;
            }
            String address = text.substring(s, end);
            if (PublicContacts.publicEmail(address) || context.ownEmail(address)) {
                continue;
            }
            if (PublicContacts.municipalCandidate(address) && nameChecks++ < MAX_HITS) {
                if (municipal < 0) {
                    municipal = PublicContacts.namesMunicipality(text) ? 1 : 0;
                }
                if (municipal == 1 && !PublicContacts.nameInText(text, address)) {
                    continue;
                }
            }
            add(out, s, end, 0.9, "pii.email");
        }
    }

    private static boolean localChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private void nationalIds(String text, Language lang, List<RuleHit> out) {
        Matcher m = ID_10_12.matcher(text);
        while (!full(out) && m.find()) {
            String sep = m.group(2);
            String d = m.group(1) + m.group(3);
            int cue = cueBefore(text, m.start());
            // A word such as "CPR" or "personnummer" right before the number says which country's rule applies; without
            // one, the comment's language decides which rule is tried first.
            boolean danishFirst = cue == 1 || cue == 0 && (lang == Language.DA);
            boolean swedishAllowed = cue == 0 || cue == 2;
            boolean danishAllowed = d.length() == 10 && (cue == 0 || cue == 1);
            String rule = null;
            double score = 0.95;
            if (sep.isEmpty() && cue == 0 && lang != Language.DA && d.length() == 10 && looksLikeSwedishMobile(d)) {
                continue; // 07xxxxxxxx written together, in a non-Danish comment, with no ID word before it: a mobile
                // number
            }
            if (danishFirst && danishAllowed && NationalIds.isDanish(d)) {
                rule = "pii.dk-cpr";
            } else if (swedishAllowed
                    && NationalIds.isSwedish(d)
                    && !(sep.isEmpty() && d.length() == 10 && looksLikeSwedishMobile(d) && cue != 2)) {
                rule = NationalIds.isSwedishCoordination(d) ? "pii.se-samordningsnummer" : "pii.se-personnummer";
            } else if (danishAllowed && NationalIds.isDanish(d)) {
                rule = "pii.dk-cpr";
            } else if (cue == 1 && NationalIds.isDanishDate(d)) {
                // Since 2007 some CPR numbers fail modulus 11. Labelled "CPR" with a real date, it is shown as a near
                // miss
                // (score below the threshold) rather than reported: the checksum rule decides.
                rule = "pii.dk-cpr-labelled-no-checksum";
                score = 0.45;
            }
            if (rule != null) {
                add(out, m.start(), m.end(), score, rule);
            }
        }
        Matcher n = ID_11.matcher(text);
        while (!full(out) && n.find()) {
            String d = n.group(1) + n.group(2);
            if (NationalIds.isNorwegian(d)) {
                add(
                        out,
                        n.start(),
                        n.end(),
                        0.95,
                        NationalIds.isNorwegianDNumber(d) ? "pii.no-d-number" : "pii.no-fodselsnummer");
            }
        }
    }

    /**
     * Digits in the longest stretch of digits and single separators (space, dash, dot, slash, plus, brackets): numbers
     * too short to be an ID, a phone or an account skip the costly matchers.
     */
    static int longestDigitRun(String text) {
        int best = 0;
        int cur = 0;
        int gap = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                cur++;
                gap = 0;
                best = Math.max(best, cur);
            } else if ((c == ' ' || c == '-' || c == '.' || c == '/' || c == '+' || c == '(' || c == ')') && gap == 0) {
                gap = 1;
            } else {
                cur = 0;
                gap = 0;
            }
        }
        return best;
    }

    private static boolean hasIbanStart(String text) {
        for (int i = 0; i + 3 < text.length(); i++) {
            if (Character.isUpperCase(text.charAt(i))
                    && Character.isUpperCase(text.charAt(i + 1))
                    && Character.isDigit(text.charAt(i + 2))
                    && Character.isDigit(text.charAt(i + 3))) {
                return true;
            }
        }
        return false;
    }

    private static boolean looksLikeSwedishMobile(String d) {
        return d.startsWith("07");
    }

    /** 0: no cue; 1 Danish, 2 Swedish, 3 Norwegian, 4 Finnish: the last ID word within 30 characters before pos. */
    private static int cueBefore(String text, int pos) {
        int from = Math.max(0, pos - 30);
        Matcher m = ID_CUE.matcher(text).region(from, pos);
        int cue = 0;
        while (m.find()) {
            for (int g = 1; g <= 4; g++) {
                if (m.group(g) != null) {
                    cue = g;
                }
            }
        }
        return cue;
    }

    private void accounts(String text, List<RuleHit> out) {
        Matcher m = IBAN.matcher(text);
        while (!full(out) && m.find()) {
            String iban = m.group().replace(" ", "");
            if (IbanUtil.isValid(iban) && !PublicContacts.officeBefore(text, m.start())) {
                add(out, m.start(), m.end(), 0.95, "pii.iban");
            }
        }
        Matcher c = CARD.matcher(text);
        while (!full(out) && c.find()) {
            String d = c.group().replace(" ", "").replace("-", "");
            char first = d.charAt(0);
            if (d.length() >= 13
                    && d.length() <= 19
                    && "3456".indexOf(first) >= 0
                    && NationalIds.luhn(d)
                    && !overlaps(out, c.start(), c.end())
                    && !inUrl(text, c.start())) {
                add(out, c.start(), c.end(), 0.9, "pii.card-number");
            }
        }
        Matcher no = NO_ACCOUNT.matcher(text);
        while (!full(out) && no.find()) {
            if (NationalIds.isNorwegianAccount(no.group(1) + no.group(2) + no.group(3))
                    && !PublicContacts.officeBefore(text, no.start())) {
                add(out, no.start(), no.end(), 0.9, "pii.no-bank-account");
            }
        }
        Matcher se = SE_ACCOUNT.matcher(text);
        while (!full(out) && se.find()) {
            if (!overlaps(out, se.start(1), se.end(1)) && !PublicContacts.officeBefore(text, se.start())) {
                add(out, se.start(1), se.end(1), 0.85, "pii.bank-account");
            }
        }
    }

    private void phonesIn(String text, Language lang, List<RuleHit> out, ClassificationContext context) {
        String first = switch (lang) {
            case SV -> "SE";
            case NB, NN -> "NO";
            case FI -> "FI";
            default -> "DK";
        };
        // Parsing short candidates is ~100x cheaper than libphonenumber's findNumbers over the whole text, which costs
        // hundreds of microseconds per region on digit-heavy comments. A hostile comment of 20,000 chars of "1 1 1 …"
        // still has ~900 candidates: a cheap parse comes first, repeated candidates are decided once, and at most
        // MAX_PHONE_CANDIDATES distinct ones are checked per comment.
        Matcher m = PHONE_CANDIDATE.matcher(text);
        java.util.Map<String, Boolean> seen = new java.util.HashMap<>();
        // whether the comment reads as a business's advert (a company form, offers, prices): a fact of the whole
        // comment, decided once when first needed; whose each number is, is decided from the words before it
        int advert = -1;
        int examined = 0;
        while (!full(out) && m.find()) {
            int s = m.start();
            int e = m.end();
            String raw = m.group();
            int digits = 0;
            for (int i = 0; i < raw.length(); i++) {
                if (Character.isDigit(raw.charAt(i))) {
                    digits++;
                }
            }
            if (digits < 7
                    || digits > 15
                    || inUrl(text, s)
                    || overlaps(out, s, e)
                    || YEAR_LIKE.matcher(raw).matches()) {
                continue;
            }
            // A bare run of digits with no phone-like formatting is more often an ordinary number (amount, case no.).
            boolean formatted = raw.startsWith("+")
                    || raw.startsWith("00")
                    || raw.indexOf(' ') > 0
                    || raw.indexOf('-') > 0
                    || phoneCue(text, s);
            if (!formatted) {
                continue;
            }
            Boolean known = seen.get(raw);
            if (known == null) {
                if (seen.size() >= MAX_PHONE_CANDIDATES) {
                    break;
                }
                known = privatePhone(raw, first);
                seen.put(raw, known);
            }
            if (known && ++examined > MAX_PHONE_OCCURRENCES) {
                break;
            }
            if (known
                    && !PublicContacts.organisationNumber(text, s, digitsOf(raw))
                    && !PublicContacts.labelledOrganisationNumber(text, s, digitsOf(raw))
                    && !PublicContacts.publicLines(raw)
                    && !context.ownPhone(raw)
                    && !PublicContacts.officeBefore(text, s)
                    && !PublicContacts.switchboardNumber(text, s, raw, first)
                    && !((advert < 0 ? (advert = PublicContacts.advertises(text) ? 1 : 0) : advert) == 1
                            && PublicContacts.businessAdvert(text, s))) {
                add(out, s, e, 0.9, "pii.phone-number");
            }
        }
    }

    /** A valid number in one of the Nordic regions (the comment's own first) that is not a public service number. */
    private boolean privatePhone(String raw, String first) {
        Boolean v = verdictIn(raw, first);
        if (v != null) {
            return v;
        }
        for (String region : PHONE_REGIONS) {
            if (!region.equals(first) && (v = verdictIn(raw, region)) != null) {
                return v;
            }
        }
        return false;
    }

    private static String digitsOf(String raw) {
        StringBuilder d = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            if (Character.isDigit(raw.charAt(i))) {
                d.append(raw.charAt(i));
            }
        }
        return d.toString();
    }

    /**
     * A valid, private-looking number in the region: a cheap parse and validity check first (most hostile or ordinary
     * digit runs fail it), then findNumbers on the candidate, which keeps libphonenumber's own candidate checks (they
     * reject "1 250 000"); toll-free, shared-cost and other service numbers are an organisation's, not a person's.
     */
    private Boolean verdictIn(String raw, String region) {
        com.google.i18n.phonenumbers.Phonenumber.PhoneNumber n;
        try {
            n = phones.parse(raw, region);
        } catch (com.google.i18n.phonenumbers.NumberParseException e) {
            return null;
        }
        if (!phones.isValidNumber(n)) {
            return null;
        }
        var it = phones.findNumbers(raw, region, PhoneNumberUtil.Leniency.VALID, 5)
                .iterator();
        if (!it.hasNext()) {
            return null;
        }
        return !PublicContacts.serviceNumber(it.next().number());
    }

    /** True when pos lies inside a link (a word with "://" or starting "www."): digits there are ids, not data. */
    static boolean inUrl(String text, int pos) {
        int from = pos;
        while (from > 0 && !Character.isWhitespace(text.charAt(from - 1))) {
            from--;
        }
        int to = pos;
        while (to < text.length() && !Character.isWhitespace(text.charAt(to))) {
            to++;
        }
        String word = text.substring(from, to);
        return word.contains("://") || word.startsWith("www.");
    }

    private static boolean phoneCue(String text, int pos) {
        return PHONE_CUE.matcher(text).region(Math.max(0, pos - 25), pos).find();
    }

    private static void healthNearName(String text, RuleHit health, List<RuleHit> out) {
        int from = Math.max(0, health.start() - 60);
        if (METAPHOR.matcher(text)
                .region(Math.max(from, health.start() - 30), health.start())
                .find()) {
            return;
        }
        Matcher m = NAME.matcher(text).region(from, health.start());
        int nameStart = -1;
        while (m.find()) {
            String w = m.group().split("\\s")[0].toLowerCase(Locale.ROOT);
            if (!NOT_NAMES.contains(w)) {
                nameStart = m.start();
            }
        }
        if (nameStart >= 0) {
            add(out, nameStart, health.end(), 0.75, "pii.sensitive-fact-named-person");
        }
    }

    private static boolean overlaps(List<RuleHit> hits, int s, int e) {
        for (RuleHit h : hits) {
            if (h.start() < e && s < h.end()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Most personal-data hits reported for one comment: the label is decided by the first, and a hostile comment of
     * thousands of addresses or numbers must not cost thousands of overlap checks and office-word look-ups each.
     */
    static final int MAX_HITS = 16;

    private static boolean full(List<RuleHit> out) {
        return out.size() >= MAX_HITS;
    }

    private static void add(List<RuleHit> out, int s, int e, double score, String rule) {
        if (!full(out) && !overlaps(out, s, e)) {
            out.add(new RuleHit(LABEL, score, s, e, rule, false));
        }
    }
}
