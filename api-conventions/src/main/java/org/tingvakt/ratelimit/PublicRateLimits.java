package org.tingvakt.ratelimit;

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

/**
 * Rate limits on what anyone can call without signing in, per client address, in every service that depends on this
 * module. Over a limit: 429 with an RFC 9457 problem and {@code Retry-After}; every answer of a limited path carries the
 * IETF draft's {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} ({@link
 * RateLimitHeaders}, declared in the OpenAPI document through {@code META-INF/openapi-rate-limits.properties}).
 *
 * <ul>
 *   <li>The public paths ({@code /api/public/…}: moderation's transparency report, the archive's data-deletion callback
 *       and status page; {@code tingvakt.rate-limit.public.per-minute}): every request spends one from the client's
 *       budget.
 *   <li>The webhooks ({@code /webhooks/…}; {@code tingvakt.rate-limit.webhooks.per-minute}): only a delivery the
 *       service refuses (a wrong or missing signature, a malformed body: any 4xx) spends from the budget, and once it is
 *       spent every webhook request from that address is refused before its body is read. Meta delivers every page's
 *       webhooks from a few addresses of its own, so a budget that signed deliveries spent would refuse Meta itself on a
 *       busy day, and Meta drops deliveries it cannot make; a signed delivery proves the sender holds the app secret, so
 *       it needs no budget. What the limit stops is the unsigned flood.
 * </ul>
 *
 * <p>The client is the connection's remote address; behind a reverse proxy that is the proxy, so set {@code
 * quarkus.http.proxy.proxy-address-forwarding=true} with {@code quarkus.http.proxy.trusted-proxies} (docs/api.md).
 */
@ApplicationScoped
public class PublicRateLimits {
    private static final String DECISION = PublicRateLimits.class.getName() + ".decision";
    private static final String WEBHOOK_CLIENT = PublicRateLimits.class.getName() + ".webhook-client";

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
        ClientRateLimiter.Decision d;
        if (path.startsWith("/webhooks/")) {
            String client = client(http);
            request.setProperty(WEBHOOK_CLIENT, client);
            d = webhooks.peek(client);
        } else if (path.startsWith("/api/public/")) {
            d = publicApi.take(client(http));
        } else {
            return Optional.empty();
        }
        if (d.allowed()) {
            request.setProperty(DECISION, d);
            return Optional.empty();
        }
        String what = path.startsWith("/webhooks/") ? " refused webhook deliveries" : " requests";
        return Optional.of(Response.status(429)
                .type(Problem.MEDIA_TYPE)
                .header(RateLimitHeaders.RETRY_AFTER, d.retryAfterSeconds())
                .header(RateLimitHeaders.RATE_LIMIT_LIMIT, d.limit())
                .header(RateLimitHeaders.RATE_LIMIT_REMAINING, 0)
                .header(RateLimitHeaders.RATE_LIMIT_RESET, d.resetSeconds())
                .entity(Problem.of(
                        429,
                        "Too Many Requests",
                        "more than " + d.limit() + what + " a minute from this client; try again in "
                                + d.retryAfterSeconds() + " s"))
                .build());
    }

    /**
     * A refused webhook delivery spends from its client's budget; the allowed answers of a limited path say how much of
     * the client's budget is left.
     */
    @ServerResponseFilter
    public void tell(ContainerRequestContext request, ContainerResponseContext response) {
        ClientRateLimiter.Decision d =
                request.getProperty(DECISION) instanceof ClientRateLimiter.Decision decision ? decision : null;
        if (d == null) {
            return;
        }
        int status = response.getStatus();
        if (request.getProperty(WEBHOOK_CLIENT) instanceof String client && status >= 400 && status < 500) {
            d = webhooks.take(client);
        }
        response.getHeaders().putSingle(RateLimitHeaders.RATE_LIMIT_LIMIT, d.limit());
        response.getHeaders().putSingle(RateLimitHeaders.RATE_LIMIT_REMAINING, d.remaining());
        response.getHeaders().putSingle(RateLimitHeaders.RATE_LIMIT_RESET, d.resetSeconds());
    }

    private static String client(HttpServerRequest http) {
        // The host only: the port changes with every connection.
        var address = http.remoteAddress();
        return address == null ? "unknown" : address.hostAddress();
    }
}
