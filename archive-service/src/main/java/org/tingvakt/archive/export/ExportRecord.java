package org.tingvakt.archive.export;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One archived record as it goes into an export package: its three stored artefacts and the SHA-256 the archive recorded
 * for each. The writer refuses a record whose bytes no longer match its recorded hashes.
 *
 * @param recordId the archive's record id
 * @param capturedAt when the comment was captured (listed in the package index)
 * @param registrationNumber the registration number, if the record was registered
 * @param pdf the PDF/A rendering
 * @param png the PNG rendering
 * @param json the record's native JSON metadata
 */
public record ExportRecord(
        String recordId,
        Instant capturedAt,
        Optional<String> registrationNumber,
        byte[] pdf, String pdfSha256,
        byte[] png, String pngSha256,
        byte[] json, String jsonSha256) {

    public ExportRecord {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(capturedAt, "capturedAt");
        registrationNumber = registrationNumber == null ? Optional.empty() : registrationNumber;
        Objects.requireNonNull(pdf, "pdf");
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(pdfSha256, "pdfSha256");
        Objects.requireNonNull(pngSha256, "pngSha256");
        Objects.requireNonNull(jsonSha256, "jsonSha256");
    }
}
