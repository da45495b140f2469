package org.tingvakt.classifier.pii;

import java.time.YearMonth;

/**
 * Date and checksum rules of the Nordic national identity numbers. Written by hand: no maintained Java library covers all
 * four countries (the personnummer project's Java port covers Sweden only), and each rule is a few lines of arithmetic.
 * Inputs are digit strings without separators (HETU keeps its century sign).
 */
public final class NationalIds {

    private NationalIds() {}

    /** Swedish personnummer or samordningsnummer (day + 60), 10 digits YYMMDDNNNC or 12 digits YYYYMMDDNNNC. */
    public static boolean isSwedish(String digits) {
        String ten;
        int year;
        if (digits.length() == 12) {
            ten = digits.substring(2);
            year = Integer.parseInt(digits.substring(0, 4));
        } else if (digits.length() == 10) {
            ten = digits;
            year = -1;
        } else {
            return false;
        }
        int month = num(ten, 2, 4);
        int day = num(ten, 4, 6);
        if (day > 60) {
            day -= 60;
        }
        if (!validDate(year < 0 ? 2000 : year, month, day)
                && !(year < 0 && validDate(1900 + num(ten, 0, 2), month, day))) {
            return false;
        }
        return luhn(ten);
    }

    /** True when the 10 digits are a Swedish samordningsnummer rather than a personnummer. */
    public static boolean isSwedishCoordination(String digits) {
        String ten = digits.length() == 12 ? digits.substring(2) : digits;
        return num(ten, 4, 6) > 60;
    }

    /** Danish CPR, DDMMYYSSSS: a real date (century from the 7th digit) and the modulus-11 check. */
    public static boolean isDanish(String d) {
        return d.length() == 10 && isDanishDate(d) && mod11(d, new int[] {4, 3, 2, 7, 6, 5, 4, 3, 2, 1});
    }

    /** Danish CPR date rule alone: numbers issued since 2007 may fail modulus 11, so a "CPR" label in the text suffices. */
    public static boolean isDanishDate(String d) {
        if (d.length() != 10) {
            return false;
        }
        int day = num(d, 0, 2);
        int month = num(d, 2, 4);
        int yy = num(d, 4, 6);
        int seventh = d.charAt(6) - '0';
        int century;
        if (seventh <= 3) {
            century = 1900;
        } else if (seventh == 4 || seventh == 9) {
            century = yy <= 36 ? 2000 : 1900;
        } else {
            century = yy <= 57 ? 2000 : 1800;
        }
        return validDate(century + yy, month, day);
    }

    /** Norwegian fødselsnummer or D-number (day + 40), DDMMYYIIIKK, with both modulus-11 control digits. */
    public static boolean isNorwegian(String d) {
        if (d.length() != 11) {
            return false;
        }
        int day = num(d, 0, 2);
        int month = num(d, 2, 4);
        if (day > 40) {
            day -= 40;
        }
        int yy = num(d, 4, 6);
        int ind = num(d, 6, 9);
        int year;
        if (ind <= 499) {
            year = 1900 + yy;
        } else if (ind >= 900 && yy >= 40) {
            year = 1900 + yy;
        } else if (ind >= 500 && yy <= 39) {
            year = 2000 + yy;
        } else if (ind <= 749 && yy >= 54) {
            year = 1800 + yy;
        } else {
            return false;
        }
        if (!validDate(year, month, day)) {
            return false;
        }
        int k1 = control(d, new int[] {3, 7, 6, 1, 8, 9, 4, 5, 2}, 9);
        int k2 = control(d, new int[] {5, 4, 3, 2, 7, 6, 5, 4, 3, 2}, 10);
        return k1 == d.charAt(9) - '0' && k2 == d.charAt(10) - '0';
    }

    public static boolean isNorwegianDNumber(String d) {
        return d.length() == 11 && d.charAt(0) >= '4';
    }

