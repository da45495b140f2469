package org.tingvakt.contracts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Ed25519 signatures of the events that decide what is kept and deleted ({@link ArchiveRequested}, {@link RecordArchived}):
 * the producer signs the fields that matter with its private key, the consumer verifies them with the producer's public
 * key, so an event written to the topic by anyone else (who can read the topic and compute the digest) is recognised as
 * forged. Keys travel as Base64 of their standard encodings (PKCS#8 private, X.509 public), as {@code openssl genpkey
 * -algorithm ed25519} writes them without the PEM armour. Plain JDK ({@code java.security}), no framework.
 */
public final class EventSignature {
    private static final String ALGORITHM = "Ed25519";

    private EventSignature() {}

    /**
     * The bytes signed for a {@link RecordArchived}: the record, the request, the comment version, digests, verdict, time,
     * purpose and registration number.
     */
    public static byte[] signedContent(RecordArchived e) {
        return canonical(
                "tingvakt.RecordArchived.v1",
                e.recordId(),
                e.requestId(),
                e.caseId(),
                e.commentId(),
                Integer.toString(e.version()),
                e.contentSha256(),
                e.recordSha256(),
                Boolean.toString(e.verified()),
                e.archivedAt() == null ? null : e.archivedAt().toString(),
                e.purposeOrDefault().name(),
                e.registrationNumber());
    }

    /**
     * The bytes signed for an {@link ArchiveRequested}: the request, the case, the comment version and its digest (which
     * covers sender and text), the account, the labels, intents, reason, purpose and registration reason (they decide registration) and the time.
     */
    public static byte[] signedContent(ArchiveRequested e) {
        return canonical(
                "tingvakt.ArchiveRequested.v1",
                e.requestId(),
                e.caseId(),
                e.commentId(),
                Integer.toString(e.version()),
                e.platform() == null ? null : e.platform().name(),
                e.accountId(),
                e.threadKey(),
                e.contentSha256(),
                e.labels() == null ? null : String.join(",", e.labels()),
                e.reason(),
                e.requestedBy(),
                e.requestedAt() == null ? null : e.requestedAt().toString(),
                e.intents() == null ? null : String.join(",", e.intents()),
                e.purposeOrDefault().name(),
                e.registration() == null ? null : e.registration().name());
    }

    public static String sign(byte[] content, PrivateKey key) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(content);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign with " + ALGORITHM, e);
        }
    }

    /** True when {@code signature} (Base64) is a valid signature of {@code content} by any of {@code keys}. */
    public static boolean verify(byte[] content, String signature, List<PublicKey> keys) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (PublicKey key : keys) {
            try {
                Signature s = Signature.getInstance(ALGORITHM);
                s.initVerify(key);
                s.update(content);
                if (s.verify(raw)) {
                    return true;
                }
            } catch (GeneralSecurityException e) {
                // a malformed signature or a key of another kind: not valid under this key
            }
        }
        return false;
    }

    /** Reads a private key (Base64 of PKCS#8; PEM armour and whitespace are ignored). */
    public static PrivateKey privateKey(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 private key (Base64 of PKCS#8)", e);
        }
    }

    /** Reads one or more public keys (Base64 of X.509, separated by commas: the current and, while rotating, the next). */
    public static List<PublicKey> publicKeys(String base64List) {
        List<PublicKey> keys = new ArrayList<>();
        for (String one : base64List.split(",")) {
            if (one.isBlank()) {
                continue;
            }
            try {
                keys.add(KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(decode(one))));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalArgumentException("not an Ed25519 public key (Base64 of X.509)", e);
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no Ed25519 public key given");
        }
        return List.copyOf(keys);
    }

    private static byte[] decode(String base64) {
        String body = base64.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static byte[] canonical(String domain, String... fields) {
        // Length-prefixed, like EvidenceDigest: no value can shift into its neighbour; null and "" differ.
        StringBuilder b = new StringBuilder(domain).append(';');
        for (String f : fields) {
            if (f == null) {
                b.append("-;");
            } else {
                b.append(f.length()).append(':').append(f).append(';');
            }
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
