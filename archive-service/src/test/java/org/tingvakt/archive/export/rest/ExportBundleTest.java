package org.tingvakt.archive.export.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tingvakt.archive.export.ExportPackageTestAccess;
import org.tingvakt.archive.export.ExportPackageWriter;
import org.tingvakt.archive.export.ExportScope;
import org.tingvakt.archive.export.ExportSeries;
import org.tingvakt.archive.export.ExportSettings;

/** A split export is answered as one zip: index.json first, then each package's zip unchanged (stored). */
class ExportBundleTest {
    @TempDir
    Path folder;

    @Test
    void theBundleHoldsTheIndexAndEveryPackageByteForByte() throws IOException {
        ExportScope scope = ExportScope.of("acc", "Konto", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2));
        ExportPackageWriter writer = new ExportPackageWriter(
                Clock.fixed(Instant.parse("2026-04-01T08:00:00Z"), ZoneOffset.UTC),
                ExportSettings.defaults().withLimits(2, 1L << 40));
        ExportSeries.Result result =
                new ExportSeries(writer).write(scope, 3, ExportPackageTestAccess.source(3), folder);
        assertThat(result.packages()).hasSize(2);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportResource.bundle(result, out);

        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                assertThat(e.getMethod()).isEqualTo(ZipEntry.STORED);
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        List<String> files =
                result.packages().stream().map(ExportSeries.Package::file).toList();
        assertThat(entries.keySet()).containsExactly(ExportSeries.INDEX, files.get(0), files.get(1));
        assertThat(entries.get(ExportSeries.INDEX)).isEqualTo(Files.readAllBytes(result.index()));
        for (String f : files) {
            assertThat(entries.get(f)).isEqualTo(Files.readAllBytes(folder.resolve(f)));
        }
    }
}
