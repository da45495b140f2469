package org.tingvakt.devstack;

import java.util.Map;

/**
 * The secrets a local run and the tests give the services. Documented in the README; a production deployment sets its own
 * in the environment, and the prod profile has no defaults for them.
 */
public final class LocalSecrets {
    public static final String META_APP_SECRET = "local-dev-app-secret";
    public static final String META_VERIFY_TOKEN = "local-dev-verify-token";
    public static final String GENERIC_WEBHOOK_SECRET = "local-dev-generic-secret";
    /** The archive's HMAC key for the national ID numbers it indexes (never the numbers themselves). */
    public static final String ARCHIVE_SUBJECT_KEY = "local-dev-archive-subject-key";
    /** The archive's Ed25519 key pair (Base64 PKCS#8 / X.509): it signs RecordArchived, moderation verifies. */
    public static final String ARCHIVE_SIGNING_KEY = "MC4CAQAwBQYDK2VwBCIEIIHak5CxtqyYK3eOYsUWrJRs3E/AT5E/LHkMWw0OVGx9";

    public static final String ARCHIVE_VERIFY_KEY = "MCowBQYDK2VwAyEArbcT35P1jnM8L7Q9wcTNsTKw8J83d4iQSFikIDC/vXQ=";
    /** Moderation's Ed25519 key pair: it signs ArchiveRequested, the archive verifies. */
    public static final String MODERATION_SIGNING_KEY =
            "MC4CAQAwBQYDK2VwBCIEIOmR832ozP0lxeCr2EFh39+EbRjhlPDQpr+DQCEqE+mh";

    public static final String MODERATION_VERIFY_KEY = "MCowBQYDK2VwAyEAB6CPjEk3pEzs0zEcUA7rKOwzEHJKtpYWtUPz8EWyztA=";
    /** The key that seals stored page tokens (AES-256: 32 bytes, base64), with its key id. */
    public static final String TOKEN_KEY = "local-dev:dGluZ3Zha3QtbG9jYWwtZGV2LXRva2VuLWtleS0zMmI=";

    private LocalSecrets() {}

    public static Map<String, String> environment() {
        return Map.of(
                "TINGVAKT_META_APP_SECRET", META_APP_SECRET,
                "TINGVAKT_META_VERIFY_TOKEN", META_VERIFY_TOKEN,
                "TINGVAKT_GENERIC_WEBHOOK_SECRET", GENERIC_WEBHOOK_SECRET,
                // A local run has no per-account secrets: every generic account signs with the shared one.
                "TINGVAKT_GENERIC_WEBHOOK_SHARED_SECRET_ALLOWED", "true",
                "TINGVAKT_ARCHIVE_SUBJECT_KEY", ARCHIVE_SUBJECT_KEY,
                "TINGVAKT_ARCHIVE_SIGNING_KEY", ARCHIVE_SIGNING_KEY,
                "TINGVAKT_ARCHIVE_VERIFY_KEY", ARCHIVE_VERIFY_KEY,
                "TINGVAKT_MODERATION_SIGNING_KEY", MODERATION_SIGNING_KEY,
                "TINGVAKT_MODERATION_VERIFY_KEY", MODERATION_VERIFY_KEY,
                "TINGVAKT_TOKEN_KEY", TOKEN_KEY);
    }
}
