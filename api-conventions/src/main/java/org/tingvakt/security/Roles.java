package org.tingvakt.security;

/** The roles of Tingvakt, as the OIDC provider puts them in a token's {@code groups} claim. */
public final class Roles {
    /** Registers accounts and their policies, editors and rules. */
    public static final String ADMIN = "admin";
    /** Editor of an account's page: moderates and answers, and receives escalations. */
    public static final String EDITOR = "editor";
    /** Works the moderation queue. */
    public static final String MODERATOR = "moderator";
    /** Reads statistics only. */
    public static final String ANALYST = "analyst";
    /** Works with evidence records in the archive service. */
    public static final String ARCHIVIST = "archivist";

    public static final String[] ALL = {ADMIN, EDITOR, MODERATOR, ANALYST, ARCHIVIST};

    private Roles() {}
}
