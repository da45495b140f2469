package org.tingvakt.moderation.kernel;

import java.util.Locale;

/**
 * Why comments were removed, as a thread notice names it: the classifier's label names, plus {@link #OTHER} for removals
 * by a moderator for another reason. The order here is the order in which a notice lists them.
 */
public enum RemovalReason {
    THREAT,
    HATE,
    INSULT,
    PROFANITY,
    SEXUAL,
    VIOLENCE,
    CRIME,
    ADVERTISING,
    PERSONAL_DATA,
    SECRET,
    OTHER;

    /** The reason for a label name or free reason category; anything unknown (or null) is {@link #OTHER}. */
    public static RemovalReason fromLabel(String name) {
        if (name == null) {
            return OTHER;
        }
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return OTHER;
        }
    }
}
