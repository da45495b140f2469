package org.tingvakt.moderation.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tingvakt.moderation.actions.connector.FailureCategory;
import org.tingvakt.moderation.actions.connector.PlatformResult;

class MessagingWindowTest {
    private static final Instant MESSAGE = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void aReplyGoesWithinTwentyFourHoursOfTheMessageLessTheMargin() {
        assertThat(MessagingWindow.open(MESSAGE, MESSAGE)).isTrue();
        assertThat(MessagingWindow.open(
                        MESSAGE, MESSAGE.plus(Duration.ofHours(23).plusMinutes(54))))
                .isTrue();
        assertThat(MessagingWindow.open(
                        MESSAGE, MESSAGE.plus(Duration.ofHours(23).plusMinutes(55))))
                .isFalse();
        assertThat(MessagingWindow.open(MESSAGE, MESSAGE.plus(Duration.ofDays(2))))
                .isFalse();
        assertThat(MessagingWindow.open(null, MESSAGE)).isFalse();
    }

    @Test
    void aClosedWindowIsAPermanentFailureWithNothingSent() {
        PlatformResult closed = MessagingWindow.closed();
        assertThat(closed).isInstanceOfSatisfying(PlatformResult.Failure.class, f -> {
            assertThat(f.category()).isEqualTo(FailureCategory.PERMISSION);
            assertThat(f.retryable()).isFalse();
            assertThat(f.attempts()).isZero();
            assertThat(f.message()).contains("24-hour");
        });
    }
}
