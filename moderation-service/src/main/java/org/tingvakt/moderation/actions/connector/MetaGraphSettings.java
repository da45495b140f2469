package org.tingvakt.moderation.actions.connector;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the {@link MetaGraphConnector}.
 *
 * @param baseUrl the Graph API root including the version, e.g. {@code https://graph.facebook.com/v25.0}
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for a response to one request
 * @param appSecret when present, every request carries {@code appsecret_proof} (HMAC-SHA256 of the token with this
 *                  secret), as apps with "Require App Secret" need; a secret from the environment, never logged
 */
public record MetaGraphSettings(
        URI baseUrl,
        Duration connectTimeout,
        Duration requestTimeout,
        RetryPolicy retryPolicy,
        Optional<String> appSecret) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://graph.facebook.com/v25.0");

    public MetaGraphSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(appSecret, "appSecret");
        String s = baseUrl.toString();
        if (s.endsWith("/")) {
            baseUrl = URI.create(s.substring(0, s.length() - 1));
        }
    }

    /** The default base URL, 5 s to connect, 15 s per request, {@link RetryPolicy#defaults()}, no app secret proof. */
    public static MetaGraphSettings defaults() {
        return new MetaGraphSettings(
                DEFAULT_BASE_URL,
                Duration.ofSeconds(5),
                Duration.ofSeconds(15),
                RetryPolicy.defaults(),
                Optional.empty());
    }

    public MetaGraphSettings withBaseUrl(URI url) {
        return new MetaGraphSettings(url, connectTimeout, requestTimeout, retryPolicy, appSecret);
    }

    public MetaGraphSettings withRequestTimeout(Duration timeout) {
        return new MetaGraphSettings(baseUrl, connectTimeout, timeout, retryPolicy, appSecret);
    }

    public MetaGraphSettings withRetryPolicy(RetryPolicy policy) {
        return new MetaGraphSettings(baseUrl, connectTimeout, requestTimeout, policy, appSecret);
    }

    public MetaGraphSettings withAppSecret(String secret) {
        return new MetaGraphSettings(baseUrl, connectTimeout, requestTimeout, retryPolicy, Optional.of(secret));
    }

    @Override
    public String toString() {
        return "MetaGraphSettings[baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout + ", requestTimeout="
                + requestTimeout + ", retryPolicy=" + retryPolicy + ", appSecret="
                + (appSecret.isPresent() ? "<redacted>" : "<none>") + "]";
    }
}
