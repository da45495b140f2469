package org.tingvakt.signatures;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Meta's {@code signed_request} (sent with the data-deletion and deauthorize callbacks): {@code <base64url
 * signature>.<base64url JSON payload>}, the signature being HMAC-SHA256 of the encoded payload (the text after the dot,
 * as sent), keyed with the app secret. Base64url may come with or without padding. Verifying only checks the signature
 * and decodes the payload; the caller checks the payload's {@code algorithm} ({@code HMAC-SHA256}) and fields.
 */
public final class MetaSignedRequest {
    /** Longer than any payload Meta sends (a user id, an algorithm, two times); longer input is refused unread. */
    public static final int MAX_LENGTH = 8_192;

    private final byte[] secret;

    public MetaSignedRequest(String appSecret) {
        if (appSecret == null || appSecret.isBlank()) {
            throw new IllegalArgumentException("the app secret is not set");
        }
        this.secret = appSecret.getBytes(StandardCharsets.UTF_8);
    }

    /** A signed request for this payload, as Meta makes one (tests and the local stand-in). */
    public String sign(String payloadJson) {
        String payload =
                Base64.getUrlEncoder().withoutPadding().encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        byte[] signature = Hmac.sha256(secret, payload.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signature) + "." + payload;
    }

    /**
     * The decoded payload (UTF-8 JSON) when the signature is the payload's under this app secret; empty when the input
     * is missing, too long, malformed or signed otherwise. The comparison takes the same time wherever it differs.
     */
    public Optional<String> verify(String signedRequest) {
        if (signedRequest == null || signedRequest.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int dot = signedRequest.indexOf('.');
        if (dot <= 0 || dot == signedRequest.length() - 1 || signedRequest.indexOf('.', dot + 1) >= 0) {
            return Optional.empty();
        }
        String encodedSignature = signedRequest.substring(0, dot);
        String encodedPayload = signedRequest.substring(dot + 1);
        byte[] given;
        byte[] payload;
        try {
            given = Base64.getUrlDecoder().decode(encodedSignature);
            payload = Base64.getUrlDecoder().decode(encodedPayload);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] expected = Hmac.sha256(secret, encodedPayload.getBytes(StandardCharsets.US_ASCII));
        if (!MessageDigest.isEqual(expected, given)) {
            return Optional.empty();
        }
        return Optional.of(new String(payload, StandardCharsets.UTF_8));
    }
}
