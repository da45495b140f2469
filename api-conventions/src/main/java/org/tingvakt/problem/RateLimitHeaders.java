package org.tingvakt.problem;

/**
 * The header contract of every Tingvakt endpoint that limits its callers (docs/api.md, "Rate limits"): each answer of a
 * limited operation carries {@link #RATE_LIMIT_LIMIT}, {@link #RATE_LIMIT_REMAINING} and {@link #RATE_LIMIT_RESET}
 * (the names of the IETF httpapi draft "RateLimit header fields for HTTP", as widely deployed); a refused request is a
 * 429 problem body with {@link #RETRY_AFTER} in seconds. An operation that documents a 429 answer gets these headers in
 * its OpenAPI document from {@code ApiContractFilter}.
 */
public final class RateLimitHeaders {
    public static final String RATE_LIMIT_LIMIT = "RateLimit-Limit";
    public static final String RATE_LIMIT_REMAINING = "RateLimit-Remaining";
    public static final String RATE_LIMIT_RESET = "RateLimit-Reset";
    public static final String RETRY_AFTER = "Retry-After";

    private RateLimitHeaders() {}
}
