package org.tingvakt.classifier.pii;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tingvakt.classifier.normalise.TextNormaliser;

/**
 * Contact details of public bodies and organisations, which are not personal data: e-mail addresses in municipal and
 * government domains or role mailboxes ("postmottak@", "kundcenter@"), service numbers (toll-free, shared-cost and
 * other non-geographic numbers, Danish 70/80 numbers), numbers and addresses that a comment gives as an office's
 * ("kommunens servicecenter på …", "besøksadresse …"), and organisation numbers. A private person's number, e-mail
 * address or street address stays personal data: the office wording must come right before the detail, with no
 * personal word ("min", "hans", "bor", "privat", …) between them.
 */
public final class PublicContacts {

    private PublicContacts() {}

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final String[] REGIONS = {"DK", "SE", "NO", "FI"};

    /** Government and public-service domains (and their subdomains). */
    private static final Set<String> PUBLIC_DOMAINS = Set.of(
            // Denmark
            "borger.dk",
            "skat.dk",
            "sundhed.dk",
            "politi.dk",
            "sst.dk",
            "atp.dk",
            "udbetaling.dk",
            "virk.dk",
            "digst.dk",
            "kl.dk",
            "ft.dk",
            "stm.dk",
            "regionh.dk",
            "rm.dk",
            "rsyd.dk",
            "rn.dk",
            "regionsjaelland.dk",
            "kk.dk",
            "aarhus.dk",
            "odense.dk",
            "aalborg.dk",
            "vejdirektoratet.dk",
            "erhvervsstyrelsen.dk",
            "domstol.dk",
            "ufm.dk",
            "uvm.dk",
            "sm.dk",
            "im.dk",
            "ast.dk",
            "at.dk",
            "mst.dk",
            "dr.dk",
            "bm.dk",
            "km.dk",
            // Sweden
            "skatteverket.se",
            "forsakringskassan.se",
            "1177.se",
            "polisen.se",
            "migrationsverket.se",
            "arbetsformedlingen.se",
            "csn.se",
            "regeringen.se",
            "riksdagen.se",
            "bolagsverket.se",
            "trafikverket.se",
            "lansstyrelsen.se",
            "msb.se",
            "folkhalsomyndigheten.se",
            "socialstyrelsen.se",
            "kriminalvarden.se",
            "domstol.se",
            "skr.se",
            "pensionsmyndigheten.se",
            "kronofogden.se",
            "transportstyrelsen.se",
            "stockholm.se",
            "goteborg.se",
            "malmo.se",
            "uppsala.se",
            "vgregion.se",
            "skane.se",
            // Norway
            "nav.no",
            "skatteetaten.no",
            "politiet.no",
            "helsenorge.no",
            "udi.no",
            "udir.no",
            "lanekassen.no",
            "regjeringen.no",
            "stortinget.no",
            "brreg.no",
            "vegvesen.no",
            "fhi.no",
            "helsedirektoratet.no",
            "domstol.no",
            "ks.no",
            "kommune.no",
            "fylkeskommune.no",
            "statsforvalteren.no",
            "dsb.no",
            "altinn.no",
            // Finland and international
            "kela.fi",
            "vero.fi",
            "poliisi.fi",
            "gov.uk",
            "europa.eu");

    /** Mailbox names of offices, not of people (on a domain that is not a free-mail provider). */
    private static final Set<String> ROLE_MAILBOXES = Set.of(
            "post",
            "postmottak",
            "postmottaket",
            "info",
            "kontakt",
            "kontakta",
            "contact",
            "kommune",
            "kommunen",
            "kommun",
            "registrator",
            "registratur",
            "registrering",
            "kundcenter",
            "kundcentrum",
            "kundservice",
            "kundeservice",
            "kontaktcenter",
            "kontaktcentret",
            "servicecenter",
            "servicesenter",
            "servicetorget",
            "borgerservice",
            "borgarservice",
            "support",
            "presse",
            "press",
            "media",
            "redaktion",
            "redaksjon",
            "raadhus",
            "radhus",
            "sekretariat",
            "sekretariatet",
            "noreply",
            "no-reply",
            "byggesag",
            "byggesak",
            "bygglov",
            "teknik",
            "miljo",
            "skole",
            "skolen",
            "skolan",
            "bibliotek",
            "biblioteket",
            "dokumentcentral",
            "arkiv",
            "sentralbord",
            "vaxel",
            "fakturering",
            "faktura",
            "okonomi",
            "ekonomi",
            "hr",
            "jobb",
            "job",
            "karriere",
            "karriar",
            "ledighet",
            "webmaster",
            "web",
            "kommunikation",
            "kommunikasjon",
            "innbygger",
            "innbyggerservice",
            "medborgarkontor",
            "servicekontor");

