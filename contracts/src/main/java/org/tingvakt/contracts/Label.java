package org.tingvakt.contracts;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The moderation labels of a comment, as events carry them ({@code labels}, and a label as {@code reason}). The
 * classifier's own {@code org.tingvakt.classifier.Label} has the same names (moderation's ContractEnumsTest checks it).
 */
public enum Label {
    THREAT,
    HATE,
    INSULT,
    PROFANITY,
    SEXUAL,
    VIOLENCE,
    CRIME,
    ADVERTISING,
    PERSONAL_DATA,
    SECRET;

    /** The label of a name from an event, or empty for null or a label this version does not know. */
    public static Optional<Label> parse(String name) {
        return KnownValues.Names.parse(Label.class, name);
    }

    /** The known labels of an event's list, unknown names left out. */
    public static List<Label> parseAll(Collection<String> names) {
        return KnownValues.Names.parseAll(Label.class, names);
    }

    /** Whether an event's list of names holds this label. */
    public boolean in(Collection<String> names) {
        return names != null && names.stream().anyMatch(n -> parse(n).orElse(null) == this);
    }
}
