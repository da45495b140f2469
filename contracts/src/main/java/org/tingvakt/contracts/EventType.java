package org.tingvakt.contracts;

import java.util.Arrays;
import java.util.Optional;

/** Each event's CloudEvents type, record class and the topic it is published on. */
public enum EventType {
    COMMENT_RECEIVED(CommentReceived.class, Topics.COMMENTS_RECEIVED),
    COMMENT_CLASSIFIED(CommentClassified.class, Topics.COMMENTS_CLASSIFIED),
    MODERATION_ACTION_TAKEN(ModerationActionTaken.class, Topics.MODERATION_ACTIONS),
    ARCHIVE_REQUESTED(ArchiveRequested.class, Topics.ARCHIVE_REQUESTS),
    RECORD_ARCHIVED(RecordArchived.class, Topics.ARCHIVE_RECORDS),
    ACCOUNT_HEALTH_FLAGGED(AccountHealthFlagged.class, Topics.ACCOUNTS_HEALTH),
    ERASURE_REQUESTED(ErasureRequested.class, Topics.ERASURE_REQUESTS),
    ERASURE_REPORTED(ErasureReported.class, Topics.ERASURE_REPORTS);

    /** The {@code ce_source} prefix; a service appends its own name. */
    public static final String SOURCE_PREFIX = "urn:tingvakt:";

    public static final String SPEC_VERSION = "1.0";

    private final Class<? extends Event> recordClass;
    private final String topic;

    EventType(Class<? extends Event> recordClass, String topic) {
        this.recordClass = recordClass;
        this.topic = topic;
    }

    /** For example {@code org.tingvakt.CommentReceived.v1}. */
    public String ceType() {
        return "org.tingvakt." + recordClass.getSimpleName() + ".v1";
    }

    public Class<? extends Event> recordClass() {
        return recordClass;
    }

    public String topic() {
        return topic;
    }

    public static EventType of(Event event) {
        return of(event.getClass());
    }

    public static EventType of(Class<?> recordClass) {
        return Arrays.stream(values())
                .filter(t -> t.recordClass.equals(recordClass))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an event: " + recordClass));
    }

    public static Optional<EventType> fromCeType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.ceType().equals(ceType)).findFirst();
    }
}