    private static final Set<String> FREE_MAIL = Set.of(
            "gmail.com",
            "googlemail.com",
            "hotmail.com",
            "hotmail.dk",
            "hotmail.se",
            "hotmail.no",
            "outlook.com",
            "outlook.dk",
            "live.dk",
            "live.se",
            "live.no",
            "live.com",
            "yahoo.com",
            "yahoo.dk",
            "yahoo.se",
            "yahoo.no",
            "icloud.com",
            "me.com",
            "mac.com",
            "protonmail.com",
            "proton.me",
            "mail.dk",
            "jubii.dk",
            "get2net.dk",
            "telia.com",
            "online.no",
            "msn.com",
            "aol.com",
            "gmx.com",
            "gmx.net",
            "mail.com",
            "bredband.net",
            "spray.se",
            "passagen.se",
            "frisurf.no",
            "start.no");

    /** Words (folded, word starts) that name an office: a number or address right after them is the office's. */
    private static final String[] OFFICE_WORDS = {
        "kommune",
        "kommun ",
        "kommuns",
        "kommunkontor",
        "fylkeskommun",
        "radhus",
        "stadshus",
        "borgerservice",
        "borgarservice",
        "servicecent",
        "servicesent",
        "kundcent",
        "kundeservice",
        "kundservice",
        "kontaktcent",
        "servicetorg",
        "sentralbord",
        "vaxel",
        "legevakt",
        "vardcentral",
        "sundhedshus",
        "helsestasjon",
        "politiet",
        "politi ",
        "politistasjon",
        "politistation",
        "polisen",
        "polis ",
        "polisstation",
        "nav ",
        "nav's",
        "navs ",
        "skatteverket",
        "skat ",
        "skats ",
        "skatteetaten",
        "forsakringskassan",
        "forvaltning",
        "sekretariat",
        "bibliotek",
        "hotline",
        "hjalplinje",
        "hjelpetelefon",
        "hjalptelefon",
        "stottelinje",
        "akuttelefon",
        "vagtcentral",
        "vakttelefon",
        "besoksadress",
        "besogsadress",
        "postadress",
        "postadresse",
        "abningstid",
        "apningstid",
        "oppettid",
        "opningstid",
        "kontoret",
        "kontor ",
        "sekretariat",
        "region ",
        "regionen",
        "fylkeskommun",
        "landsting",
        "myndighet",
        "styrelse",
        "direktorat",
        "ministeri",
        "departement",
        "skolens kontor",
        "skolekontor",
        "tandplej",
        "tannhelse",
        "folketandvard",
        "jobcent",
        "ungdomsskol",
        "hjemmeplej",
        "hemtjanst",
        "hjemmetjenest",
        "borgerradgiv",
        "beredskab",
        "brandvaesen",
        "brannvesen",
        "raddningstjanst",
        "forsyning",
        "renovation",
        "renovasjon",
        "genbrugsplads",
        "atervinningscentral",
        "gjenvinningsstasjon",
        "kommunhus",
        "kommunehus",
        "kommunal",
        "kommunens",
        "stad ",
        "stads ",
        "staden",
        "town hall",
        "city hall",
        "council",
        "municipal",
        "switchboard",
        "service desk",
        "help desk",
        "helpdesk",
        "helpline",
        "reception",
        "library",
        "department",
        "agency",
        "authority",
        "hovednummer",
        "hovudnummer",
        "huvudnummer",
        "expedition",
        "ekspedition",
        "ekspedisjon",
        "kansli",
        "jourhavande",
        "dagtilbud",
        "barnomsorg",
        "pladsanvisning",
        "sametinget",
        "sygehus",
        "sykehus",
        "sjukhus",
        "sjukehus",
        "lagevagt",
        "sykehjem",
        "sjukeheim",
        "plejehjem",
        "aldreboende",
        "synagog",
        "moske",
        "kirkekontor",
        "institut",
        "sos ",
        "radgivning",
        "radgjeving",
        "teknik og miljo",
        "park og vej",
        "born og unge",
        "social og sundhed",
        "kultur og fritid",
        "plan og byg",
        "firma",
        "forretning",
        "butik"
    };
    /**
     * Endings (folded) of the names of offices, services and institutions: "Familieretshuset", "Vurderingsstyrelsen",
     * "Barnehagekontoret", "Kvensk institutt", "Brønnøysundregistrene", "Børnetelefonen", "Självmordslinjen",
     * "Ungdommens Uddannelsesvejledning", "Psykiatrifonden". A word ending so, before a number or address with no
     * personal word between, names whose detail it is. Only the tail of a compound counts; the words alone are in
     * {@link #OFFICE_WORDS} when they name an office by themselves.
     */
    private static final String[] OFFICE_ENDINGS = {
        "kontor",
        "kontoret",
        "kontorets",
        "kontoret",
        "center",
        "centret",
        "centeret",
        "centerets",
        "centrum",
        "centralen",
        "senter",
        "senteret",
        "sentret",
        "styrelse",
        "styrelsen",
        "styrelsens",
        "direktorat",
        "direktoratet",
        "tilsyn",
        "tilsynet",
        "verket",
        "verkets",
        "etaten",
        "registrene",
        "registera",
        "registret",
        "registeret",
        "institutt",
        "instituttet",
        "institut",
        "institutet",
        "kansliet",
        "expeditionen",
        "ekspeditionen",
        "ekspedisjonen",
        "sekretariatet",
        "forvaltningen",
        "forvaltninga",
        "radgivning",
        "radgivningen",
        "radgjevinga",
        "radgivninga",
        "vejledning",
        "vejledningen",
        "veiledning",
        "veiledningen",
        "rettleiing",
        "linjen",
        "linja",
        "telefonen",
        "jouren",
        "vagten",
        "vakten",
        "vakta",
        "huset",
        "husets",
        "tjenesten",
        "tenesta",
        "tjansten",
        "enheten",
        "enheden",
        "afdelingen",
        "avdelingen",
        "avdelinga",
        "avdelningen",
        "forvaltningen",
        "fonden",
        "stiftelsen",
        "forbundet",
        "torget",
        "kommune",
        "kommunen",
        "kommunes",
        "kommun",
        "kommuns",
        "fylke",
        "fylket",
        "regionen",
        "skolen",
        "skolens",
        "skolan",
        "skolans",
        "skulen",
        "skulens",
        "biblioteket",
        "bibliotekets",
        "barnehagen",
        "barnehagekontoret",
        "forskolan",
        "vuggestuen",
        "bornehaven",
        "klubben",
        "klubbens",
        "garden",
        "gardens"
    };

