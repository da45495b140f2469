package org.tingvakt.archive.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.tingvakt.contracts.ArchiveRequested;
import org.tingvakt.eventing.EventJson;

/**
 * The native JSON of a record: the request exactly as received, wrapped with the record id, the capture time and the
 * SHA-256 and size of the PDF and PNG. Its own SHA-256 is the record hash that enters the chain, so the chain covers all
 * three artefacts.
 */
public final class RecordDocument {
    public static final String SCHEMA = "tingvakt-archive-record/1";

    private RecordDocument() {}

    /** The registration a record received at capture, written into its JSON (so the hashed, chained record says it). */
    public record Registration(String number, String series) {}

    public static byte[] write(
            UUID recordId,
            Instant capturedAt,
            String pdfSha256,
            long pdfBytes,
            String pngSha256,
            long pngBytes,
            ArchiveRequested request) {
        return write(recordId, capturedAt, pdfSha256, pdfBytes, pngSha256, pngBytes, request, null);
    }

    public static byte[] write(
            UUID recordId,
            Instant capturedAt,
            String pdfSha256,
            long pdfBytes,
            String pngSha256,
            long pngBytes,
            ArchiveRequested request,
            Registration registration) {
        String registered = "";
        if (registration != null) {
            java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
            fields.put("number", registration.number());
            if (registration.series() != null) {
                fields.put("series", registration.series());
            }
            try {
                registered = ",\"registration\":" + EventJson.mapper().writeValueAsString(fields);
            } catch (IOException e) {
                throw new IllegalStateException("could not write the registration", e);
            }
        }
        // Written by hand around the request's own JSON, so the request stays byte for byte as the event serialised it.
        String json = "{\"schema\":\"" + SCHEMA + "\",\"recordId\":\"" + recordId + "\",\"capturedAt\":\"" + capturedAt
                + "\"" + registered + ",\"artefacts\":{\"pdf\":{\"sha256\":\"" + pdfSha256 + "\",\"bytes\":" + pdfBytes
                + "},\"png\":{\"sha256\":\"" + pngSha256 + "\",\"bytes\":" + pngBytes + "}},\"request\":"
                + EventJson.write(request) + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** What a stored document says. */
    public record Parsed(ArchiveRequested request, String pdfSha256, String pngSha256) {}

    public static Parsed read(byte[] json) {
        try {
            JsonNode root = EventJson.mapper().readTree(json);
            ArchiveRequested request = EventJson.read(
                    root.get("request").toString().getBytes(StandardCharsets.UTF_8), ArchiveRequested.class);
            JsonNode artefacts = root.get("artefacts");
            return new Parsed(
                    request,
                    artefacts.get("pdf").get("sha256").asText(),
                    artefacts.get("png").get("sha256").asText());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a record document", e);
        }
    }
}
