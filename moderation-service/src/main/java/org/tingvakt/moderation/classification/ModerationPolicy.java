package org.tingvakt.moderation.classification;

import java.util.Set;

/**
 * Maps labels to what happens to a comment, before any account-specific policy exists: nothing labelled → allow;
 * anything labelled → a moderator reviews it. Automatic hiding and deletion need a platform connector and an account's
 * own policy (the moderation issue); until then no comment is hidden without a person.
 */
public final class ModerationPolicy {
    public static final String ALLOW = "ALLOW";
    public static final String REVIEW = "REVIEW";

    private ModerationPolicy() {
    }

    public static String decide(Set<String> labels, Set<String> intents) {
        if (intents.contains("COMPLAINT")) {
            return REVIEW; // complaints are registered, never auto-deleted (invariant 5)
        }
        return labels.isEmpty() ? ALLOW : REVIEW;
    }
}
