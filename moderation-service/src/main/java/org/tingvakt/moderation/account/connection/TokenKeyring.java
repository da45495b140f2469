package org.tingvakt.moderation.account.connection;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts page access tokens at rest: AES-256-GCM with a fresh 96-bit nonce per token, the account ({@code
 * platform:id}) as associated data so a sealed token cannot be moved to another account's row. Keys come from the
 * environment ({@code TINGVAKT_TOKEN_KEY}) as a keyring {@code kid:base64key[,kid:base64key…]}: the first key seals,
 * every key opens what it sealed (a sealed token names its key id). Rotation: put the new key first and keep the old
 * one, re-seal ({@link #needsResealing}, {@link #reseal}), then drop the old key. Never prints a key or a token.
 */
public final class TokenKeyring {
    public static final String ENV = "TINGVAKT_TOKEN_KEY";
    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String currentKid;
    private final Map<String, SecretKeySpec> keys;
    private final SecureRandom random = new SecureRandom();

    private TokenKeyring(String currentKid, Map<String, SecretKeySpec> keys) {
        this.currentKid = currentKid;
        this.keys = keys;
    }

    /** Reads {@code kid:base64key[,kid:base64key…]}; each key 32 bytes (AES-256), ids {@code [A-Za-z0-9_-]{1,32}}. */
    public static TokenKeyring parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(ENV + " is not set");
        }
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        String first = null;
        for (String entry : spec.split(",")) {
            String e = entry.strip();
            int colon = e.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException(ENV + ": each key is kid:base64key");
            }
            String kid = e.substring(0, colon);
            if (!kid.matches("[A-Za-z0-9_-]{1,32}")) {
                throw new IllegalArgumentException(ENV + ": a key id is 1-32 letters, digits, _ or -");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(e.substring(colon + 1));
            } catch (IllegalArgumentException notBase64) {
                throw new IllegalArgumentException(ENV + ": key " + kid + " is not base64");
            }
            if (key.length != 32) {
                throw new IllegalArgumentException(ENV + ": key " + kid + " must be 32 bytes (AES-256)");
            }
            if (keys.putIfAbsent(kid, new SecretKeySpec(key, "AES")) != null) {
                throw new IllegalArgumentException(ENV + ": key id " + kid + " appears twice");
            }
            if (first == null) {
                first = kid;
            }
        }
        return new TokenKeyring(first, Map.copyOf(keys));
    }

    /** The key id new tokens are sealed with. */
    public String currentKeyId() {
        return currentKid;
    }

    /** {@code v1.<kid>.<nonce>.<ciphertext and tag>} (base64url), bound to {@code account}. */
    public String seal(String token, String account) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keys.get(currentKid), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(account.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(token.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            return VERSION + "." + currentKid + "." + b64.encodeToString(nonce) + "." + b64.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * The token, or empty when it cannot be opened: its key is not in the keyring, it was altered, or it was sealed for
     * another account.
     */
    public Optional<String> open(String sealed, String account) {
        String[] parts = sealed == null ? new String[0] : sealed.split("\\.");
        if (parts.length != 4 || !VERSION.equals(parts[0]) || !keys.containsKey(parts[1])) {
            return Optional.empty();
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            byte[] nonce = b64.decode(parts[2]);
            if (nonce.length != NONCE_BYTES) {
                return Optional.empty();
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, keys.get(parts[1]), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(account.getBytes(StandardCharsets.UTF_8));
            return Optional.of(new String(c.doFinal(b64.decode(parts[3])), StandardCharsets.UTF_8));
        } catch (AEADBadTagException | IllegalArgumentException altered) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** Whether a sealed token was sealed with another key than the current one (rotation pending). */
    public boolean needsResealing(String sealed) {
        String[] parts = sealed.split("\\.");
        return parts.length != 4 || !currentKid.equals(parts[1]);
    }

    /** Opens with whichever key sealed it and seals with the current key; empty if it cannot be opened. */
    public Optional<String> reseal(String sealed, String account) {
        return open(sealed, account).map(t -> seal(t, account));
    }

    @Override
    public String toString() {
        return "TokenKeyring[current=" + currentKid + ", keys=" + keys.keySet() + "]";
    }
}
