package org.tingvakt.moderation.account.connection;

/** What the daily check of a connected account can find wrong. */
public enum HealthFlag {
    /** {@code debug_token} says the token is no longer valid (expired, revoked, password changed). */
    TOKEN_INVALID,
    /** The token expires within {@code tingvakt.connections.expiry-warning} (default 14 days). */
    TOKEN_EXPIRING,
    /** The token lacks a permission Tingvakt needs for this platform. */
    PERMISSION_MISSING,
    /** The app is no longer subscribed to the page's webhooks (or not to every field it subscribed). */
    SUBSCRIPTION_LOST,
    /** The stored token does not open with the keys in {@code TINGVAKT_TOKEN_KEY} (a key dropped too early). */
    TOKEN_UNREADABLE,
    /** Meta could not be asked (rate limit, outage); the check is repeated next time. */
    CHECK_FAILED
}
