package org.tingvakt.moderation.intake.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The generic webhook's signature: {@code X-Tingvakt-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>}
 * with {@code X-Tingvakt-Timestamp: <Unix seconds>}. Signing the timestamp with the body and refusing timestamps outside
 * the window stops replays of a captured request (as Stripe and Slack sign theirs). Compared in constant time.
 */
public final class GenericWebhookSignature {
    private static final String PREFIX = "sha256=";

    public enum Verdict {
        VALID,
        MISSING,
        STALE,
        BAD_SIGNATURE
    }

    private final SecretKeySpec key;
    private final Duration window;

    public GenericWebhookSignature(String secret, Duration window) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException(
                    "the generic webhook secret is not set (TINGVAKT_GENERIC_WEBHOOK_SECRET)");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.window = window;
    }

    public Verdict check(String timestampHeader, String signatureHeader, byte[] body, Instant now) {
        if (timestampHeader == null || signatureHeader == null || body == null) {
            return Verdict.MISSING;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return Verdict.STALE;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > window.toSeconds()) {
            return Verdict.STALE;
        }
        if (!signatureHeader.startsWith(PREFIX)) {
            return Verdict.BAD_SIGNATURE;
        }
        byte[] given;
        try {
            given = HexFormat.of()
                    .parseHex(signatureHeader.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            return Verdict.BAD_SIGNATURE;
        }
        return MessageDigest.isEqual(sign(Long.toString(seconds), body), given) ? Verdict.VALID : Verdict.BAD_SIGNATURE;
    }

    /** The header value for a body sent at {@code timestamp} (Unix seconds); for senders and tests. */
    public String header(String timestamp, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(sign(timestamp, body));
    }

    private byte[] sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }
}
