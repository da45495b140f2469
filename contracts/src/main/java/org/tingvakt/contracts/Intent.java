package org.tingvakt.contracts;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What a comment wants from the page, as events carry it ({@code intents}): an answer, a registered complaint, or a
 * referral to the politicians. The classifier's own {@code org.tingvakt.classifier.Intent} has the same names.
 */
public enum Intent {
    QUESTION,
    COMPLAINT,
    POLITICAL;

    /** The intent of a name from an event, or empty for null or an intent this version does not know. */
    public static Optional<Intent> parse(String name) {
        return KnownValues.Names.parse(Intent.class, name);
    }

    /** The known intents of an event's list, unknown names left out. */
    public static List<Intent> parseAll(Collection<String> names) {
        return KnownValues.Names.parseAll(Intent.class, names);
    }

    /** Whether an event's list of names holds this intent. */
    public boolean in(Collection<String> names) {
        return names != null && names.stream().anyMatch(n -> parse(n).orElse(null) == this);
    }
}
