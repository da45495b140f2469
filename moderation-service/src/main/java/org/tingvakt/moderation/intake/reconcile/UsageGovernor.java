package org.tingvakt.moderation.intake.reconcile;

import java.time.Duration;

/**
 * Slows the reconciliation down before Meta throttles it. Meta reports, with every answer, the share of a rate limit
 * used (percent; throttled at 100). Below {@code slowAt} the next read goes at once; from {@code slowAt} it waits, longer
 * the closer the share is to 100 (up to {@code maxPause}); from {@code stopAt} the account's cycle ends, and the next
 * cycle goes on where it stopped (what was read is stored, what was not is read then).
 */
public record UsageGovernor(int slowAt, int stopAt, Duration maxPause) {

    public UsageGovernor {
        if (slowAt < 0 || stopAt > 100 || slowAt > stopAt || maxPause.isNegative()) {
            throw new IllegalArgumentException("need 0 <= slow-at <= stop-at <= 100 and a pause >= 0");
        }
    }

    /** What to do before the next read. */
    public sealed interface Decision {
        record Go() implements Decision {}

        record Pause(Duration duration) implements Decision {}

        record Stop() implements Decision {}
    }

    public Decision after(int usagePercent) {
        if (usagePercent >= stopAt) {
            return new Decision.Stop();
        }
        if (usagePercent < slowAt) {
            return new Decision.Go();
        }
        double share = (usagePercent - slowAt + 1) / (double) (stopAt - slowAt);
        return new Decision.Pause(Duration.ofMillis(Math.round(maxPause.toMillis() * Math.min(1.0, share))));
    }
}
