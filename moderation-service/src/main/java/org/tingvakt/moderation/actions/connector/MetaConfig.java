package org.tingvakt.moderation.actions.connector;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** {@code tingvakt.meta.*}: where the Graph API is, how long to wait, how to retry; the app secret from the environment. */
@ConfigMapping(prefix = "tingvakt.meta")
public interface MetaConfig {
    /** The Graph API's host, without a version: {@code https://graph.facebook.com} (tests: a fake's). */
    @WithDefault("https://graph.facebook.com")
    URI graphUrl();

    /**
     * The one setting for the Graph API version every call uses ({@code v25.0}; Meta retires a version about two years
     * after its release, v21.0 on 2027-01-21).
     */
    @WithDefault("v25.0")
    String apiVersion();

    /** A full base URL with its version, overriding {@link #graphUrl()} and {@link #apiVersion()} (older setups). */
    Optional<URI> baseUrl();

    @WithDefault("5s")
    Duration connectTimeout();

    @WithDefault("15s")
    Duration requestTimeout();

    /** Also keys {@code X-Hub-Signature-256} of incoming webhooks (MetaWebhookResource). */
    String appSecret();

    /** The webhook subscription check's token. */
    String verifyToken();

    /** Whether to send {@code appsecret_proof} with Graph calls (apps with "Require App Secret" on). */
    @WithDefault("true")
    boolean appSecretProof();

    /**
     * A page token used for every account when no {@code TINGVAKT_PAGE_TOKEN_<ID>} variable is set: only for local runs
     * and tests against a fake Graph API; the prod profile leaves it empty.
     */
    Optional<String> fallbackPageToken();

    Retry retry();

    interface Retry {
        @WithDefault("4")
        int maxAttempts();

        @WithDefault("500ms")
        Duration baseDelay();

        @WithDefault("30s")
        Duration maxDelay();

        @WithDefault("10s")
        Duration rateLimitBaseDelay();

        @WithDefault("60s")
        Duration maxRateLimitWait();
    }
}
