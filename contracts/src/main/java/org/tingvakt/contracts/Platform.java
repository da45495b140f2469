package org.tingvakt.contracts;

/** Where a comment was posted. */
public enum Platform {
    FACEBOOK,
    INSTAGRAM,
    GENERIC
}
