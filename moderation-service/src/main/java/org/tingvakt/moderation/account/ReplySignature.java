package org.tingvakt.moderation.account;

import java.util.Objects;
import java.util.Optional;

/**
 * Signs a canned reply as the account is set up to: with the moderator's first name and the unit
 * ({@code "– Anna, Kommunikation"}), with the unit alone, or not at all.
 *
 * @param unit the signing unit as the account writes it, e.g. "Kommunikation"; may be blank
 */
public record ReplySignature(Style style, String unit) {

    /** How an account signs replies. */
    public enum Style {
        NONE,
        UNIT,
        FIRST_NAME_AND_UNIT
    }

    private static final String DASH = "–";
    private static final int MAX_NAME_LENGTH = 40;

    public ReplySignature {
        Objects.requireNonNull(style, "style");
        unit = unit == null ? "" : oneLine(unit);
    }

    /**
     * The reply with its signature on a line of its own. A moderator without a usable name signs with the unit; a text
     * that already ends with the signature is returned as it is.
     *
     * @param moderatorName the moderator's name as known to Tingvakt; only its first word is used
     */
    public String sign(String reply, Optional<String> moderatorName) {
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(moderatorName, "moderatorName");
        Optional<String> line = signatureLine(moderatorName);
        String body = reply.stripTrailing();
        if (line.isEmpty() || body.endsWith(line.get())) {
            return body;
        }
        return body + "\n" + line.get();
    }

    /** The signature line for a moderator, e.g. {@code "– Anna, Kommunikation"}; empty when the account does not sign. */
    public Optional<String> signatureLine(Optional<String> moderatorName) {
        Optional<String> name = style == Style.FIRST_NAME_AND_UNIT
                ? moderatorName.flatMap(ReplySignature::firstName)
                : Optional.empty();
        String who;
        if (name.isPresent()) {
            who = unit.isEmpty() ? name.get() : name.get() + ", " + unit;
        } else if (style != Style.NONE && !unit.isEmpty()) {
            who = unit;
        } else {
            return Optional.empty();
        }
        return Optional.of(DASH + " " + who);
    }

    /** The first word of a name ("Anna" of "Anna Berg", "Anne-Marie" of "Anne-Marie Holm"), without control characters. */
    static Optional<String> firstName(String fullName) {
        if (fullName == null) {
            return Optional.empty();
        }
        String clean = oneLine(fullName);
        if (clean.isEmpty()) {
            return Optional.empty();
        }
        String first = clean.split(" ", 2)[0];
        if (!first.codePoints().allMatch(c -> Character.isLetter(c) || c == '-' || c == '\'' || c == '.')) {
            return Optional.empty();
        }
        return Optional.of(first.length() > MAX_NAME_LENGTH ? first.substring(0, MAX_NAME_LENGTH) : first);
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    }
}