    /** {@link #OFFICE_ENDINGS} folded like the text ("instituttet" → "institutet"). */
    private static final Set<String> OFFICE_ENDING_SET = folded(OFFICE_ENDINGS);

    /** The shortest and longest of {@link #OFFICE_ENDINGS}, to bound the suffix look-ups per word. */
    private static final int MIN_ENDING = 4;

    private static final int MAX_ENDING = 18;

    /** {@link #OFFICE_WORDS} folded like the text; a trailing space there means the word must end. */
    private static final String[] OFFICE_FOLDED = new String[OFFICE_WORDS.length];

    private static final boolean[] OFFICE_WHOLE = new boolean[OFFICE_WORDS.length];

    static {
        for (int i = 0; i < OFFICE_WORDS.length; i++) {
            OFFICE_FOLDED[i] = TextNormaliser.fold(OFFICE_WORDS[i]).text().strip();
            OFFICE_WHOLE[i] = OFFICE_WORDS[i].endsWith(" ");
        }
    }

    /** Words (folded, whole words) that make the detail a person's even after an office word. */
    private static final Set<String> PERSONAL_WORDS = folded(
            "mig",
            "meg",
            "mej",
            "me",
            "mit",
            "mitt",
            "min",
            "mine",
            "mina",
            "mi",
            "my",
            "hans",
            "hennes",
            "hendes",
            "hennar",
            "his",
            "her",
            "hun",
            "han",
            "hon",
            "ho",
            "he",
            "she",
            "ditt",
            "din",
            "dit",
            "dine",
            "dina",
            "your",
            "vores",
            "privat",
            "privatnummer",
            "private",
            "hjemme",
            "hemma",
            "heime",
            "hjem",
            "hem",
            "bor",
            "bur",
            "lives",
            "hjemmeadresse",
            "hemadress",
            "heimeadresse",
            "privatadresse",
            "privatadress",
            "personlig",
            "personligt",
            "borgmesteren",
            "borgmastaren",
            "ordforeren",
            "ordforaren",
            "chefen",
            "sjefen",
            "rektor",
            "rektoren");