    private static final String HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    /** Finnish HETU, DDMMYYCNNNQ: century sign, a real date, individual number 002–899, and the modulus-31 check character. */
    public static boolean isFinnish(String h) {
        if (h.length() != 11) {
            return false;
        }
        char sign = Character.toUpperCase(h.charAt(6));
        int century;
        if (sign == '+') {
            century = 1800;
        } else if (sign == '-' || (sign >= 'U' && sign <= 'Y')) {
            century = 1900;
        } else if (sign >= 'A' && sign <= 'F') {
            century = 2000;
        } else {
            return false;
        }
        for (int i : new int[] {0, 1, 2, 3, 4, 5, 7, 8, 9}) {
            if (!Character.isDigit(h.charAt(i))) {
                return false;
            }
        }
        if (!validDate(century + num(h, 4, 6), num(h, 2, 4), num(h, 0, 2))) {
            return false;
        }
        int individual = num(h, 7, 10);
        if (individual < 2) {
            return false;
        }
        long n = Long.parseLong(h.substring(0, 6) + h.substring(7, 10));
        return HETU_CHECK.charAt((int) (n % 31)) == Character.toUpperCase(h.charAt(10));
    }

    public static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int v = digits.charAt(i) - '0';
            if (v < 0 || v > 9) {
                return false;
            }
            if (dbl) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /** Norwegian bank account, 11 digits, modulus 11 with weights 5,4,3,2,7,6,5,4,3,2. */
    public static boolean isNorwegianAccount(String d) {
        if (d.length() != 11) {
            return false;
        }
        int k = control(d, new int[] {5, 4, 3, 2, 7, 6, 5, 4, 3, 2}, 10);
        return k == d.charAt(10) - '0';
    }

    private static int control(String d, int[] w, int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (d.charAt(i) - '0') * w[i];
        }
        int k = 11 - sum % 11;
        if (k == 11) {
            return 0;
        }
        return k == 10 ? -1 : k;
    }

    /**
     * Swedish organisationsnummer (a legal person, not personal data): 10 digits whose third and fourth digits are 20 or
     * more (no month), with the Luhn check; 12 digits with the prefix 16 likewise. Municipalities and regions have
     * 212000-xxxx and 232100-xxxx.
     */
    public static boolean isSwedishOrganisation(String digits) {
        String ten = digits.length() == 12 && digits.startsWith("16") ? digits.substring(2) : digits;
        // the first digit is the kind of legal person: 1-3 and 5-9, never 0 (a mobile number 07…) or 4
        return ten.length() == 10 && ten.charAt(0) != '0' && ten.charAt(0) != '4' && num(ten, 2, 4) >= 20 && luhn(ten);
    }

    /** Norwegian organisasjonsnummer: 9 digits, first 8 or 9, modulus 11 with weights 3 2 7 6 5 4 3 2. */
    public static boolean isNorwegianOrganisation(String d) {
        return d.length() == 9
                && (d.charAt(0) == '8' || d.charAt(0) == '9')
                && mod11(d, new int[] {3, 2, 7, 6, 5, 4, 3, 2, 1});
    }

    /** Danish CVR number: 8 digits, first not 0, modulus 11 with weights 2 7 6 5 4 3 2 1. */
    public static boolean isDanishCvr(String d) {
        return d.length() == 8 && d.charAt(0) != '0' && mod11(d, new int[] {2, 7, 6, 5, 4, 3, 2, 1});
    }

    private static boolean mod11(String d, int[] w) {
        int sum = 0;
        for (int i = 0; i < w.length; i++) {
            sum += (d.charAt(i) - '0') * w[i];
        }
        return sum % 11 == 0;
    }

    private static boolean validDate(int year, int month, int day) {
        return month >= 1
                && month <= 12
                && day >= 1
                && YearMonth.of(year, month).isValidDay(day);
    }

    private static int num(String s, int from, int to) {
        return Integer.parseInt(s, from, to, 10);
    }
}
