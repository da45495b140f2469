package org.tingvakt.moderation.outreach;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.tingvakt.moderation.kernel.RemovalReason;

/**
 * At most one notice per thread per interval (an hour by default): removals within the interval after a notice are
 * gathered into the next one. Pure logic over {@link ThreadNoticeState}; the caller stores the state.
 *
 * <p>Use: on each removal {@link #record}, then {@link #due}; if a notice is due, post it and, only once it is posted,
 * {@link #markPosted}. When something stays pending, {@link #nextDueAt} says when to look again (a scheduled job).
 * Changes to one thread's state must not interleave: read it {@code FOR UPDATE} or keep them on the thread's partition.
 */
public final class ThreadNoticeThrottle {

    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);

    private final Clock clock;
    private final Duration interval;

    public ThreadNoticeThrottle(Clock clock) {
        this(clock, DEFAULT_INTERVAL);
    }

    public ThreadNoticeThrottle(Clock clock, Duration interval) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval cannot be negative");
        }
    }

    /** Adds removed comments to what the next notice covers. */
    public ThreadNoticeState record(ThreadNoticeState state, Set<RemovalReason> reasons, int removedCount) {
        if (removedCount < 1) {
            throw new IllegalArgumentException("record at least one removed comment");
        }
        EnumSet<RemovalReason> pending = EnumSet.noneOf(RemovalReason.class);
        pending.addAll(state.pendingReasons());
        pending.addAll(reasons.isEmpty() ? Set.of(RemovalReason.OTHER) : reasons);
        return new ThreadNoticeState(
                state.threadKey(), state.lastNoticeAt(), pending, Math.addExact(state.pendingCount(), removedCount));
    }

    /** The notice to post now, if removals are pending and the last notice is at least an interval old. */
    public Optional<ThreadNotice> due(ThreadNoticeState state) {
        if (!state.hasPending() || clock.instant().isBefore(earliestNext(state))) {
            return Optional.empty();
        }
        return Optional.of(new ThreadNotice(state.threadKey(), state.pendingReasons(), state.pendingCount()));
    }

    /**
     * The state after {@code posted} went out now. Removals recorded after {@code posted} was taken from the state stay
     * pending (their count exactly; their reasons may include the posted ones, since reasons are not counted).
     */
    public ThreadNoticeState markPosted(ThreadNoticeState state, ThreadNotice posted) {
        if (!state.threadKey().equals(posted.threadKey())) {
            throw new IllegalArgumentException("notice of another thread");
        }
        int remaining = Math.max(0, state.pendingCount() - posted.removedCount());
        Set<RemovalReason> reasons = remaining == 0 ? Set.of() : state.pendingReasons();
        return new ThreadNoticeState(state.threadKey(), Optional.of(clock.instant()), reasons, remaining);
    }

    /**
     * When the pending notice becomes due: an interval after the last notice (possibly already past), or now when the
     * thread never had one. Empty when nothing is pending.
     */
    public Optional<Instant> nextDueAt(ThreadNoticeState state) {
        if (!state.hasPending()) {
            return Optional.empty();
        }
        return Optional.of(state.lastNoticeAt().map(last -> last.plus(interval)).orElseGet(clock::instant));
    }

    private Instant earliestNext(ThreadNoticeState state) {
        return state.lastNoticeAt().map(last -> last.plus(interval)).orElse(Instant.MIN);
    }
}
