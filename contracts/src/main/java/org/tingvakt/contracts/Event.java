package org.tingvakt.contracts;

/**
 * An event Tingvakt publishes. The closed set of events; each is serialised as JSON and carried with CloudEvents headers
 * whose {@code ce_type} is {@link EventType#ceType()}.
 */
public sealed interface Event
        permits CommentReceived,
                CommentClassified,
                ModerationActionTaken,
                ArchiveRequested,
                RecordArchived,
                AccountHealthFlagged,
                ErasureRequested,
                ErasureReported {

    /** The Kafka key: the thread this event belongs to. */
    String threadKey();
}
