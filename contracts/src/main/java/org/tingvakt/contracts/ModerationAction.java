package org.tingvakt.contracts;

import java.util.Optional;

/** What was done to a comment ({@link ModerationActionTaken#action()}): by a moderator, by policy, or on the platform. */
public enum ModerationAction {
    /** A moderator approved the comment: it stays (or becomes) visible. */
    APPROVED,
    /** Hidden on the platform. */
    HIDDEN,
    /** Made visible again on the platform. */
    UNHIDDEN,
    /** Deleted on the platform, after the archive's verified record. */
    DELETED,
    /** The page answered the comment (on the platform or through the console). */
    REPLIED,
    /** A moderator decided that the comment needs no answer. */
    NO_REPLY_NEEDED,
    /** Handed on to someone else (a colleague, the politicians). */
    ESCALATED;

    /** The action of a name from an event, or empty for null or an action this version does not know. */
    public static Optional<ModerationAction> parse(String name) {
        return KnownValues.Names.parse(ModerationAction.class, name);
    }
}
