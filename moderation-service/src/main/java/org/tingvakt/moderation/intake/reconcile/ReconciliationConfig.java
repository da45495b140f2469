package org.tingvakt.moderation.intake.reconcile;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * {@code tingvakt.reconciliation.*} (defaults in application.properties): how far back to read, page size, and when to
 * slow down and stop for Meta's rate limits.
 */
@ConfigMapping(prefix = "tingvakt.reconciliation")
public interface ReconciliationConfig {
    /** How often (read by the scheduler: a duration, or {@code off}). */
    String interval();

    /** The first cycle after start (read by the scheduler). */
    String initialDelay();

    /** Comments on posts and media created within this are read (ISO-8601 or 7d). */
    Duration window();

    /** Items per Graph page ({@code limit}, at most 100). */
    int pageSize();

    /** Usage share (percent) from which reads are spaced out. */
    int slowAt();

    /** Usage share (percent) at which an account's cycle ends until the next one. */
    int stopAt();

    /** The longest pause between two reads when slowing down. */
    Duration maxPause();
}
