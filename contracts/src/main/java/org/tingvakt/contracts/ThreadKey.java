package org.tingvakt.contracts;

/** The Kafka key of a thread: platform and post id, so every event of one thread lands on one partition, in order. */
public final class ThreadKey {
    private ThreadKey() {}

    public static String of(Platform platform, String postId) {
        return platform.name().toLowerCase(java.util.Locale.ROOT) + ":" + postId;
    }
}
