package org.tingvakt.archive.export;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.tingvakt.archive.proof.HashChain;

/**
 * Made-up records, produced one at a time (nothing is kept): artefacts of the given sizes with random bytes behind a real
 * PDF / PNG signature, a small JSON, hashes as the archive records them, and a capture and registration event.
 */
final class GeneratedRecords implements ExportSeries.RecordSource {
    private static final byte[] PDF = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final int count;
    private final int pdfBytes;
    private final int pngBytes;
    private final SplittableRandom random = new SplittableRandom(42);
    private final Instant start = Instant.parse("2026-03-01T00:00:00Z");
    private int made;

    GeneratedRecords(int count, int pdfBytes, int pngBytes) {
        this.count = count;
        this.pdfBytes = pdfBytes;
        this.pngBytes = pngBytes;
    }

    int made() {
        return made;
    }

    @Override
    public ExportRecord next() {
        if (made == count) {
            return null;
        }
        int n = made++;
        String id = String.format("00000000-0000-4000-8000-%012d", n);
        Instant at = start.plusSeconds(n * 37L);
        byte[] pdf = bytes(PDF, pdfBytes);
        byte[] png = bytes(PNG, pngBytes);
        byte[] json = ("{\"recordId\":\"" + id + "\",\"text\":\"Kommentar nr. " + n + " – æøå\",\"capturedAt\":\"" + at
                        + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        Optional<String> registration =
                n % 10 == 0 ? Optional.of("KS-2026-" + String.format("%05d", n / 10)) : Optional.empty();
        List<RecordEvent> events = registration.isPresent()
                ? List.of(
                        new RecordEvent("capture", at, "captured", ExportSettings.SOFTWARE),
                        new RecordEvent(
                                "registration",
                                at.plusSeconds(3600),
                                "registered as " + registration.get(),
                                "organization"))
                : List.of(new RecordEvent("capture", at, "captured", ExportSettings.SOFTWARE));
        return new ExportRecord(
                id,
                at,
                registration,
                pdf,
                HashChain.sha256(pdf),
                png,
                HashChain.sha256(png),
                json,
                HashChain.sha256(json),
                events);
    }

    private byte[] bytes(byte[] signature, int size) {
        byte[] b = new byte[Math.max(size, signature.length)];
        for (int i = signature.length; i < b.length; i += 8) {
            long r = random.nextLong();
            for (int j = 0; j < 8 && i + j < b.length; j++) {
                b[i + j] = (byte) (r >>> (8 * j));
            }
        }
        System.arraycopy(signature, 0, b, 0, signature.length);
        return b;
    }
}
