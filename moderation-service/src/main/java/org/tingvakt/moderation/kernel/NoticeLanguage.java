package org.tingvakt.moderation.kernel;

import java.util.Locale;
import java.util.Optional;

/** The languages Tingvakt writes notices and replies in. */
public enum NoticeLanguage {
    DA("da"),
    SV("sv"),
    NB("nb"),
    NN("nn"),
    EN("en");

    private final String code;

    NoticeLanguage(String code) {
        this.code = code;
    }

    /** The ISO 639-1 code, as in account settings and the bundle names. */
    public String code() {
        return code;
    }

    public Locale locale() {
        return Locale.forLanguageTag(code);
    }

    /**
     * The language for an account's language code: {@code da}, {@code sv}, {@code nb}, {@code nn}, {@code en}, and
     * {@code no} as Bokmål; region suffixes ({@code sv-FI}) are ignored. Empty for anything else.
     */
    public static Optional<NoticeLanguage> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String language = code.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        if (language.equals("no") || language.equals("nob")) {
            return Optional.of(NB);
        }
        if (language.equals("nno")) {
            return Optional.of(NN);
        }
        for (NoticeLanguage l : values()) {
            if (l.code.equals(language)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
