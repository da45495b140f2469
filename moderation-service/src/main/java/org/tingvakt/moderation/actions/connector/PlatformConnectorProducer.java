package org.tingvakt.moderation.actions.connector;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;
import org.tingvakt.moderation.account.connection.StoredPageTokens;

/** CDI wiring of the framework-free {@link MetaGraphConnector} from {@link MetaConfig}, with the stored page tokens of connected accounts, else the environment's. */
@ApplicationScoped
public class PlatformConnectorProducer {

    @Produces
    @ApplicationScoped
    PlatformConnector metaConnector(MetaConfig c, StoredPageTokens stored) {
        MetaConfig.Retry r = c.retry();
        MetaGraphSettings settings = new MetaGraphSettings(
                baseUrl(c),
                c.connectTimeout(),
                c.requestTimeout(),
                new RetryPolicy(
                        r.maxAttempts(), r.baseDelay(), r.maxDelay(), r.rateLimitBaseDelay(), r.maxRateLimitWait()),
                c.appSecretProof() ? Optional.of(c.appSecret()) : Optional.empty());
        EnvironmentPageTokens environment = new EnvironmentPageTokens(System.getenv(), c.fallbackPageToken());
        // A token an admin connected wins; TINGVAKT_PAGE_TOKEN_<ID> (automation) and the local fallback come after it.
        PageTokenSource tokens = accountId ->
                stored.tokenFor(accountId).map(PageAccessToken::of).or(() -> environment.tokenFor(accountId));
        return new MetaGraphConnector(settings, tokens);
    }

    /** {@code tingvakt.meta.base-url} if set, else {@code graph-url} + "/" + {@code api-version}. */
    static java.net.URI baseUrl(MetaConfig c) {
        if (c.baseUrl().isPresent()) {
            return c.baseUrl().get();
        }
        if (!c.apiVersion().matches("v[0-9]{1,3}\\.[0-9]{1,2}")) {
            throw new IllegalArgumentException("tingvakt.meta.api-version must look like v25.0, not " + c.apiVersion());
        }
        String root = c.graphUrl().toString().replaceAll("/+$", "");
        return java.net.URI.create(root + "/" + c.apiVersion());
    }
}
