package org.tingvakt.contracts;

/** Who wrote a comment, as the platform told us: personal data, so it never goes into logs. */
public record Sender(String platformId, String name, String profileUrl) {}
