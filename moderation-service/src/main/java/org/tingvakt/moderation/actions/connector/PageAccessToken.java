package org.tingvakt.moderation.actions.connector;

import java.util.Objects;

/** A page access token. Its {@link #toString()} never shows the value, so it cannot leak into logs by accident. */
public final class PageAccessToken {

    private final String value;

    private PageAccessToken(String value) {
        this.value = value;
    }

    public static PageAccessToken of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a page access token cannot be blank");
        }
        return new PageAccessToken(value.strip());
    }

    /** The secret itself; use it only to build a request. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PageAccessToken other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "PageAccessToken[<redacted>]";
    }
}
