package org.tingvakt.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tingvakt.problem.Problem;
import org.tingvakt.problem.RateLimitHeaders;
import org.tingvakt.ratelimit.ClientRateLimiter;

/**
 * A rate limit on failed authentication, per client address: Tingvakt has no sign-in endpoint of its own (people sign
 * in at the identity provider, which sends them back with a token; docs/sign-in.md), so what a caller can repeat against
 * a service is presenting bearer tokens that fail (forged, expired, for another audience, from another issuer). Each
 * such failure takes one from the address's budget of {@code tingvakt.rate-limit.failed-authentication.per-minute};
 * once it is spent, further failing tokens from that address are answered 429 with an RFC 9457 problem and {@code
 * Retry-After} instead of 401. A valid token is never counted and never refused, so a caller behind the same address
 * (an office's NAT) is not slowed; a request without a token is not a failed authentication and is not counted.
 *
 * <p>Authentication runs before any endpoint (proactive), so the failure reaches the router's failure handlers; this one
 * is registered first. The client is the connection's remote address, or the forwarded one behind a trusted proxy
 * ({@code quarkus.http.proxy.*}, docs/api.md).
 */
@ApplicationScoped
public class FailedAuthenticationLimits {
    private static final Logger LOG = Logger.getLogger(FailedAuthenticationLimits.class);

    private final ClientRateLimiter failures;
    private final byte[] body;

    public FailedAuthenticationLimits(
            @ConfigProperty(name = "tingvakt.rate-limit.failed-authentication.per-minute", defaultValue = "120")
                    int perMinute,
            ObjectMapper json) {
        this.failures = new ClientRateLimiter(perMinute, System::nanoTime);
        try {
            this.body = json.writeValueAsBytes(Problem.of(
                    429,
                    "Too Many Requests",
                    "more than " + perMinute + " failed authentications a minute from this client;"
                            + " try again after Retry-After seconds with a valid token"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::onFailure);
    }

    void onFailure(RoutingContext ctx) {
        if (!(rootCause(ctx.failure()) instanceof AuthenticationFailedException)
                || ctx.response().ended()) {
            ctx.next();
            return;
        }
        String client = client(ctx);
        ClientRateLimiter.Decision d = failures.take(client);
        if (d.allowed()) {
            ctx.next(); // the usual 401 with its challenge
            return;
        }
        LOG.debugf("failed authentication from %s over the limit: 429", client);
        ctx.response()
                .setStatusCode(429)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(RateLimitHeaders.RETRY_AFTER, Long.toString(d.retryAfterSeconds()))
                .putHeader(RateLimitHeaders.RATE_LIMIT_LIMIT, Integer.toString(d.limit()))
                .putHeader(RateLimitHeaders.RATE_LIMIT_REMAINING, "0")
                .putHeader(RateLimitHeaders.RATE_LIMIT_RESET, Long.toString(d.resetSeconds()))
                .end(io.vertx.core.buffer.Buffer.buffer(body));
    }

    private static String client(RoutingContext ctx) {
        // The host only: the port changes with every connection.
        var address = ctx.request().remoteAddress();
        return address == null ? "unknown" : address.hostAddress();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        for (int depth = 0; cause != null && depth < 10; depth++) {
            if (cause instanceof AuthenticationFailedException) {
                return cause;
            }
            cause = cause.getCause();
        }
        return t;
    }
}
