package org.tingvakt.archive.export;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to an archived record, written as a PREMIS 3 event in the package's preservation metadata.
 *
 * @param type the PREMIS event type: {@code capture}, {@code registration}, {@code appraisal} (registration not
 *     required), {@code legal hold placed}, {@code legal hold released}, {@code deletion} (disposal)
 * @param at when it happened
 * @param detail what happened, in words (no personal data)
 * @param agent who did it (a role or system name; never a person's identity unless the archive recorded it as the actor)
 */
public record RecordEvent(String type, Instant at, String detail, String agent) {
    public RecordEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        detail = detail == null ? "" : detail;
        agent = agent == null ? "" : agent;
    }
}
