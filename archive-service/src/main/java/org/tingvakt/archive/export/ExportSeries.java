package org.tingvakt.archive.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Writes an export as a series of packages into a folder: one E-ARK SIP zip per {@code maxRecordsPerPackage} records (or
 * fewer, when their artefacts would pass {@code maxBytesPerPackage}), and {@code index.json} listing them. Records are
 * pulled from a {@link RecordSource} one at a time, so memory stays flat whatever the number of records.
 *
 * <p>Package ids: the scope's package id when the export fits in one package; {@code <id>-p001}, {@code <id>-p002}, ...
 * when it was expected not to (the caller passes the expected record count).
 */
public final class ExportSeries {
    public static final String INDEX = "index.json";

    /** Gives the records of an export in order, one at a time; {@code null} at the end. */
    @FunctionalInterface
    public interface RecordSource {
        ExportRecord next() throws IOException;
    }

    /** One package written: its file (in the folder), its summary, its zip's size and SHA-256. */
    public record Package(
            String file,
            ExportSummary summary,
            long zipBytes,
            String zipSha256,
            Instant firstCaptured,
            Instant lastCaptured) {}

    /** All packages of an export, in order, and the index that lists them. */
    public record Result(String exportId, List<Package> packages, Path folder, Path index) {
        public int records() {
            return packages.stream().mapToInt(p -> p.summary().records()).sum();
        }
    }

    private final ExportPackageWriter writer;

    public ExportSeries(ExportPackageWriter writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /**
     * Writes the packages and the index into {@code folder} (created if needed).
     *
     * @param expectedRecords how many records the source will give (decides whether package ids are numbered)
     */
    public Result write(ExportScope scope, long expectedRecords, RecordSource source, Path folder) throws IOException {
        Files.createDirectories(folder);
        ExportSettings settings = writer.settings();
        boolean numbered = expectedRecords > settings.maxRecordsPerPackage();
        List<Package> packages = new ArrayList<>();
        ExportRecord next = source.next();
        if (next == null) {
            throw new IllegalArgumentException("no records to export");
        }
        int part = 0;
        do {
            part++;
            ExportScope packageScope = numbered ? scope.part(part) : scope;
            String file = packageScope.packageId() + ".zip";
            MessageDigest md = sha256();
            ExportSummary summary;
            Instant first = null;
            Instant last = null;
            long size;
            try (CountingDigest out = new CountingDigest(Files.newOutputStream(folder.resolve(file)), md);
                    ExportPackageWriter.PackageStream p = writer.open(packageScope, numbered ? part : 0, out)) {
                while (next != null) {
                    boolean full = p.records() >= settings.maxRecordsPerPackage()
                            || (p.records() > 0
                                    && p.artefactBytes() + next.artefactBytes() > settings.maxBytesPerPackage());
                    if (full) {
                        break;
                    }
                    p.add(next);
                    first = first == null ? next.capturedAt() : first;
                    last = next.capturedAt();
                    next = source.next();
                }
                summary = p.finish();
                out.flush();
                size = out.count;
            }
            packages.add(new Package(file, summary, size, HexFormat.of().formatHex(md.digest()), first, last));
            if (next != null && !numbered && part == 1) {
                // A byte limit split an export expected to fit: the first package keeps the plain id, the rest are
                // numbered.
                numbered = true;
            }
        } while (next != null);
        Path index = folder.resolve(INDEX);
        writeIndex(scope, settings, packages, index);
        return new Result(scope.packageId(), List.copyOf(packages), folder, index);
    }

    private static void writeIndex(ExportScope scope, ExportSettings settings, List<Package> packages, Path index)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(index);
                JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("exportId", scope.packageId());
            json.writeStringField("profile", settings.profile().id());
            json.writeStringField("profileUrl", settings.profile().profileUrl());
            json.writeStringField("accountId", scope.accountId());
            json.writeStringField("from", scope.from().toString());
            json.writeStringField("to", scope.to().toString());
            json.writeNumberField(
                    "records",
                    packages.stream().mapToInt(p -> p.summary().records()).sum());
            json.writeNumberField("maxRecordsPerPackage", settings.maxRecordsPerPackage());
            json.writeNumberField("maxBytesPerPackage", settings.maxBytesPerPackage());
            json.writeArrayFieldStart("packages");
            for (Package p : packages) {
                json.writeStartObject();
                json.writeStringField("packageId", p.summary().packageId());
                json.writeStringField("file", p.file());
                json.writeNumberField("records", p.summary().records());
                json.writeNumberField("files", p.summary().files());
                json.writeNumberField("bytes", p.zipBytes());
                json.writeStringField("zipSha256", p.zipSha256());
                json.writeStringField("metsSha256", p.summary().metsSha256());
                json.writeStringField("created", p.summary().created().toString());
                if (p.firstCaptured() != null) {
                    json.writeStringField("firstCapturedAt", p.firstCaptured().toString());
                    json.writeStringField("lastCapturedAt", p.lastCaptured().toString());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Buffers, hashes and counts what goes to the file. */
    private static final class CountingDigest extends DigestOutputStream {
        long count;

        CountingDigest(OutputStream file, MessageDigest md) {
            super(new BufferedOutputStream(file, 1 << 16), md);
        }

        @Override
        public void write(int b) throws IOException {
            super.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            super.write(b, off, len);
            count += len;
        }
    }
}
