package org.tingvakt.contracts;

import java.util.Optional;

/**
 * What an account's policy does with a comment carrying a label ({@link CommentClassified#action()}), from the mildest to the strictest. When several labels
 * apply, the strictest action wins. Hiding is reversible and the default automatic action; deletion always waits for the
 * archived evidence and happens automatically only where the account has switched automatic deletion on.
 */
public enum PolicyAction {
    /** Leave it visible; no moderator needed. */
    ALLOW,
    /** Leave it visible and put it in the moderators' queue. */
    REVIEW,
    /** Hide it at once (reversible) and queue it. */
    HIDE,
    /** Hide it at once and request the archive record, so a moderator can delete it once the evidence exists. */
    HIDE_AND_ARCHIVE,
    /** Hide, archive, and delete on the platform after the verified record — only with automatic deletion on. */
    DELETE_AFTER_ARCHIVE;

    public boolean stricterThan(PolicyAction other) {
        return compareTo(other) > 0;
    }

    /** The action of a name from an event, or empty for null or an action this version does not know. */
    public static Optional<PolicyAction> parse(String name) {
        return KnownValues.Names.parse(PolicyAction.class, name);
    }
}
