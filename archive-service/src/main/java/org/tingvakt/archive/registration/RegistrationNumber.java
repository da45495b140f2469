package org.tingvakt.archive.registration;

/**
 * A number handed out in a registering transaction.
 *
 * @param series the series it belongs to; null for a number counted per account
 * @param number the formatted number, e.g. {@code KS 2026/42}
 */
public record RegistrationNumber(String series, String number) {}
