package org.tingvakt.moderation.kernel;

/** The Kafka channels of the moderation service; code and tests share these names. */
public final class Channels {
    public static final String COMMENTS_RECEIVED = "comments-received";
    public static final String ARCHIVE_RECORDS = "archive-records";
    public static final String ERASURE_REQUESTS = "erasure-requests";

    /** Consumer names: the key of the idempotency log, one per effect. */
    public static final String CLASSIFIER = "moderation-classifier";

    public static final String DELETION = "moderation-deletion";

    public static final String ERASURE = "moderation-erasure";

    private Channels() {}
}
