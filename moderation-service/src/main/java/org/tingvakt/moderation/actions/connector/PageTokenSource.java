package org.tingvakt.moderation.actions.connector;

import java.util.Optional;

/**
 * Gives the page access token of an account. Tokens come from the environment or a secret store, never from the database
 * or configuration files in the repository.
 */
@FunctionalInterface
public interface PageTokenSource {

    /** The token for the account, or empty when none is configured (the call then fails with {@code AUTH}, unsent). */
    Optional<PageAccessToken> tokenFor(String accountId);
}
