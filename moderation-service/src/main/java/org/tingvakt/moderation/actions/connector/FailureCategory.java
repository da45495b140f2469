package org.tingvakt.moderation.actions.connector;

/** Why a platform call failed, in the terms a caller acts on. */
public enum FailureCategory {
    /** Transient errors (5xx, network, Graph codes 1 and 2) on every attempt: retry later. */
    TRANSIENT_EXHAUSTED,
    /** The platform throttles the app, page or user: retry after {@code retryAfter}. */
    RATE_LIMITED,
    /** The comment, post or recipient does not exist (any more) or is not visible to the token. */
    NOT_FOUND,
    /** The token is missing, invalid or expired: an operator must renew it. */
    AUTH,
    /** The token lacks a permission, or the platform does not allow this action (e.g. outside the messaging window). */
    PERMISSION,
    /** The request was rejected as malformed: a bug or bad input; retrying does not help. */
    INVALID,
    /**
     * Anything else, including a non-repeatable call whose outcome is unknown (a timeout after the request was sent): look
     * at the platform before trying again, or the reply may appear twice.
     */
    UNKNOWN
}
