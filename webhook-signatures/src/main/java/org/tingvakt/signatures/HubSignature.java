package org.tingvakt.signatures;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Meta's webhook signature: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed with the app
 * secret>} (Meta's "Webhooks: validating payloads"). Meta signs no timestamp, so replays are left to idempotent handling.
 */
public final class HubSignature {
    public static final String HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";

    private final byte[] secret;

    public HubSignature(String appSecret) {
        if (appSecret == null || appSecret.isBlank()) {
            throw new IllegalArgumentException("the app secret is not set");
        }
        this.secret = appSecret.getBytes(StandardCharsets.UTF_8);
    }

    /** The header value for this body. */
    public String header(byte[] rawBody) {
        return PREFIX + HexFormat.of().formatHex(Hmac.sha256(secret, rawBody));
    }

    /** Whether the header is this body's signature; a missing, malformed or wrong one is not. Constant time. */
    public boolean verifies(byte[] rawBody, String header) {
        if (rawBody == null || header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        return Hmac.matchesHex(Hmac.sha256(secret, rawBody), header.substring(PREFIX.length()));
    }
}