    private static Set<String> folded(String... words) {
        Set<String> out = new java.util.HashSet<>();
        for (String w : words) {
            out.add(TextNormaliser.fold(w).text().strip());
        }
        return Set.copyOf(out);
    }

    /** How far before a detail its office word may stand (characters of the folded text). */
    private static final int OFFICE_WINDOW = 60;

    /** An e-mail address of a public body or an office mailbox. */
    public static boolean publicEmail(String email) {
        String e = email.toLowerCase(Locale.ROOT);
        int at = e.lastIndexOf('@');
        if (at <= 0) {
            return false;
        }
        String local = e.substring(0, at);
        String domain = e.substring(at + 1);
        if (publicDomain(domain)) {
            return true;
        }
        if (FREE_MAIL.contains(domain) || local.isEmpty()) {
            return false;
        }
        if (ROLE_MAILBOXES.contains(local) || local.contains("kommun")) {
            return true;
        }
        String first = local.split("[._+-]", 2)[0];
        if (ROLE_MAILBOXES.contains(first) || SHORT_DEPARTMENTS.contains(first)) {
            return true;
        }
        for (String stem : DEPARTMENT_STEMS) {
            if (first.startsWith(stem)) {
                return true;
            }
        }
        // an organisation's eponymous mailbox: odder@odder.dk, skive@skive.dk
        int dot = domain.indexOf('.');
        return dot > 0 && local.equals(domain.substring(0, dot));
    }

    /** Mailbox names of departments and services, matched as the start of the mailbox's first part. */
    private static final String[] DEPARTMENT_STEMS = {
        "kultur",
        "fritid",
        "teknik",
        "teknisk",
        "miljo",
        "bygge",
        "byggesa",
        "bygglov",
        "planl",
        "plan-",
        "skole",
        "skola",
        "skule",
        "ungdom",
        "barne",
        "barna",
        "barnomsorg",
        "dagtilbud",
        "pladsanvis",
        "barnehage",
        "forskol",
        "social",
        "omsorg",
        "aeldre",
        "aldre",
        "eldre",
        "helse",
        "sundhed",
        "halsa",
        "jobcent",
        "arbejd",
        "arbets",
        "borger",
        "borgar",
        "postkass",
        "postmot",
        "kontakt",
        "infor",
        "radhus",
        "raadhus",
        "service",
        "kundc",
        "kunde",
        "sekretar",
        "bibliot",
        "okonomi",
        "ekonomi",
        "faktur",
        "skatt",
        "parkering",
        "idraet",
        "idrett",
        "idrott",
        "musik",
        "museum",
        "turist",
        "visit",
        "trafik",
        "affald",
        "avfall",
        "renovation",
        "renovasjon",
        "vatten",
        "beredskab",
        "familie",
        "familj",
        "integration",
        "integrer",
        "flykting",
        "flyktning",
        "tandpleje",
        "tannhelse",
        "folktand",
        "psykiatri",
        "handicap",
        "hjemmepleje",
        "hemtjanst",
        "antagning",
        "opptak",
        "studie",
        "vejled",
        "veiled",
        "radgiv",
        "registr",
        "arkiv",
        "journal",
        "dokument",
        "presse",
        "kommunikation",
        "kommunikasjon",
        "support",
        "hjelp",
        "hjalp",
        "hjaelp",
        "ledelse",
        "direktion",
        "innbygger",
        "medborgar",
        "sentralbord",
        "vaxel",
        "servicesent",
        "servicecent",
        "byggsak",
        "byggnad",
        "plan.",
        "natur",
        "miljoe"
    };

