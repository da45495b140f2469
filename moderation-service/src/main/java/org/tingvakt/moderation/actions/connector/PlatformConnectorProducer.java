package org.tingvakt.moderation.actions.connector;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** CDI wiring of the framework-free {@link MetaGraphConnector} from {@link MetaConfig} and the environment's page tokens. */
@ApplicationScoped
public class PlatformConnectorProducer {

    @Produces
    @ApplicationScoped
    PlatformConnector metaConnector(MetaConfig c) {
        MetaConfig.Retry r = c.retry();
        MetaGraphSettings settings = new MetaGraphSettings(c.baseUrl(), c.connectTimeout(), c.requestTimeout(),
                new RetryPolicy(r.maxAttempts(), r.baseDelay(), r.maxDelay(), r.rateLimitBaseDelay(),
                        r.maxRateLimitWait()),
                c.appSecretProof() ? Optional.of(c.appSecret()) : Optional.empty());
        return new MetaGraphConnector(settings, new EnvironmentPageTokens(System.getenv(), c.fallbackPageToken()));
    }
}
