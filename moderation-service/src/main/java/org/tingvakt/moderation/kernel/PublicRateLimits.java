package org.tingvakt.moderation.kernel;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.tingvakt.problem.Problem;
import org.tingvakt.problem.RateLimitHeaders;
import org.tingvakt.security.ClientRateLimiter;

/**
 * Rate limits on what anyone can call without signing in: the webhooks ({@code /webhooks/…}, {@code
 * tingvakt.rate-limit.webhooks.per-minute}) and the public transparency report ({@code /api/public/…}, {@code
 * tingvakt.rate-limit.public.per-minute}), per client address. Over the limit: 429 with an RFC 9457 problem, {@code
 * Retry-After}; every answer of a limited path carries the IETF draft's {@code RateLimit-Limit}, {@code
 * RateLimit-Remaining} and {@code RateLimit-Reset} ({@link RateLimitHeaders}, declared in the OpenAPI document through
 * {@code META-INF/openapi-rate-limits.properties}).
 *
 * <p>The client is the connection's remote address; behind a reverse proxy that is the proxy, so set {@code
 * quarkus.http.proxy.proxy-address-forwarding=true} with {@code quarkus.http.proxy.trusted-proxies} (docs/api.md).
 */
@ApplicationScoped
public class PublicRateLimits {
    private static final String DECISION = PublicRateLimits.class.getName() + ".decision";

    private final ClientRateLimiter webhooks;
    private final ClientRateLimiter publicApi;

    public PublicRateLimits(
            @ConfigProperty(name = "tingvakt.rate-limit.webhooks.per-minute", defaultValue = "600") int webhooks,
            @ConfigProperty(name = "tingvakt.rate-limit.public.per-minute", defaultValue = "30") int publicApi) {
        this.webhooks = new ClientRateLimiter(webhooks, System::nanoTime);
        this.publicApi = new ClientRateLimiter(publicApi, System::nanoTime);
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> limit(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        ClientRateLimiter limiter =
                path.startsWith("/webhooks/") ? webhooks : path.startsWith("/api/public/") ? publicApi : null;
        if (limiter == null) {
            return Optional.empty();
        }
        ClientRateLimiter.Decision d = limiter.take(client(http));
        if (d.allowed()) {
            request.setProperty(DECISION, d);
            return Optional.empty();
        }
        return Optional.of(Response.status(429)
                .type(Problem.MEDIA_TYPE)
                .header(RateLimitHeaders.RETRY_AFTER, d.retryAfterSeconds())
                .header(RateLimitHeaders.RATE_LIMIT_LIMIT, d.limit())
                .header(RateLimitHeaders.RATE_LIMIT_REMAINING, 0)
                .header(RateLimitHeaders.RATE_LIMIT_RESET, d.resetSeconds())
                .entity(Problem.of(
                        429,
                        "Too Many Requests",
                        "more than " + d.limit() + " requests a minute from this client; try again in "
                                + d.retryAfterSeconds() + " s"))
                .build());
    }

    /** The allowed answers of a limited path say how much of the client's budget is left. */
    @ServerResponseFilter
    public void tell(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof ClientRateLimiter.Decision d) {
            response.getHeaders().putSingle(RateLimitHeaders.RATE_LIMIT_LIMIT, d.limit());
            response.getHeaders().putSingle(RateLimitHeaders.RATE_LIMIT_REMAINING, d.remaining());
            response.getHeaders().putSingle(RateLimitHeaders.RATE_LIMIT_RESET, d.resetSeconds());
        }
    }

    private static String client(HttpServerRequest http) {
        // The host only: the port changes with every connection.
        var address = http.remoteAddress();
        return address == null ? "unknown" : address.hostAddress();
    }
}