    /** Short department mailboxes, matched as the whole first part (as stems they would match names). */
    private static final Set<String> SHORT_DEPARTMENTS = Set.of(
            "uu", "sfo", "it", "hr", "nav", "skat", "vej", "veg", "vand", "vann", "park", "plan", "elev", "help",
            "hjalp", "lon", "lonn", "info", "post", "sos", "ppr", "ppt", "bup", "kf", "tm", "bib", "bibl");

    /** A mailbox on an organisation's own Nordic domain (not free mail, not a role): public when a municipality names it. */
    public static boolean municipalCandidate(String email) {
        String e = email.toLowerCase(Locale.ROOT);
        int at = e.lastIndexOf('@');
        String domain = e.substring(at + 1);
        return at > 0
                && !FREE_MAIL.contains(domain)
                && (domain.endsWith(".dk")
                        || domain.endsWith(".se")
                        || domain.endsWith(".no")
                        || domain.endsWith(".fi"))
                && domain.indexOf('.') == domain.lastIndexOf('.');
    }

    private static final java.util.regex.Pattern MUNICIPALITY = java.util.regex.Pattern.compile(
            "(?iu)\\b(?:kommun\\w*|municipality|municipal|council|town hall|city hall|rådhus\\w*|radhus\\w*|stadshus\\w*)");

    /** Whether the comment speaks of a municipality, its council or its town hall (scanned once per comment). */
    public static boolean namesMunicipality(String text) {
        return MUNICIPALITY.matcher(text).find();
    }

    /**
     * Whether the mailbox is a person's by its shape: two name parts ("anna.berg@", "lise_hansen@"), or a word that the
     * comment also writes with a capital as a name ("Lise … lise@").
     */
    public static boolean nameInText(String text, String email) {
        String local = email.substring(0, email.lastIndexOf('@'));
        String[] parts = local.split("[._-]");
        if (parts.length >= 2 && parts[0].chars().allMatch(Character::isLetter) && parts[0].length() >= 2) {
            return true;
        }
        String name =
                Character.toUpperCase(local.charAt(0)) + local.substring(1).toLowerCase(Locale.ROOT);
        int i = text.indexOf(name);
        while (i >= 0) {
            int end = i + name.length();
            if ((i == 0 || !Character.isLetter(text.charAt(i - 1)))
                    && (end == text.length() || !Character.isLetter(text.charAt(end)))) {
                return true;
            }
            i = text.indexOf(name, i + 1);
        }
        return false;
    }

    /** A municipal, regional or government domain (or a subdomain of one). */
    public static boolean publicDomain(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        for (String p : PUBLIC_DOMAINS) {
            if (d.equals(p) || d.endsWith("." + p)) {
                return true;
            }
        }
        if (d.endsWith(".gov") || d.contains(".gov.")) {
            return true;
        }
        // the name before the top-level domain: aarhuskommune.dk, tierp.kommun.se, varbergkommun.se, regionstockholm.se
        String[] labels = d.split("\\.");
        if (labels.length < 2) {
            return false;
        }
        String tld = labels[labels.length - 1];
        if (!tld.equals("dk") && !tld.equals("se") && !tld.equals("no") && !tld.equals("fi")) {
            return false;
        }
        String name = labels[labels.length - 2];
        return name.contains("kommun")
                || name.startsWith("region")
                || name.endsWith("region")
                || name.endsWith("fylke")
                || name.endsWith("lansstyrelse")
                || name.endsWith("kunta");
    }

    /**
     * A non-geographic service number: toll-free, shared-cost, premium-rate, universal access (libphonenumber's number
     * types), and the Danish 70 and 80 numbers that libphonenumber lists as ordinary lines.
     */
    public static boolean serviceNumber(PhoneNumber n) {
        PhoneNumberUtil.PhoneNumberType type = PHONES.getNumberType(n);
        if (type == PhoneNumberUtil.PhoneNumberType.TOLL_FREE
                || type == PhoneNumberUtil.PhoneNumberType.SHARED_COST
                || type == PhoneNumberUtil.PhoneNumberType.PREMIUM_RATE
                || type == PhoneNumberUtil.PhoneNumberType.UAN) {
            return true;
        }
        if (n.getCountryCode() == 45) {
            long nn = n.getNationalNumber();
            long prefix = nn / 1_000_000L;
            return nn >= 10_000_000L && nn < 100_000_000L && (prefix == 70 || prefix == 80 || prefix == 90);
        }
        return false;
    }

