package org.tingvakt.archive.proof;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * SHA-256 of artefacts, and the hash chain that links archive records so that a changed, removed, inserted or reordered
 * record is detectable.
 *
 * <h2>The chain</h2>
 * Records are chained in the order the archive stored them. For record <i>n</i>:
 * <pre>
 *   chainHash(n) = SHA-256( previousChainHash(n) || recordSha256(n) || UTF-8(recordId(n)) )
 *   previousChainHash(n) = chainHash(n-1), and for the first record {@link #GENESIS} (32 zero bytes)
 * </pre>
 * where {@code ||} is byte concatenation and both hashes enter as their 32 raw bytes (not as hex text). Because the first two
 * parts have a fixed length, the concatenation is unambiguous: no choice of record id can make two different links hash
 * alike. Hashes are written as 64 lower-case hex digits everywhere.
 *
 * <p>{@code recordSha256} is the SHA-256 of the record's stored native JSON (which itself holds the SHA-256 of the PDF and
 * the PNG), so the chain covers every artefact. Verification recomputes every link from the start (or from a trusted anchor)
 * and reports the first one that does not match.
 */
public final class HashChain {
    /** The previous chain hash of the very first record. */
    public static final String GENESIS = "0".repeat(64);

    private static final HexFormat HEX = HexFormat.of();

    private HashChain() {}

    /** SHA-256 of {@code bytes}, as 64 lower-case hex digits. */
    public static String sha256(byte[] bytes) {
        return HEX.formatHex(digest().digest(bytes));
    }

    /** SHA-256 of everything {@code in} yields (read to its end, not closed). */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest md = digest();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) != -1; ) {
            md.update(buffer, 0, n);
        }
        return HEX.formatHex(md.digest());
    }

    /** The chain hash of a record that follows {@code previousChainHash}. */
    public static String chainHash(String previousChainHash, String recordSha256, String recordId) {
        Objects.requireNonNull(recordId, "recordId");
        MessageDigest md = digest();
        md.update(raw(previousChainHash, "previousChainHash"));
        md.update(raw(recordSha256, "recordSha256"));
        md.update(recordId.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(md.digest());
    }

    /** The link for a record that follows {@code previous} (or {@link #GENESIS} when it is the first). */
    public static ChainLink append(String previousChainHash, String recordId, String recordSha256) {
        return new ChainLink(
                recordId, recordSha256.toLowerCase(Locale.ROOT), chainHash(previousChainHash, recordSha256, recordId));
    }

    /** Verifies a whole chain from {@link #GENESIS}. */
    public static ChainVerification verify(List<ChainLink> links) {
        return verify(GENESIS, links, id -> Optional.empty());
    }

    /**
     * Verifies links that follow a trusted {@code anchor} (the chain hash of the record just before the first link, or
     * {@link #GENESIS}), and, where {@code storedRecord} returns the record's bytes, that those bytes still have the
     * recorded SHA-256.
     */
    public static ChainVerification verify(
            String anchor, List<ChainLink> links, Function<String, Optional<byte[]>> storedRecord) {
        return verifyHashes(anchor, links, id -> storedRecord.apply(id).map(HashChain::sha256));
    }

    /**
     * As {@link #verify(String, List, Function)}, with the stored records already hashed: {@code currentSha256} returns
     * the SHA-256 of a record's bytes as stored now (any other text, such as a marker for bytes gone from the store,
     * counts as changed), or empty when its content was removed and only the link can be checked.
     */
    public static ChainVerification verifyHashes(
            String anchor, List<ChainLink> links, Function<String, Optional<String>> currentSha256) {
        Objects.requireNonNull(links, "links");
        String previous = anchor;
        for (int i = 0; i < links.size(); i++) {
            ChainLink link = links.get(i);
            Optional<String> current = currentSha256.apply(link.recordId());
            if (current.isPresent()) {
                String actual = current.get();
                if (!actual.equalsIgnoreCase(link.recordSha256())) {
                    return new ChainVerification.Broken(
                            i, link.recordId(), ChainVerification.Reason.RECORD_CHANGED, link.recordSha256(), actual);
                }
            }
            String expected;
            try {
                expected = chainHash(previous, link.recordSha256(), link.recordId());
            } catch (IllegalArgumentException malformed) {
                return new ChainVerification.Broken(
                        i,
                        link.recordId(),
                        ChainVerification.Reason.MALFORMED,
                        link.chainHash(),
                        malformed.getMessage());
            }
            if (!expected.equalsIgnoreCase(link.chainHash())) {
                return new ChainVerification.Broken(
                        i, link.recordId(), ChainVerification.Reason.LINK_MISMATCH, expected, link.chainHash());
            }
            previous = link.chainHash();
        }
        return new ChainVerification.Intact(links.size(), previous.toLowerCase(Locale.ROOT));
    }

    private static byte[] raw(String hex, String what) {
        if (hex == null || hex.length() != 64) {
            throw new IllegalArgumentException(what + " must be 64 hex digits");
        }
        try {
            return HEX.parseHex(hex.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " must be 64 hex digits", e);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
