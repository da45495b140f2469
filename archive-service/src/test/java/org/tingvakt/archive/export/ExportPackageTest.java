package org.tingvakt.archive.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.tingvakt.archive.export.ExportVerification.Kind;
import org.tingvakt.archive.export.ExportVerification.Problem;
import org.tingvakt.archive.proof.HashChain;

class ExportPackageTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-01T08:00:00Z"), ZoneOffset.UTC);
    private static final ExportScope SCOPE = ExportScope.of(
            "104889123456789", "Aarhus Kommune – Borgerservice", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));

    private final ExportPackageWriter writer = new ExportPackageWriter(CLOCK);
    private final ExportPackageVerifier verifier = new ExportPackageVerifier();

    @Test
    void aWrittenPackageHasTheEarkLayoutAndVerifies() throws IOException {
        byte[] zip = write(records(3));
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "export-samples"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "export-samples", "package.zip"), zip);

        Map<String, byte[]> entries = unzip(zip);
        String root = SCOPE.packageId() + "/";
        String rep = root + "representations/rep1/";
        assertTrue(entries.containsKey(root + "METS.xml"));
        assertFalse(entries.containsKey(root + "manifest-sha256.txt"), "no manifest outside METS any more");
        assertTrue(entries.containsKey(root + "metadata/descriptive/description.xml"));
        assertTrue(entries.containsKey(root + "metadata/descriptive/records.csv"));
        assertTrue(entries.containsKey(root + "metadata/preservation/premis.xml"));
        assertTrue(entries.containsKey(root + "schemas/mets.xsd"));
        assertTrue(entries.containsKey(root + "documentation/README.txt"));
        assertTrue(entries.containsKey(rep + "METS.xml"));
        assertTrue(entries.containsKey(rep + "metadata/preservation/premis.xml"));
        assertTrue(entries.containsKey(rep + "data/rec-2.json"));
        assertTrue(entries.containsKey(rep + "data/rec-2.pdf"));
        assertTrue(entries.containsKey(rep + "data/rec-2.png"));
        assertTrue(entries.containsKey(rep + "schemas/premis.xsd"));
        assertTrue(entries.containsKey(rep + "documentation/README.txt"));

        String mets = new String(entries.get(rep + "METS.xml"), StandardCharsets.UTF_8);
        byte[] pdf = entries.get(rep + "data/rec-2.pdf");
        assertTrue(
                mets.contains("CHECKSUM=\"" + HashChain.sha256(pdf).toUpperCase(java.util.Locale.ROOT) + "\""),
                "the representation METS carries the PDF's SHA-256");
        assertTrue(mets.contains("CHECKSUMTYPE=\"SHA-256\""));
        String premis = new String(entries.get(rep + "metadata/preservation/premis.xml"), StandardCharsets.UTF_8);
        assertTrue(premis.contains("<premis:messageDigest>" + HashChain.sha256(pdf) + "</premis:messageDigest>"));

        ExportVerification result = verifier.verify(new ByteArrayInputStream(zip));
        assertTrue(result.ok(), result.problems().toString());
        assertEquals(SCOPE.packageId(), result.packageId());
        // 3 records x 3 artefacts; root: METS, description, index, PREMIS, 7 schemas, README;
        // representation: METS, PREMIS, 5 schemas, README
        assertEquals(3 * 3 + 12 + 8, result.filesChecked());
    }

    @Test
    void aFlippedByteInsideTheZipFailsVerificationAndNamesTheFile() throws IOException {
        List<ExportRecord> records = records(3);
        byte[] zip = write(records);
        // PDFs are stored uncompressed, so the record's bytes sit in the zip as they are: flip one in the middle.
        byte[] pdf = records.get(1).pdf();
        int at = indexOf(zip, java.util.Arrays.copyOfRange(pdf, 1000, 1064)) + 10;
        assertTrue(at > 10);
        zip[at] ^= 0x01;

        ExportVerification result = verifier.verify(new ByteArrayInputStream(zip));

        assertFalse(result.ok());
        assertTrue(
                names(result).contains("representations/rep1/data/rec-1.pdf"),
                result.problems().toString());
    }

    @Test
    void aChangedFileInAnOtherwiseValidZipIsAChecksumMismatchInItsMets() throws IOException {
        byte[] zip = write(records(2));
        String target = SCOPE.packageId() + "/representations/rep1/data/rec-0.json";
        byte[] tampered = rezip(zip, (name, bytes) -> {
            if (name.equals(target)) {
                byte[] copy = bytes.clone();
                copy[5] ^= 0x20;
                return copy;
            }
            return bytes;
        });

        ExportVerification result = verifier.verify(new ByteArrayInputStream(tampered));

        List<Problem> mismatches = result.problems().stream()
                .filter(p -> p.kind() == Kind.CHECKSUM_MISMATCH)
                .toList();
        assertEquals(1, mismatches.size(), result.problems().toString());
        assertEquals("representations/rep1/data/rec-0.json", mismatches.get(0).path());
        assertTrue(mismatches.get(0).detail().startsWith("representations/rep1/METS.xml says"));
    }

    @Test
    void missingAndExtraFilesAreReported() throws IOException {
        byte[] zip = write(records(2));
        String gone = SCOPE.packageId() + "/representations/rep1/data/rec-1.png";
        byte[] tampered = rezip(
                zip,
                (name, bytes) -> name.equals(gone) ? null : bytes,
                Map.of(
                        SCOPE.packageId() + "/representations/rep1/data/extra.txt",
                        "hello".getBytes(StandardCharsets.UTF_8)));

        ExportVerification result = verifier.verify(new ByteArrayInputStream(tampered));

        assertTrue(
                result.problems()
                        .contains(new Problem(
                                "representations/rep1/data/rec-1.png",
                                Kind.MISSING,
                                "listed in representations/rep1/METS.xml but not in the zip")),
                result.problems().toString());
        assertTrue(result.problems().stream()
                .anyMatch(p -> p.kind() == Kind.UNLISTED && p.path().equals("representations/rep1/data/extra.txt")));
    }

    @Test
    void zipSlipNamesAreReportedAndNeverTrusted() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name :
                    List.of("pkg/METS.xml", "pkg/../../etc/cron.d/evil", "/etc/passwd", "pkg\\..\\evil", "C:/evil")) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write("x".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        ExportVerification result = verifier.verify(new ByteArrayInputStream(out.toByteArray()));

        List<String> unsafe = result.problems().stream()
                .filter(p -> p.kind() == Kind.UNSAFE_PATH)
                .map(Problem::path)
                .toList();
        assertEquals(List.of("pkg/../../etc/cron.d/evil", "/etc/passwd", "pkg\\..\\evil", "C:/evil"), unsafe);
        assertFalse(result.ok());
    }

    @Test
    void aZipBombStopsAtTheLimitInsteadOfInflatingEverything() throws IOException {
        // 64 MiB of zeros deflates to ~64 KiB: a ratio of ~1000:1.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("pkg/representations/rep1/data/bomb.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        ExportVerification ratio = verifier.verify(new ByteArrayInputStream(out.toByteArray()));
        assertTrue(
                ratio.problems().stream()
                        .anyMatch(p ->
                                p.kind() == Kind.LIMIT_EXCEEDED && p.detail().contains("compression ratio")),
                ratio.problems().toString());

        ExportPackageVerifier strict =
                new ExportPackageVerifier(new ExportPackageVerifier.Limits(10, 4L << 20, 1L << 30, 1L << 20, 100_000));
        ExportVerification size = strict.verify(new ByteArrayInputStream(out.toByteArray()));
        assertTrue(
                size.problems().stream()
                        .anyMatch(p ->
                                p.kind() == Kind.LIMIT_EXCEEDED && p.detail().contains("entry inflates to more than")),
                size.problems().toString());
    }

    @Test
    void aMetsWithADoctypeIsRefusedNotExpanded() throws IOException {
        byte[] zip = write(records(1));
        String mets = SCOPE.packageId() + "/METS.xml";
        byte[] tampered = rezip(
                zip,
                (name, bytes) -> name.equals(mets)
                        ? ("<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><m>&x;</m>")
                                .getBytes(StandardCharsets.UTF_8)
                        : bytes);
        ExportVerification result = verifier.verify(new ByteArrayInputStream(tampered));
        assertTrue(
                result.problems().stream()
                        .anyMatch(p ->
                                p.kind() == Kind.MALFORMED_METADATA && p.path().equals("METS.xml")),
                result.problems().toString());
    }

    @Test
    void theWriterRefusesARecordWhoseBytesNoLongerMatchTheirHash() {
        List<ExportRecord> records = new ArrayList<>(records(2));
        ExportRecord r = records.get(1);
        byte[] png = r.png().clone();
        png[100] ^= 0x01;
        records.set(
                1,
                new ExportRecord(
                        r.recordId(),
                        r.capturedAt(),
                        r.registrationNumber(),
                        r.pdf(),
                        r.pdfSha256(),
                        png,
                        r.pngSha256(),
                        r.json(),
                        r.jsonSha256()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> write(records));
        assertTrue(e.getMessage().contains("rec-1") && e.getMessage().contains("png"), e.getMessage());
    }

    // --- helpers

    private byte[] write(List<ExportRecord> records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportSummary summary = writer.write(SCOPE, records, out);
        assertEquals(records.size(), summary.records());
        return out.toByteArray();
    }

    static List<ExportRecord> records(int n) {
        Random random = new Random(42);
        List<ExportRecord> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] pdf = new byte[20_000];
            random.nextBytes(pdf);
            byte[] png = new byte[30_000];
            random.nextBytes(png);
            byte[] json = ("{\"recordId\":\"rec-" + i + "\",\"text\":\"Rødgrød med fløde, nr. " + i + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            list.add(new ExportRecord(
                    "rec-" + i,
                    Instant.parse("2026-03-1" + i + "T10:00:00Z"),
                    i == 0 ? Optional.of("2026-00" + i) : Optional.empty(),
                    pdf,
                    HashChain.sha256(pdf),
                    png,
                    HashChain.sha256(png),
                    json,
                    HashChain.sha256(json)));
        }
        return list;
    }

    private static List<String> names(ExportVerification result) {
        return result.problems().stream().map(Problem::path).toList();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    interface EntryEdit {
        byte[] apply(String name, byte[] bytes);
    }

    private static byte[] rezip(byte[] zip, EntryEdit edit) throws IOException {
        return rezip(zip, edit, Map.of());
    }

    private static byte[] rezip(byte[] zip, EntryEdit edit, Map<String, byte[]> extra) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : unzip(zip).entrySet()) {
                byte[] bytes = edit.apply(e.getKey(), e.getValue());
                if (bytes != null) {
                    z.putNextEntry(new ZipEntry(e.getKey()));
                    z.write(bytes);
                    z.closeEntry();
                }
            }
            for (Map.Entry<String, byte[]> e : extra.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
