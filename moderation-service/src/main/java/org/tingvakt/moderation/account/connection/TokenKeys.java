package org.tingvakt.moderation.account.connection;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tingvakt.problem.ProblemException;

/**
 * The keyring of stored page tokens, from {@code TINGVAKT_TOKEN_KEY} ({@code tingvakt.token-key}). Without it the
 * service still starts: tokens from the environment ({@code TINGVAKT_PAGE_TOKEN_<ID>}) keep working, and connecting
 * accounts answers 503 until a key is set.
 */
@ApplicationScoped
public class TokenKeys {
    private static final Logger LOG = Logger.getLogger(TokenKeys.class);
    private final Optional<TokenKeyring> ring;

    public TokenKeys(@ConfigProperty(name = "tingvakt.token-key") Optional<String> spec) {
        Optional<TokenKeyring> parsed;
        try {
            parsed = spec.filter(s -> !s.isBlank()).map(TokenKeyring::parse);
        } catch (IllegalArgumentException e) {
            // the message names the key id and the problem, never the key
            LOG.errorf("%s; connecting accounts is off until it is fixed", e.getMessage());
            parsed = Optional.empty();
        }
        this.ring = parsed;
    }

    public Optional<TokenKeyring> ring() {
        return ring;
    }

    /** The keyring, or a 503 problem saying what to set. */
    public TokenKeyring required() {
        return ring.orElseThrow(() -> new ProblemException(
                503,
                "Service Unavailable",
                "storing page tokens needs " + TokenKeyring.ENV
                        + " (kid:base64 of 32 bytes); see docs/platform-connectors.md 3b"));
    }
}
