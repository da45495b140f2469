package org.tingvakt.classifier;

/** The languages the classifier tells apart; {@link #code()} is the name used in events and the CLI. */
public enum Language {
    DA("da"),
    SV("sv"),
    NB("nb"),
    NN("nn"),
    EN("en"),
    FI("fi"),
    OTHER("other");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Language fromCode(String code) {
        for (Language l : values()) {
            if (l.code.equalsIgnoreCase(code)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown language code: " + code);
    }
}
