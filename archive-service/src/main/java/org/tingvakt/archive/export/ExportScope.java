package org.tingvakt.archive.export;

import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an export package covers: one account, and the days (inclusive, in the account's zone) whose records it holds.
 * Choosing the records is the caller's job; the scope is written into the package's descriptive metadata.
 *
 * @param packageId the package's id: also the name of its root folder, so letters, digits, '.', '_' and '-' only
 */
public record ExportScope(String packageId, String accountId, String accountName, LocalDate from, LocalDate to) {
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public ExportScope {
        Objects.requireNonNull(packageId, "packageId");
        if (!SAFE_ID.matcher(packageId).matches()) {
            throw new IllegalArgumentException("packageId must be 1-128 of [A-Za-z0-9._-], starting with a letter or digit");
        }
        Objects.requireNonNull(accountId, "accountId");
        accountName = accountName == null ? "" : accountName;
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("date range ends before it starts");
        }
    }

    /** A scope with a package id made of the account id and the dates. */
    public static ExportScope of(String accountId, String accountName, LocalDate from, LocalDate to) {
        String account = accountId.replaceAll("[^A-Za-z0-9._-]", "_");
        account = account.substring(0, Math.min(account.length(), 64));
        return new ExportScope("tingvakt-" + account + "-" + from + "_" + to, accountId, accountName, from, to);
    }
}
