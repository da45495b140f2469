package org.tingvakt.moderation.actions.connector;

import java.time.Duration;

/** Waits between retries; tests replace it with one that records the waits and returns at once. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** Sleeps on the current thread. */
    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
