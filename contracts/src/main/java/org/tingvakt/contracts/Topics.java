package org.tingvakt.contracts;

import java.util.List;

/** The Kafka topics of Tingvakt. The key of every record is the thread ({@link ThreadKey}), so a thread stays in order. */
public final class Topics {
    public static final String COMMENTS_RECEIVED = "comments.received";
    public static final String COMMENTS_CLASSIFIED = "comments.classified";
    public static final String MODERATION_ACTIONS = "moderation.actions";
    public static final String ARCHIVE_REQUESTS = "archive.requests";
    public static final String ARCHIVE_RECORDS = "archive.records";
    /** Connected accounts that need an admin (moderation publishes, notifier tells the admins). */
    public static final String ACCOUNTS_HEALTH = "accounts.health";

    /** Suffix of every dead-letter topic. */
    public static final String DLQ_SUFFIX = ".dlq";

    public static final List<String> ALL = List.of(
            COMMENTS_RECEIVED,
            COMMENTS_CLASSIFIED,
            MODERATION_ACTIONS,
            ARCHIVE_REQUESTS,
            ARCHIVE_RECORDS,
            ACCOUNTS_HEALTH);

    private Topics() {}

    public static String deadLetter(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
