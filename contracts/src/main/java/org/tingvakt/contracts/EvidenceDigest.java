package org.tingvakt.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical digest of one comment version, computed the same way by moderation (when it asks) and archive (over what it
 * stored), so that "the record is for this exact version" can be checked without trusting either side.
 */
public final class EvidenceDigest {
    private EvidenceDigest() {}

    public static String of(String commentId, int version, String senderPlatformId, String text) {
        // Length-prefixed fields: no separator inside a field can make two different comments collide.
        String canonical = field(commentId) + field(Integer.toString(version)) + field(senderPlatformId) + field(text);
        return sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static String field(String value) {
        String v = value == null ? "" : value;
        return v.length() + ":" + v + ";";
    }
}
