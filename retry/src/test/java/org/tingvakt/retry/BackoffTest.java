package org.tingvakt.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = Backoff.exponential(Duration.ofSeconds(30), Duration.ofHours(1));

    @Test
    void theWaitDoublesFromTheInitialWaitUpToTheCap() {
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.delay(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(backoff.delay(7)).isEqualTo(Duration.ofMinutes(32));
        assertThat(backoff.delay(8)).isEqualTo(Duration.ofHours(1));
        assertThat(backoff.delay(9)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void anAttemptBelowOneCountsAsTheFirst() {
        assertThat(backoff.delay(0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(-5)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void manyAttemptsNeverOverflowAndStayAtTheCap() {
        Backoff huge = Backoff.exponential(Duration.ofMillis(1), Duration.ofSeconds(Long.MAX_VALUE / 2));
        assertThat(huge.delay(Integer.MAX_VALUE)).isEqualTo(huge.max());
        assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theCapNeedNotBeAPowerOfTwoOfTheInitialWait() {
        Backoff relay = Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(10));
        assertThat(relay.delay(6)).isEqualTo(Duration.ofMillis(6400));
        assertThat(relay.delay(7)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aPersistedJobIsDueAgainAfterTheWaitOfItsFailedAttempt() {
        Instant failedAt = Instant.parse("2026-12-07T12:00:00Z");
        assertThat(backoff.nextAttemptAt(failedAt, 1)).isEqualTo(Instant.parse("2026-12-07T12:00:30Z"));
        assertThat(backoff.nextAttemptAt(failedAt, 3)).isEqualTo(Instant.parse("2026-12-07T12:02:00Z"));
        assertThat(backoff.nextAttemptAt(failedAt, 50)).isEqualTo(Instant.parse("2026-12-07T13:00:00Z"));
    }

    @Test
    void jitterSpreadsAWaitBetweenHalfAndAllOfIt() {
        assertThat(Backoff.jitter(Duration.ofSeconds(2), 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Backoff.jitter(Duration.ofSeconds(2), 0.5)).isEqualTo(Duration.ofMillis(1500));
        assertThat(Backoff.jitter(Duration.ofSeconds(2), 0.9999)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.jittered(2, () -> 0.0)).isEqualTo(Duration.ofSeconds(30));
        for (int i = 0; i < 1000; i++) {
            assertThat(backoff.jittered(3, Math::random)).isBetween(Duration.ofMinutes(1), Duration.ofMinutes(2));
        }
    }

    @Test
    void jitterRefusesAValueOutsideZeroToOne() {
        assertThatThrownBy(() -> Backoff.jitter(Duration.ofSeconds(1), 1.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.jitter(Duration.ofSeconds(1), -0.1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBackOffNeedsAPositiveStartAndACapNotBelowIt() {
        assertThatThrownBy(() -> Backoff.exponential(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(1))
                        .delay(5))
                .isEqualTo(Duration.ofSeconds(1));
    }
}
