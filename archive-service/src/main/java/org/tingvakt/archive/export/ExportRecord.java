package org.tingvakt.archive.export;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One archived record as it goes into an export package: its three stored artefacts, the SHA-256 the archive recorded
 * for each, and what happened to it (PREMIS events). The writer refuses a record whose bytes no longer match its recorded
 * hashes. Only one record's bytes are held at a time while a package is written.
 *
 * @param recordId the archive's record id
 * @param capturedAt when the comment was captured (the capture event when {@code events} has none)
 * @param registrationNumber the registration number, if the record was registered
 * @param pdf the PDF/A rendering
 * @param png the PNG rendering
 * @param json the record's native JSON metadata
 * @param events what happened to the record, oldest first (capture, registration, legal hold, ...)
 */
public record ExportRecord(
        String recordId,
        Instant capturedAt,
        Optional<String> registrationNumber,
        byte[] pdf,
        String pdfSha256,
        byte[] png,
        String pngSha256,
        byte[] json,
        String jsonSha256,
        List<RecordEvent> events) {

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
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** A record with no events known beyond its capture. */
    public ExportRecord(
            String recordId,
            Instant capturedAt,
            Optional<String> registrationNumber,
            byte[] pdf,
            String pdfSha256,
            byte[] png,
            String pngSha256,
            byte[] json,
            String jsonSha256) {
        this(recordId, capturedAt, registrationNumber, pdf, pdfSha256, png, pngSha256, json, jsonSha256, List.of());
    }

    /** Bytes of the three artefacts together. */
    public long artefactBytes() {
        return (long) pdf.length + png.length + json.length;
    }
}
