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
    /** The key that seals stored page tokens (AES-256: 32 bytes, base64), with its key id. */
    public static final String TOKEN_KEY = "local-dev:dGluZ3Zha3QtbG9jYWwtZGV2LXRva2VuLWtleS0zMmI=";

    private LocalSecrets() {}

    public static Map<String, String> environment() {
        return Map.of(
                "TINGVAKT_META_APP_SECRET", META_APP_SECRET,
                "TINGVAKT_META_VERIFY_TOKEN", META_VERIFY_TOKEN,
                "TINGVAKT_GENERIC_WEBHOOK_SECRET", GENERIC_WEBHOOK_SECRET,
                "TINGVAKT_ARCHIVE_SUBJECT_KEY", ARCHIVE_SUBJECT_KEY,
                "TINGVAKT_TOKEN_KEY", TOKEN_KEY);
    }
}
