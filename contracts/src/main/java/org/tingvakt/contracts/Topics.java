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
    /** Erasure requests (GDPR Art. 17) from the archive to every service; no national ID number, no text. */
    public static final String ERASURE_REQUESTS = "privacy.erasure-requests";
    /** Each service's report on an erasure request, back to the archive; counts only. */
    public static final String ERASURE_REPORTS = "privacy.erasure-reports";

    /** Suffix of every dead-letter topic. */
    public static final String DLQ_SUFFIX = ".dlq";

    public static final List<String> ALL = List.of(
            COMMENTS_RECEIVED,
            COMMENTS_CLASSIFIED,
            MODERATION_ACTIONS,
            ARCHIVE_REQUESTS,
            ARCHIVE_RECORDS,
            ACCOUNTS_HEALTH,
            ERASURE_REQUESTS,
            ERASURE_REPORTS);

    private Topics() {}

    public static String deadLetter(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
