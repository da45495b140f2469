package org.tingvakt.moderation.actions.connector;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Page access tokens from the environment: {@code TINGVAKT_PAGE_TOKEN_<account id, upper-cased, non-alphanumerics as _>}.
 * Tokens are secrets, so they never come from a properties file; the fallback exists only for fake Graph servers.
 */
public final class EnvironmentPageTokens implements PageTokenSource {
    static final String PREFIX = "TINGVAKT_PAGE_TOKEN_";

    private final Map<String, String> environment;
    private final Optional<String> fallback;

    public EnvironmentPageTokens(Map<String, String> environment, Optional<String> fallback) {
        this.environment = Map.copyOf(environment);
        this.fallback = fallback.filter(t -> !t.isBlank());
    }

    public static String variableFor(String accountId) {
        return PREFIX + accountId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    @Override
    public Optional<PageAccessToken> tokenFor(String accountId) {
        return Optional.ofNullable(environment.get(variableFor(accountId)))
                .filter(t -> !t.isBlank())
                .or(() -> fallback)
                .map(PageAccessToken::of);
    }
}