    /**
     * A switchboard's number: organisations choose round or repeating numbers ("72 36 55 00", "08-508 00 000",
     * "21 80 21 80", "82 12 12 12"), people get what the operator hands out. A number valid in a Nordic region, not a
     * mobile there, that ends in "00", or whose last six digits repeat a pair, or whose halves repeat, is taken for an
     * organisation's — unless a personal word (min, hans, privat …) stands in the 60 characters before it.
     */
    public static boolean switchboardNumber(String text, int start, String raw) {
        return switchboardNumber(text, start, raw, REGIONS[0]);
    }

    /**
     * As {@link #switchboardNumber(String, int, String)}, the number read in {@code firstRegion} (the comment's
     * language's country) first: "41 23 45 00" is a mobile in Norway and a fixed line in Denmark.
     */
    public static boolean switchboardNumber(String text, int start, String raw, String firstRegion) {
        String r = raw.strip();
        if (r.startsWith("00")) {
            r = "+" + r.substring(2);
        }
        for (int k = -1; k < REGIONS.length; k++) {
            String region = k < 0 ? firstRegion : REGIONS[k];
            if (k >= 0 && region.equals(firstRegion)) {
                continue;
            }
            try {
                PhoneNumber n = PHONES.parse(r, region);
                if (PHONES.isValidNumber(n)) {
                    return roundFixedLine(n) && noPersonalWordBefore(text, start);
                }
            } catch (NumberParseException e) {
                // not a number in this region
            }
        }
        return false;
    }

    static boolean roundFixedLine(PhoneNumber n) {
        if (PHONES.getNumberType(n) == PhoneNumberUtil.PhoneNumberType.MOBILE) {
            return false;
        }
        String d = Long.toString(n.getNationalNumber());
        int len = d.length();
        if (len < 7) {
            return false;
        }
        if (d.endsWith("00")) {
            return true;
        }
        String last6 = d.substring(len - 6);
        boolean pairs = last6.substring(0, 2).equals(last6.substring(2, 4))
                && last6.substring(2, 4).equals(last6.substring(4, 6));
        boolean halves = len % 2 == 0 && d.substring(0, len / 2).equals(d.substring(len / 2));
        return pairs || halves;
    }

