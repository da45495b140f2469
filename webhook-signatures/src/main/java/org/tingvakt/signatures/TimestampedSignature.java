package org.tingvakt.signatures;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A signature over a timestamp and the raw body, as Stripe ({@code Stripe-Signature: t=…,v1=…}) and Svix sign theirs:
 * {@code HMAC-SHA256(secret, "<unix seconds>." + body)}, hex. Signing the timestamp with the body and refusing
 * timestamps outside a tolerance keeps a captured request from being replayed later; within the tolerance the receiver
 * needs its own replay cache.
 *
 * <p>Two header forms carry it: one header {@code t=<unix>,v1=<hex>} (several {@code v1} allowed, as while a secret is
 * rotated), or two headers, a timestamp and {@code sha256=<hex>}. Both sign the same bytes.
 */
public final class TimestampedSignature {
    private static final String SHA256 = "sha256=";

    public enum Verdict {
        VALID,
        /** No timestamp or signature, or no body. */
        MISSING,
        /** The timestamp is not a Unix time within the tolerance of now. */
        STALE,
        BAD_SIGNATURE
    }

    /** The verdict, and for a valid request the timestamp and the signature's hex (a replay cache's key). */
    public record Result(Verdict verdict, long timestamp, String signatureHex) {
        public boolean valid() {
            return verdict == Verdict.VALID;
        }
    }

    private final byte[] secret;
    private final Duration tolerance;

    public TimestampedSignature(String secret, Duration tolerance) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the webhook secret is not set");
        }
        if (tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("the tolerance must be positive");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
    }

    /** Hex HMAC-SHA256 of {@code "<timestamp>." + body}. */
    public String sign(long timestamp, byte[] body) {
        return HexFormat.of()
                .formatHex(Hmac.sha256(secret, (timestamp + ".").getBytes(StandardCharsets.US_ASCII), body));
    }

    /** The one-header form, {@code t=<timestamp>,v1=<hex>}. */
    public String header(long timestamp, byte[] body) {
        return "t=" + timestamp + ",v1=" + sign(timestamp, body);
    }

    /** The two-header form's signature header, {@code sha256=<hex>} (its timestamp goes in a header of its own). */
    public String sha256Header(long timestamp, byte[] body) {
        return SHA256 + sign(timestamp, body);
    }

    /** Checks the one-header form {@code t=<unix>,v1=<hex>[,v1=<hex>…]}. */
    public Result check(String header, byte[] body, Instant now) {
        if (header == null || body == null) {
            return new Result(Verdict.MISSING, 0, null);
        }
        String t = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",", 16)) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (name.equals("t")) {
                t = value;
            } else if (name.equals("v1")) {
                signatures.add(value);
            }
        }
        if (t == null || signatures.isEmpty()) {
            return new Result(Verdict.MISSING, 0, null);
        }
        return verify(t, signatures, body, now);
    }

    /** Checks the two-header form: a Unix timestamp and {@code sha256=<hex>}. */
    public Result check(String timestampHeader, String signatureHeader, byte[] body, Instant now) {
        if (timestampHeader == null || signatureHeader == null || body == null) {
            return new Result(Verdict.MISSING, 0, null);
        }
        if (!signatureHeader.startsWith(SHA256)) {
            Result stale = freshness(timestampHeader, now);
            return stale != null ? stale : new Result(Verdict.BAD_SIGNATURE, 0, null);
        }
        return verify(timestampHeader, List.of(signatureHeader.substring(SHA256.length())), body, now);
    }

    private Result verify(String timestamp, List<String> signatures, byte[] body, Instant now) {
        Result stale = freshness(timestamp, now);
        if (stale != null) {
            return stale;
        }
        long seconds = Long.parseLong(timestamp.trim());
        byte[] expected = Hmac.sha256(secret, (seconds + ".").getBytes(StandardCharsets.US_ASCII), body);
        boolean any = false;
        for (String given : signatures) {
            // Every candidate is compared, so the time taken does not tell which one matched.
            any |= Hmac.matchesHex(expected, given);
        }
        return any
                ? new Result(Verdict.VALID, seconds, HexFormat.of().formatHex(expected))
                : new Result(Verdict.BAD_SIGNATURE, seconds, null);
    }

    private Result freshness(String timestamp, Instant now) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return new Result(Verdict.STALE, 0, null);
        }
        // Subtraction, not abs of a difference that could overflow for a hostile Long.MIN_VALUE.
        long nowSeconds = now.getEpochSecond();
        if (seconds < nowSeconds - tolerance.toSeconds() || seconds > nowSeconds + tolerance.toSeconds()) {
            return new Result(Verdict.STALE, seconds, null);
        }
        return null;
    }
}
