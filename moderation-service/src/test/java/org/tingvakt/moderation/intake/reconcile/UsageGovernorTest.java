package org.tingvakt.moderation.intake.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UsageGovernorTest {
    private final UsageGovernor governor = new UsageGovernor(50, 80, Duration.ofSeconds(10));

    @Test
    void goesAtOnceBelowSlowAt() {
        assertThat(governor.after(0)).isInstanceOf(UsageGovernor.Decision.Go.class);
        assertThat(governor.after(49)).isInstanceOf(UsageGovernor.Decision.Go.class);
    }

    @Test
    void pausesLongerTheCloserUsageIsToTheStop() {
        Duration low = ((UsageGovernor.Decision.Pause) governor.after(50)).duration();
        Duration high = ((UsageGovernor.Decision.Pause) governor.after(79)).duration();
        assertThat(low).isPositive().isLessThan(high);
        assertThat(high).isLessThanOrEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void stopsAtStopAtAndWhenThrottled() {
        assertThat(governor.after(80)).isInstanceOf(UsageGovernor.Decision.Stop.class);
        assertThat(governor.after(100)).isInstanceOf(UsageGovernor.Decision.Stop.class);
    }

    @Test
    void refusesThresholdsOutOfOrder() {
        assertThatThrownBy(() -> new UsageGovernor(90, 80, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UsageGovernor(50, 101, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
