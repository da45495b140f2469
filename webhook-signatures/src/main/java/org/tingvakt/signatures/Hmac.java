package org.tingvakt.signatures;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, the one primitive every webhook signature here is made of, and a constant-time comparison of hex. */
public final class Hmac {
    private static final String ALGORITHM = "HmacSHA256";

    private Hmac() {}

    /** HMAC-SHA256 of the concatenated parts under {@code key}. */
    public static byte[] sha256(byte[] key, byte[]... parts) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("an HMAC key must not be empty");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }

    /** Lower-case hex of HMAC-SHA256 of a UTF-8 string under a UTF-8 key (Meta's appsecret_proof, keyed indexes). */
    public static String sha256Hex(String key, String data) {
        return HexFormat.of()
                .formatHex(sha256(key.getBytes(StandardCharsets.UTF_8), data.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Whether {@code givenHex} (either case, surrounding blanks ignored) is the hex of {@code expected}, in time that
     * does not depend on where they differ, so a caller cannot learn a valid signature byte by byte.
     */
    public static boolean matchesHex(byte[] expected, String givenHex) {
        if (givenHex == null) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(givenHex.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }
}
