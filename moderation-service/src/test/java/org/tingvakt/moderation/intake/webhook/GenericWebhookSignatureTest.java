package org.tingvakt.moderation.intake.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tingvakt.moderation.intake.webhook.GenericWebhookSignature.Verdict;

class GenericWebhookSignatureTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final GenericWebhookSignature sig = new GenericWebhookSignature("s3cret", Duration.ofMinutes(5));
    private final byte[] body = "{\"accountId\":\"a\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aFreshSignedBodyIsValidAndEveryChangeIsNot() {
        String ts = Long.toString(NOW.getEpochSecond());
        String header = sig.header(ts, body);
        assertThat(header).startsWith("sha256=").hasSize(7 + 64);
        assertThat(sig.check(ts, header, body, NOW)).isEqualTo(Verdict.VALID);
        assertThat(sig.check(ts, header, "{\"accountId\":\"b\"}".getBytes(StandardCharsets.UTF_8), NOW))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        String otherTs = Long.toString(NOW.getEpochSecond() - 1);
        assertThat(sig.check(otherTs, header, body, NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(sig.check(ts, header.toUpperCase(), body, NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(sig.check(ts, "sha256=xyz", body, NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(new GenericWebhookSignature("other", Duration.ofMinutes(5)).check(ts, header, body, NOW))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void theReplayWindowHoldsBothWays() {
        for (long offset : new long[] {-300, 300}) {
            String ts = Long.toString(NOW.getEpochSecond() + offset);
            assertThat(sig.check(ts, sig.header(ts, body), body, NOW)).isEqualTo(Verdict.VALID);
        }
        for (long offset : new long[] {-301, 301, -86_400}) {
            String ts = Long.toString(NOW.getEpochSecond() + offset);
            assertThat(sig.check(ts, sig.header(ts, body), body, NOW)).isEqualTo(Verdict.STALE);
        }
        assertThat(sig.check("2026-11-23", "sha256=00", body, NOW)).isEqualTo(Verdict.STALE);
        assertThat(sig.check(null, "sha256=00", body, NOW)).isEqualTo(Verdict.MISSING);
        assertThat(sig.check("1", null, body, NOW)).isEqualTo(Verdict.MISSING);
    }

    @Test
    void aMissingSecretStopsTheServiceFromStarting() {
        assertThatThrownBy(() -> new GenericWebhookSignature(" ", Duration.ofMinutes(5)))
                .hasMessageContaining("TINGVAKT_GENERIC_WEBHOOK_SECRET");
    }
}
