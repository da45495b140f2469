package org.tingvakt.archive.export;

import java.time.Instant;

/**
 * What was written: the package id, how many records and files, and the SHA-256 of its root METS.xml (which holds the
 * SHA-256 of every other file), worth keeping in the audit log as the package's fingerprint.
 */
public record ExportSummary(String packageId, int records, int files, String metsSha256, Instant created) {}
