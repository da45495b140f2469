package org.tingvakt.moderation.outreach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tingvakt.moderation.kernel.RemovalReason;

class ThreadNoticeThrottleTest {

    private static final String THREAD = "facebook:111_999";
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final ThreadNoticeThrottle throttle = new ThreadNoticeThrottle(clock);

    @Test
    void firstRemovalInAThreadGetsANoticeAtOnce() {
        ThreadNoticeState state = throttle.record(ThreadNoticeState.initial(THREAD), Set.of(RemovalReason.THREAT), 1);

        Optional<ThreadNotice> due = throttle.due(state);

        assertEquals(Optional.of(new ThreadNotice(THREAD, Set.of(RemovalReason.THREAT), 1)), due);
        assertEquals(Optional.of(T0), throttle.nextDueAt(state));
        ThreadNoticeState after = throttle.markPosted(state, due.get());
        assertEquals(new ThreadNoticeState(THREAD, Optional.of(T0), Set.of(), 0), after);
        assertEquals(Optional.empty(), throttle.due(after));
        assertEquals(Optional.empty(), throttle.nextDueAt(after));
    }

    @Test
    void removalsWithinTheHourAreGatheredIntoTheNextNotice() {
        ThreadNoticeState state = throttle.record(ThreadNoticeState.initial(THREAD), Set.of(RemovalReason.THREAT), 1);
        state = throttle.markPosted(state, throttle.due(state).orElseThrow());

        clock.advance(Duration.ofMinutes(10));
        state = throttle.record(state, Set.of(RemovalReason.PERSONAL_DATA), 1);
        assertEquals(Optional.empty(), throttle.due(state), "10 min after a notice");
        clock.advance(Duration.ofMinutes(40));
        state = throttle.record(state, Set.of(RemovalReason.INSULT, RemovalReason.PERSONAL_DATA), 2);
        assertEquals(Optional.empty(), throttle.due(state), "50 min after a notice");
        assertEquals(Optional.of(T0.plus(Duration.ofHours(1))), throttle.nextDueAt(state));

        clock.advance(Duration.ofMinutes(9).plusSeconds(59));
        assertEquals(Optional.empty(), throttle.due(state), "one second short of the hour");
        clock.advance(Duration.ofSeconds(1));
        ThreadNotice due = throttle.due(state).orElseThrow();
        assertEquals(new ThreadNotice(THREAD, Set.of(RemovalReason.INSULT, RemovalReason.PERSONAL_DATA), 3), due);

        ThreadNoticeState after = throttle.markPosted(state, due);
        assertEquals(Optional.of(T0.plus(Duration.ofHours(1))), after.lastNoticeAt());
        assertEquals(0, after.pendingCount());
    }

    @Test
    void aFailedPostLeavesTheNoticeDue() {
        ThreadNoticeState state = throttle.record(ThreadNoticeState.initial(THREAD), Set.of(RemovalReason.HATE), 2);
        assertTrue(throttle.due(state).isPresent());
        // the post failed: the caller does not mark it; later it is still due, with anything added since
        clock.advance(Duration.ofMinutes(5));
        state = throttle.record(state, Set.of(RemovalReason.CRIME), 1);
        assertEquals(
                new ThreadNotice(THREAD, Set.of(RemovalReason.HATE, RemovalReason.CRIME), 3),
                throttle.due(state).orElseThrow());
    }

    @Test
    void removalsRecordedWhilePostingStayPending() {
        ThreadNoticeState state = throttle.record(ThreadNoticeState.initial(THREAD), Set.of(RemovalReason.HATE), 2);
        ThreadNotice posting = throttle.due(state).orElseThrow();
        state = throttle.record(state, Set.of(RemovalReason.SECRET), 1);

        ThreadNoticeState after = throttle.markPosted(state, posting);

        assertEquals(1, after.pendingCount());
        assertTrue(after.pendingReasons().contains(RemovalReason.SECRET));
        assertEquals(Optional.of(T0.plus(Duration.ofHours(1))), throttle.nextDueAt(after));
    }

    @Test
    void noReasonCountsAsOther() {
        ThreadNoticeState state = throttle.record(ThreadNoticeState.initial(THREAD), Set.of(), 1);
        assertEquals(Set.of(RemovalReason.OTHER), state.pendingReasons());
    }

    @Test
    void stateRoundTripsThroughATableRow() {
        ThreadNoticeState state = new ThreadNoticeState(
                THREAD, Optional.of(T0), Set.of(RemovalReason.PERSONAL_DATA, RemovalReason.THREAT), 4);

        assertEquals("THREAT,PERSONAL_DATA", state.pendingReasonNames());
        assertEquals(state, ThreadNoticeState.restore(THREAD, T0, state.pendingReasonNames(), 4));
        assertEquals(ThreadNoticeState.initial(THREAD), ThreadNoticeState.restore(THREAD, null, "", 0));
        assertFalse(ThreadNoticeState.initial(THREAD).hasPending());
    }

    @Test
    void intervalIsConfigurable() {
        ThreadNoticeThrottle quick = new ThreadNoticeThrottle(clock, Duration.ofMinutes(15));
        ThreadNoticeState state = quick.record(ThreadNoticeState.initial(THREAD), Set.of(RemovalReason.THREAT), 1);
        state = quick.markPosted(state, quick.due(state).orElseThrow());
        state = quick.record(state, Set.of(RemovalReason.THREAT), 1);
        clock.advance(Duration.ofMinutes(15));
        assertTrue(quick.due(state).isPresent());
    }
}
