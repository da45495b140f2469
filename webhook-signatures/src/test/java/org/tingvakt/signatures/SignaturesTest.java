package org.tingvakt.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tingvakt.signatures.TimestampedSignature.Verdict;

class SignaturesTest {
    private static final byte[] BODY = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.ofEpochSecond(1_795_400_000L);

    @Test
    void hmacMatchesRfc4231TestCase2() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
        assertThat(Hmac.sha256Hex("Jefe", "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void hexComparisonAcceptsOnlyTheSameBytes() {
        byte[] mac = Hmac.sha256("k".getBytes(StandardCharsets.UTF_8), BODY);
        String hex = java.util.HexFormat.of().formatHex(mac);
        assertThat(Hmac.matchesHex(mac, hex)).isTrue();
        assertThat(Hmac.matchesHex(mac, hex.toUpperCase(java.util.Locale.ROOT))).isTrue();
        assertThat(Hmac.matchesHex(mac, hex.substring(2))).isFalse();
        assertThat(Hmac.matchesHex(mac, "zz" + hex.substring(2))).isFalse();
        assertThat(Hmac.matchesHex(mac, null)).isFalse();
        assertThatThrownBy(() -> Hmac.sha256(new byte[0], BODY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void metaHubSignatureIsTheHexHmacOfTheBodyOnly() {
        HubSignature meta = new HubSignature("app-secret");
        String header = meta.header(BODY);
        assertThat(header)
                .isEqualTo("sha256=" + Hmac.sha256Hex("app-secret", new String(BODY, StandardCharsets.UTF_8)));
        assertThat(meta.verifies(BODY, header)).isTrue();
        assertThat(meta.verifies("{}".getBytes(StandardCharsets.UTF_8), header)).isFalse();
        assertThat(new HubSignature("other").verifies(BODY, header)).isFalse();
        assertThat(meta.verifies(BODY, header.substring("sha256=".length()))).isFalse();
        assertThat(meta.verifies(BODY, "sha1=" + header.substring(7))).isFalse();
        assertThat(meta.verifies(BODY, null)).isFalse();
        assertThatThrownBy(() -> new HubSignature(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timestampedOneHeaderFormVerifiesWithinTheToleranceOnly() {
        TimestampedSignature s = new TimestampedSignature("whsec", Duration.ofMinutes(5));
        long t = NOW.getEpochSecond();
        String header = s.header(t, BODY);
        assertThat(header).startsWith("t=" + t + ",v1=");
        TimestampedSignature.Result ok = s.check(header, BODY, NOW);
        assertThat(ok.verdict()).isEqualTo(Verdict.VALID);
        assertThat(ok.timestamp()).isEqualTo(t);
        assertThat(ok.signatureHex()).isEqualTo(s.sign(t, BODY));

        assertThat(s.check(header, BODY, NOW.plusSeconds(300)).verdict()).isEqualTo(Verdict.VALID);
        assertThat(s.check(header, BODY, NOW.plusSeconds(301)).verdict()).isEqualTo(Verdict.STALE);
        assertThat(s.check(header, BODY, NOW.minusSeconds(301)).verdict()).isEqualTo(Verdict.STALE);
        assertThat(s.check(header, "{}".getBytes(StandardCharsets.UTF_8), NOW).verdict())
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(new TimestampedSignature("other", Duration.ofMinutes(5))
                        .check(header, BODY, NOW)
                        .verdict())
                .isEqualTo(Verdict.BAD_SIGNATURE);
        // The timestamp is signed: moving it to now breaks the signature.
        String moved = header.replace("t=" + t, "t=" + (t + 1));
        assertThat(s.check(moved, BODY, NOW).verdict()).isEqualTo(Verdict.BAD_SIGNATURE);
        // Several v1 (a secret being rotated): one valid is enough.
        assertThat(s.check("t=" + t + ",v1=00ff,v1=" + s.sign(t, BODY), BODY, NOW)
                        .verdict())
                .isEqualTo(Verdict.VALID);
        assertThat(s.check("v1=" + s.sign(t, BODY), BODY, NOW).verdict()).isEqualTo(Verdict.MISSING);
        assertThat(s.check("t=" + t, BODY, NOW).verdict()).isEqualTo(Verdict.MISSING);
        assertThat(s.check("t=monday,v1=00", BODY, NOW).verdict()).isEqualTo(Verdict.STALE);
        assertThat(s.check("t=" + Long.MIN_VALUE + ",v1=00", BODY, NOW).verdict())
                .isEqualTo(Verdict.STALE);
        assertThat(s.check(null, BODY, NOW).verdict()).isEqualTo(Verdict.MISSING);
    }

    @Test
    void timestampedTwoHeaderFormSignsTheSameBytes() {
        TimestampedSignature s = new TimestampedSignature("whsec", Duration.ofMinutes(5));
        long t = NOW.getEpochSecond();
        String sig = s.sha256Header(t, BODY);
        assertThat(sig).isEqualTo("sha256=" + s.sign(t, BODY));
        assertThat(s.check(Long.toString(t), sig, BODY, NOW).verdict()).isEqualTo(Verdict.VALID);
        assertThat(s.check(Long.toString(t - 1), sig, BODY, NOW).verdict()).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(s.check(Long.toString(t), "sha256=00", BODY, NOW).verdict()).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(s.check(Long.toString(t), s.sign(t, BODY), BODY, NOW).verdict())
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(s.check(Long.toString(t - 600), s.sha256Header(t - 600, BODY), BODY, NOW)
                        .verdict())
                .isEqualTo(Verdict.STALE);
        assertThat(s.check(null, sig, BODY, NOW).verdict()).isEqualTo(Verdict.MISSING);
        assertThat(s.check(Long.toString(t), null, BODY, NOW).verdict()).isEqualTo(Verdict.MISSING);
        // The same bytes as the one-header form: a receiver may accept either.
        assertThat(s.check("t=" + t + ",v1=" + sig.substring(7), BODY, NOW).verdict())
                .isEqualTo(Verdict.VALID);
    }
}
