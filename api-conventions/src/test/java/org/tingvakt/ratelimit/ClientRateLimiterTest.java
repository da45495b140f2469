package org.tingvakt.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final ClientRateLimiter limiter = new ClientRateLimiter(60, nanos::get);

    @Test
    void aClientGetsItsBurstThenOnePerRefillAndOthersAreNotAffected() {
        for (int i = 0; i < 60; i++) {
            assertThat(limiter.take("a").allowed()).as("request %d", i).isTrue();
        }
        ClientRateLimiter.Decision refused = limiter.take("a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(refused.limit()).isEqualTo(60);
        assertThat(limiter.take("b").allowed()).isTrue();

        nanos.addAndGet(1_000_000_000L); // 60 a minute: one more a second
        assertThat(limiter.take("a").allowed()).isTrue();
        assertThat(limiter.take("a").allowed()).isFalse();

        nanos.addAndGet(3_600_000_000_000L); // an hour quiet refills the bucket to its size, no more
        int allowed = 0;
        while (limiter.take("a").allowed()) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(60);
    }

    @Test
    void eachAnswerSaysWhatRemainsAndWhenTheBucketIsFullAgain() {
        ClientRateLimiter.Decision first = limiter.take("d");
        assertThat(first.remaining()).isEqualTo(59);
        assertThat(first.resetSeconds()).isEqualTo(1);
        for (int i = 1; i < 60; i++) {
            limiter.take("d");
        }
        ClientRateLimiter.Decision refused = limiter.take("d");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.resetSeconds()).isEqualTo(60);
    }

    @Test
    void peekingSpendsNothingAndSaysWhatTakeWouldAnswer() {
        assertThat(limiter.peek("p").allowed()).isTrue();
        assertThat(limiter.peek("p").remaining()).isEqualTo(60);
        for (int i = 0; i < 1000; i++) {
            limiter.peek("p");
        }
        for (int i = 0; i < 59; i++) {
            limiter.take("p");
        }
        assertThat(limiter.peek("p").allowed()).isTrue();
        assertThat(limiter.peek("p").remaining()).isEqualTo(1);
        assertThat(limiter.take("p").allowed()).isTrue();
        ClientRateLimiter.Decision spent = limiter.peek("p");
        assertThat(spent.allowed()).isFalse();
        assertThat(spent.retryAfterSeconds()).isEqualTo(limiter.take("p").retryAfterSeconds());
        nanos.addAndGet(1_000_000_000L);
        assertThat(limiter.peek("p").allowed()).isTrue();
        assertThat(limiter.peek("p").remaining()).isEqualTo(1);
    }

    @Test
    void retryAfterSaysWhenTheNextRequestPasses() {
        ClientRateLimiter slow = new ClientRateLimiter(2, nanos::get); // one per 30 s
        assertThat(slow.take("c").allowed()).isTrue();
        assertThat(slow.take("c").allowed()).isTrue();
        ClientRateLimiter.Decision refused = slow.take("c");
        assertThat(refused.retryAfterSeconds()).isEqualTo(30);
        nanos.addAndGet(29_000_000_000L);
        assertThat(slow.take("c").allowed()).isFalse();
        nanos.addAndGet(1_000_000_000L);
        assertThat(slow.take("c").allowed()).isTrue();
        assertThatThrownBy(() -> new ClientRateLimiter(0, nanos::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