    private static boolean noPersonalWordBefore(String text, int start) {
        for (String w : TextNormaliser.fold(text.substring(Math.max(0, start - OFFICE_WINDOW), start))
                .text()
                .split("[^\\p{L}]+")) {
            if (PERSONAL_WORDS.contains(w) || w.startsWith("privat")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether an office word (kommunen, rådhuset, borgerservice, servicecenter, legevakt, besøksadresse, org.nr …) stands
     * within {@value #OFFICE_WINDOW} characters before {@code start} with no personal word (min, hans, privat, bor …)
     * after it. {@code foldedBefore}: the folded text before the detail, lowercase.
     */
    public static boolean officeBefore(String text, int start) {
        int from = Math.max(0, start - OFFICE_WINDOW);
        String before =
                " " + TextNormaliser.fold(text.substring(from, start)).text().strip() + " ";
        int last = -1;
        int lastEnd = -1;
        for (int k = 0; k < OFFICE_FOLDED.length; k++) {
            String w = OFFICE_FOLDED[k];
            int i = before.lastIndexOf(w);
            while (i > 0
                    && (Character.isLetterOrDigit(before.charAt(i - 1))
                            || OFFICE_WHOLE[k]
                                    && i + w.length() < before.length()
                                    && Character.isLetter(before.charAt(i + w.length())))) {
                i = before.lastIndexOf(w, i - 1);
            }
            if (i >= 0 && i > last) {
                last = i;
                lastEnd = i + w.length();
            }
        }
        // a word that ends like an office's name ("Familieretshuset", "Kvensk institutt"): the last such word counts
        int pos = before.length();
        while (pos > 0) {
            int e = pos;
            while (e > 0 && !Character.isLetter(before.charAt(e - 1))) {
                e--;
            }
            int b = e;
            while (b > 0 && Character.isLetter(before.charAt(b - 1))) {
                b--;
            }
            if (b <= last) {
                break;
            }
            if (officeEnding(before, b, e)) {
                last = b;
                lastEnd = e;
                break;
            }
            pos = b;
        }
        if (last < 0) {
            return publicEmailBefore(text, from, start);
        }
        // the words after the office word: a personal one makes the number the person's ("kommunen ringede fra min …")
        int wordEnd = lastEnd;
        while (wordEnd < before.length() && Character.isLetter(before.charAt(wordEnd))) {
            wordEnd++;
        }
        for (String w : before.substring(wordEnd).split("[^\\p{L}]+")) {
            if (PERSONAL_WORDS.contains(w) || w.startsWith("privat")) {
                return false;
            }
        }
        return true;
    }

    /** A public body's e-mail address in text[from, start) with no personal word after it ("kommun@umea.se eller …"). */
    private static boolean publicEmailBefore(String text, int from, int start) {
        int at = start - 1;
        while (at >= from && text.charAt(at) != '@') {
            at--;
        }
        if (at < from) {
            return false;
        }
        int b = at;
        while (b > from && !Character.isWhitespace(text.charAt(b - 1))) {
            b--;
        }
        int e = at;
        while (e < start && !Character.isWhitespace(text.charAt(e))) {
            e++;
        }
        String token = text.substring(b, e).replaceAll("[^\\p{L}\\d]+$", "");
        if (!publicEmail(token)) {
            return false;
        }
        for (String w : TextNormaliser.fold(text.substring(e, start)).text().split("[^\\p{L}]+")) {
            if (PERSONAL_WORDS.contains(w) || w.startsWith("privat")) {
                return false;
            }
        }
        return true;
    }

    private static final java.util.regex.Pattern COMPANY = java.util.regex.Pattern.compile(
            "\\b(?:A/S|ApS|AS|ASA|AB|Oy|I/S|IVS)\\b|(?iu)\\b(?:tilbud|tilbod|erbjudande|rabat\\w*|kampagne\\w*|kampanj\\w*"
                    + "|\\w*kampanj\\w*|\\w*kampagne|priser|prisar|priset|halv pris|halva priset)\\b");

    /**
     * A business's number in its own advertisement: the comment names a company form (A/S, ApS, AS, AB) or offers,
     * prices or discounts, and no personal word (min, hans, privat …) stands in the 60 characters before the number.
     */
    public static boolean businessAdvert(String text, int start) {
        if (!advertises(text)) {
            return false;
        }
        for (String w : TextNormaliser.fold(text.substring(Math.max(0, start - OFFICE_WINDOW), start))
                .text()
                .split("[^\\p{L}]+")) {
            if (PERSONAL_WORDS.contains(w) || w.startsWith("privat")) {
                return false;
            }
        }
        return true;
    }

    /** Whether the comment names a company form (A/S, ApS, AS, AB) or offers, prices or discounts. */
    public static boolean advertises(String text) {
        return COMPANY.matcher(text).find();
    }

    private static boolean officeEnding(String s, int b, int e) {
        // only as the tail of a compound: "huset" or "linjen" alone can be anyone's
        for (int len = MIN_ENDING; len <= Math.min(MAX_ENDING, e - b - 2); len++) {
            if (OFFICE_ENDING_SET.contains(s.substring(e - len, e))) {
                return true;
            }
        }
        return false;
    }

    /** Phone keys ("45-70101818") under which a number as written is known, for every Nordic region it is valid in. */
    public static List<String> phoneKeys(String raw) {
        List<String> keys = new ArrayList<>(2);
        String r = raw.strip();
        if (r.startsWith("00")) {
            r = "+" + r.substring(2);
        }
        for (String region : REGIONS) {
            try {
                PhoneNumber n = PHONES.parse(r, region);
                if (PHONES.isValidNumber(n)) {
                    String k = n.getCountryCode() + "-" + n.getNationalNumber();
                    if (!keys.contains(k)) {
                        keys.add(k);
                    }
                }
            } catch (NumberParseException e) {
                // not a number in this region
            }
        }
        if (keys.isEmpty()) {
            StringBuilder d = new StringBuilder();
            for (int i = 0; i < r.length(); i++) {
                if (Character.isDigit(r.charAt(i))) {
                    d.append(r.charAt(i));
                }
            }
            if (d.length() >= 3) {
                keys.add("digits-" + d);
            }
        }
        return keys;
    }

    /** Street name and house number of an address, folded ("radhuspladsen 2"); empty when there is no number. */
    public static String addressKey(String address) {
        String f = TextNormaliser.fold(address).text().strip();
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < f.length() && !Character.isDigit(f.charAt(i))) {
            out.append(f.charAt(i));
            i++;
        }
        if (i == f.length() || out.toString().isBlank()) {
            return "";
        }
        StringBuilder num = new StringBuilder();
        while (i < f.length() && Character.isDigit(f.charAt(i))) {
            num.append(f.charAt(i));
            i++;
        }
        String street = out.toString().replaceAll("[^\\p{L}]+", " ").strip();
        return street.isEmpty() ? "" : street + " " + num;
    }

    /**
     * Organisation numbers in the text, as [start, end) pairs of the original: Swedish organisationsnummer (with or
     * without a word before it), and Norwegian organisasjonsnummer and Danish CVR numbers after their word ("org.nr",
     * "CVR"). They are no one's personal data, and the phone or ID rules must not read them as such.
     */
    public static boolean organisationNumber(String text, int start, String digits) {
        String before = text.substring(Math.max(0, start - 30), start).toLowerCase(Locale.ROOT);
        boolean cue = before.contains("org")
                || before.contains("cvr")
                || before.contains("foretak")
                || before.contains("mva")
                || before.contains("se-nr")
                || before.contains("virksomhed");
        if (NationalIds.isSwedishOrganisation(digits)
                && (cue
                        || SWEDISH_ORG_SHAPE
                                .matcher(text)
                                .region(start, Math.min(text.length(), start + 11))
                                .lookingAt())) {
            return true;
        }
        if (digits.length() != 8 && digits.length() != 9) {
            return false;
        }
        return cue && (NationalIds.isNorwegianOrganisation(digits) || NationalIds.isDanishCvr(digits));
    }

    /**
     * A number of 8 to 10 digits right after the word for an organisation number ("CVR", "org.nr.", "organisasjonsnummer",
     * "foretaksnummer"): an organisation's, even when its check digits fail (a typing error), never a person's phone.
     */
    public static boolean labelledOrganisationNumber(String text, int start, String digits) {
        if (digits.length() < 8 || digits.length() > 10) {
            return false;
        }
        String before = text.substring(Math.max(0, start - 24), start).toLowerCase(Locale.ROOT);
        return ORG_LABEL.matcher(before).find();
    }

    private static final java.util.regex.Pattern ORG_LABEL = java.util.regex.Pattern.compile(
            "(?:\\bcvr|\\bse|\\borg|organisations|organisasjons|organisasjon|foretaks|virksomheds|momsregistrerings)"
                    + "[-. ]*(?:nr|nummer|nummeret|numret|no)?[.:]*\\s*(?:er|är|is|er|:)?\\s*$");

    /**
     * Emergency, health and help lines of Denmark, Sweden, Norway and the EU, written alone or together ("112 / 1813",
     * "116 117"): 110, 112, 113, 114, 1813, 1177, 114 14, 116 000, 116 006, 116 111, 116 117, 116 123, 90101
     * (Självmordslinjen), 1414.
     */
    private static final Set<String> PUBLIC_LINES = Set.of(
            "110", "112", "113", "114", "1813", "1177", "11414", "116000", "116006", "116111", "116117", "116123",
            "90101", "1414");

    /** Whether a run of digits (separators ignored) is one or more of the {@link #PUBLIC_LINES}, back to back. */
    public static boolean publicLines(String raw) {
        StringBuilder d = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                d.append(c);
            }
        }
        int n = d.length();
        if (n == 0 || n > 40) {
            return false;
        }
        boolean[] ok = new boolean[n + 1];
        ok[0] = true;
        for (int i = 0; i < n; i++) {
            if (!ok[i]) {
                continue;
            }
            for (int len = 3; len <= 6 && i + len <= n; len++) {
                if (PUBLIC_LINES.contains(d.substring(i, i + len))) {
                    ok[i + len] = true;
                }
            }
        }
        return ok[n];
    }

    /** A Swedish organisationsnummer as written without a word before it: NNNNNN-NNNN. */
    private static final java.util.regex.Pattern SWEDISH_ORG_SHAPE = java.util.regex.Pattern.compile("\\d{6}-\\d{4}");
}
