package org.tingvakt.archive.export;

import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an export package covers: one account, and the days (inclusive, in the account's zone) whose records it holds.
 * Choosing the records is the caller's job; the scope is written into the package's descriptive metadata.
 * The package id is the package's METS OBJID and the name of its root folder (CSIP1, CSIPSTR2).
 *
 * @param packageId the package's id: also the name of its root folder, so letters, digits, '.', '_' and '-' only
 */
public record ExportScope(String packageId, String accountId, String accountName, LocalDate from, LocalDate to) {
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public ExportScope {
        Objects.requireNonNull(packageId, "packageId");
        if (!SAFE_ID.matcher(packageId).matches()) {
            throw new IllegalArgumentException(
                    "packageId must be 1-128 of [A-Za-z0-9._-], starting with a letter or digit");
        }
        Objects.requireNonNull(accountId, "accountId");
        accountName = accountName == null ? "" : accountName;
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("date range ends before it starts");
        }
    }

    /** The same scope as package {@code part} of a split export: the package id gets "-p001", "-p002", ... */
    public ExportScope part(int part) {
        if (part < 1 || part > 999_999) {
            throw new IllegalArgumentException("part must be 1..999999");
        }
        return new ExportScope(packageId + String.format("-p%03d", part), accountId, accountName, from, to);
    }

    /** A scope with a package id made of the account id and the dates. */
    public static ExportScope of(String accountId, String accountName, LocalDate from, LocalDate to) {
        String account = accountId.replaceAll("[^A-Za-z0-9._-]", "_");
        account = account.substring(0, Math.min(account.length(), 64));
        return new ExportScope("tingvakt-" + account + "-" + from + "_" + to, accountId, accountName, from, to);
    }
}
