package org.tingvakt.classifier.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Predicate;
import org.tingvakt.classifier.Classification;
import org.tingvakt.classifier.Classifier;
import org.tingvakt.classifier.Span;

/**
 * PERSONAL_DATA checks: every Skatteverket test personnummer inside ordinary Swedish sentences; Swedish organisation
 * numbers, dates and phone numbers never reported as national IDs; valid and invalid CPR, fødselsnummer, D-number and HETU
 * told apart. Valid numbers are built here from their published rules (date plus check digits), invalid ones by breaking
 * the date or the check digit.
 */
public final class PersonalDataEvaluation {

    private static final String[] SV_TEMPLATES = {
        "Mitt personnummer är %s, kan ni hjälpa mig?",
        "Hej! Jag heter Anna och har pnr %s.",
        "%s är min sons nummer enligt Försäkringskassan",
        "Skriv in %s i fältet och tryck på skicka.",
        "Han uppgav %s när han ringde kommunen i går.",
        "Kan någon kolla upp %s åt mig?",
    };

    private PersonalDataEvaluation() {}

    public static boolean run(Classifier c, Path skatteverket, PrintStream out) throws IOException {
        boolean ok = true;
        JsonNode numbers = new ObjectMapper().readTree(skatteverket.toFile());
        int found = 0;
        int total = 0;
        List<String> missed = new ArrayList<>();
        for (JsonNode n : numbers) {
            String d = n.asText();
            String shown;
            switch (total % 3) {
                case 0 -> shown = d;
                case 1 -> shown = d.substring(0, 8) + "-" + d.substring(8);
                default -> {
                    int year = Integer.parseInt(d.substring(0, 4));
                    shown = d.substring(2, 8) + (2026 - year >= 100 ? "+" : "-") + d.substring(8);
                }
            }
            String text = String.format(SV_TEMPLATES[total % SV_TEMPLATES.length], shown);
            int at = text.indexOf(shown);
            if (hasSpan(
                    c.classify(text),
                    s -> s.rule().startsWith("pii.se-") && s.start() == at && s.end() == at + shown.length())) {
                found++;
            } else if (missed.size() < 5) {
                missed.add(shown);
            }
            total++;
        }
        out.printf(
                Locale.ROOT,
                "Skatteverket test numbers found in sentences: %d / %d (%.4f)%s%n",
                found,
                total,
                (double) found / total,
                missed.isEmpty() ? "" : " first missed " + missed);
        ok &= found == total;

        Random rnd = new Random(7);
        List<String> orgs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            orgs.add(swedishOrgNumber(rnd));
        }
        ok &= none(c, out, "Swedish organisation numbers", orgs, "Organisationsnummer %s står på fakturan");
        List<String> dates = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            int y = 1950 + rnd.nextInt(80);
            int m = 1 + rnd.nextInt(12);
            int d = 1 + rnd.nextInt(28);
            dates.add(
                    switch (i % 4) {
                        case 0 -> String.format(Locale.ROOT, "%04d-%02d-%02d", y, m, d);
                        case 1 -> String.format(Locale.ROOT, "%02d.%02d.%04d", d, m, y);
                        case 2 -> String.format(Locale.ROOT, "%04d%02d%02d", y, m, d);
                        default ->
                            String.format(
                                    Locale.ROOT, "%d/%d %d kl. %02d:%02d", d, m, y, rnd.nextInt(24), rnd.nextInt(60));
                    });
        }
        ok &= none(c, out, "Swedish dates", dates, "Mötet hålls %s i stadshuset");
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String sub = String.format(Locale.ROOT, "%07d", rnd.nextInt(10_000_000));
            String op = new String[] {"70", "72", "73", "76", "79"}[rnd.nextInt(5)];
            phones.add(
                    switch (i % 5) {
                        case 0 ->
                            "0" + op + "-" + sub.substring(0, 3) + " " + sub.substring(3, 5) + " " + sub.substring(5);
                        case 1 ->
                            "+46 " + op + " " + sub.substring(0, 3) + " " + sub.substring(3, 5) + " "
                                    + sub.substring(5);
                        case 2 -> "0" + op + sub;
                        case 3 -> "08-" + sub.substring(0, 3) + " " + sub.substring(3, 5) + " " + sub.substring(5);
                        default -> "0" + op + "-" + sub;
                    });
        }
        int phoneFound = count(
                c, phones, "Ring mig på %s efter klockan fem", s -> s.rule().equals("pii.phone-number"));
        ok &= none(c, out, "Swedish phone numbers", phones, "Ring mig på %s efter klockan fem");
        out.printf(Locale.ROOT, "  ... of which reported as phone numbers: %d / %d%n", phoneFound, phones.size());
        List<String> amounts = List.of(
                "Det kostar 1 250 000 kr",
                "Budgeten är 12345678 kronor",
                "Ärende 2024-123456",
                "Bygglov dnr 2023/4567-89",
                "Postnummer 111 51",
                "Fakturanummer 100234567",
                "Vi var 120000 på plats",
                "Tel: se hemsidan",
                "Version 10.2.2024",
                "Kontaktpersonen har id 4711");
        int amountFp = count(c, amounts, "%s", s -> s.label().equals("PERSONAL_DATA"));
        out.printf(
                Locale.ROOT, "ordinary Swedish numbers reported as PERSONAL_DATA: %d / %d%n", amountFp, amounts.size());
        ok &= amountFp == 0;

        ok &= pairs(
                c,
                out,
                "Danish CPR",
                rnd,
                PersonalDataEvaluation::cpr,
                "Min nabos CPR-nummer er %s, skriv til ham",
                "pii.dk-cpr");
        ok &= pairs(
                c,
                out,
                "Norwegian fødselsnummer",
                rnd,
                r -> norwegian(r, false),
                "Fødselsnummeret hans er %s",
                "pii.no-fodselsnummer");
        ok &= pairs(
                c, out, "Norwegian D-number", rnd, r -> norwegian(r, true), "D-nummeret mitt er %s", "pii.no-d-number");
        ok &= pairs(
                c,
                out,
                "Finnish HETU",
                rnd,
                PersonalDataEvaluation::hetu,
                "Henkilötunnukseni on %s, voitteko auttaa",
                "pii.fi-hetu");
        return ok;
    }

    private interface Maker {
        String[] make(Random r);
    }

    /** Valid numbers must be found with the right rule; invalid ones must not be reported as any national ID. */
    private static boolean pairs(
            Classifier c, PrintStream out, String what, Random rnd, Maker maker, String template, String rule) {
        int n = 1000;
        int validFound = 0;
        int invalidReported = 0;
        for (int i = 0; i < n; i++) {
            String[] vi = maker.make(rnd);
            String valid = String.format(template, vi[0]);
            int at = valid.indexOf(vi[0]);
            if (hasSpan(c.classify(valid), s -> s.rule().startsWith(rule) && s.start() == at)) {
                validFound++;
            }
            if (hasSpan(c.classify(String.format(template, vi[1])), PersonalDataEvaluation::nationalId)) {
                invalidReported++;
            }
        }
        out.printf(
                Locale.ROOT,
                "%s: valid found %d / %d, invalid reported as an ID %d / %d%n",
                what,
                validFound,
                n,
                invalidReported,
                n);
        return validFound == n && invalidReported == 0;
    }

    private static boolean nationalId(Span s) {
        return s.rule().startsWith("pii.se-")
                || s.rule().startsWith("pii.dk-")
                || s.rule().startsWith("pii.no-f")
                || s.rule().startsWith("pii.no-d")
                || s.rule().startsWith("pii.fi-");
    }

    private static boolean none(Classifier c, PrintStream out, String what, List<String> items, String template) {
        int bad = count(c, items, template, PersonalDataEvaluation::nationalId);
        out.printf(Locale.ROOT, "%s reported as a national ID: %d / %d%n", what, bad, items.size());
        return bad == 0;
    }

    private static int count(Classifier c, List<String> items, String template, Predicate<Span> p) {
        int k = 0;
        for (String item : items) {
            if (hasSpan(c.classify(String.format(template, item)), p)) {
                k++;
            }
        }
        return k;
    }

    private static boolean hasSpan(Classification r, Predicate<Span> p) {
        return r.spans().stream().anyMatch(p);
    }

    // ---- generators from the published rules

    private static String swedishOrgNumber(Random r) {
        while (true) {
            StringBuilder sb = new StringBuilder();
            sb.append("25789".charAt(r.nextInt(5)));
            sb.append(r.nextInt(10));
            sb.append(2 + r.nextInt(8));
            for (int i = 0; i < 6; i++) {
                sb.append(r.nextInt(10));
            }
            for (int check = 0; check < 10; check++) {
                String cand = sb.toString() + check;
                if (luhn(cand)) {
                    return cand.substring(0, 6) + "-" + cand.substring(6);
                }
            }
        }
    }

    private static boolean luhn(String d) {
        int sum = 0;
        for (int i = 0; i < d.length(); i++) {
            int v = d.charAt(d.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                v = v * 2 > 9 ? v * 2 - 9 : v * 2;
            }
            sum += v;
        }
        return sum % 10 == 0;
    }

    private static String[] cpr(Random r) {
        while (true) {
            int y = 1940 + r.nextInt(60);
            int m = 1 + r.nextInt(12);
            int d = 1 + r.nextInt(28);
            String date = String.format(Locale.ROOT, "%02d%02d%02d", d, m, y % 100);
            String seq = (y < 2000 ? r.nextInt(4) : 4) + String.format(Locale.ROOT, "%02d", r.nextInt(100));
            int[] w = {4, 3, 2, 7, 6, 5, 4, 3, 2};
            String nine = date + seq;
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (nine.charAt(i) - '0') * w[i];
            }
            int check = (11 - sum % 11) % 11;
            if (check == 10) {
                continue;
            }
            String valid = nine + check;
            String badDate = String.format(Locale.ROOT, "%02d%02d%02d", 32 + r.nextInt(60), m, y % 100) + seq + check;
            String badCheck = nine + ((check + 1 + r.nextInt(9)) % 10);
            String invalid = r.nextBoolean() ? badDate : badCheck;
            return new String[] {
                valid.substring(0, 6) + "-" + valid.substring(6), invalid.substring(0, 6) + "-" + invalid.substring(6)
            };
        }
    }

    private static String[] norwegian(Random r, boolean dNumber) {
        while (true) {
            int y = 1940 + r.nextInt(59);
            int m = 1 + r.nextInt(12);
            int d = 1 + r.nextInt(28);
            String nine =
                    String.format(Locale.ROOT, "%02d%02d%02d%03d", d + (dNumber ? 40 : 0), m, y % 100, r.nextInt(500));
            int k1 = ctrl(nine, new int[] {3, 7, 6, 1, 8, 9, 4, 5, 2});
            if (k1 < 0) {
                continue;
            }
            int k2 = ctrl(nine + k1, new int[] {5, 4, 3, 2, 7, 6, 5, 4, 3, 2});
            if (k2 < 0) {
                continue;
            }
            String valid = nine + k1 + k2;
            String invalid = nine + k1 + ((k2 + 1 + r.nextInt(9)) % 10);
            return new String[] {valid, invalid};
        }
    }

    private static int ctrl(String s, int[] w) {
        int sum = 0;
        for (int i = 0; i < w.length; i++) {
            sum += (s.charAt(i) - '0') * w[i];
        }
        int k = 11 - sum % 11;
        return k == 11 ? 0 : k == 10 ? -1 : k;
    }

    private static String[] hetu(Random r) {
        String chars = "0123456789ABCDEFHJKLMNPRSTUVWXY";
        int y = 1940 + r.nextInt(80);
        int m = 1 + r.nextInt(12);
        int d = 1 + r.nextInt(28);
        String date = String.format(Locale.ROOT, "%02d%02d%02d", d, m, y % 100);
        String ind = String.format(Locale.ROOT, "%03d", 2 + r.nextInt(897));
        char sign = y >= 2000 ? 'A' : '-';
        char check = chars.charAt((int) (Long.parseLong(date + ind) % 31));
        char wrong = chars.charAt((chars.indexOf(check) + 1 + r.nextInt(30)) % 31);
        return new String[] {date + sign + ind + check, date + sign + ind + wrong};
    }
}
