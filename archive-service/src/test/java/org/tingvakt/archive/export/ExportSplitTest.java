package org.tingvakt.archive.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export larger than one package: 2,000 generated records streamed into packages of at most 300 records (and, in the
 * second test, a byte limit), each package a valid E-ARK SIP on its own, listed in index.json. The 50,000-record run
 * with a 384 MiB heap is {@link ExportBenchmark} (run by hand, see docs/eark.md).
 */
class ExportSplitTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-01T08:00:00Z"), ZoneOffset.UTC);
    private static final ExportScope SCOPE =
            ExportScope.of("104889123456789", "Aarhus Kommune", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));

    @TempDir
    Path folder;

    @Test
    void twoThousandRecordsBecomeSevenPackagesThatEachConformAndTogetherHoldEveryRecordOnce() throws IOException {
        ExportSettings settings = ExportSettings.defaults().withLimits(300, 1L << 40);
        GeneratedRecords source = new GeneratedRecords(2000, 1500, 2500);

        ExportSeries.Result result =
                new ExportSeries(new ExportPackageWriter(CLOCK, settings)).write(SCOPE, 2000, source, folder);

        assertThat(result.packages()).hasSize(7);
        assertThat(result.records()).isEqualTo(2000);
        assertThat(result.packages().stream().map(p -> p.summary().records()).toList())
                .containsExactly(300, 300, 300, 300, 300, 300, 200);
        JsonNode index = new ObjectMapper().readTree(result.index().toFile());
        assertThat(index.get("records").asInt()).isEqualTo(2000);
        assertThat(index.get("profile").asText()).isEqualTo("E-ARK-SIP-2.2");
        assertThat(index.get("packages")).hasSize(7);

        Set<String> dataFiles = new HashSet<>();
        int i = 0;
        for (JsonNode p : index.get("packages")) {
            i++;
            String id = SCOPE.packageId() + String.format("-p%03d", i);
            assertThat(p.get("packageId").asText()).isEqualTo(id);
            Path zip = folder.resolve(p.get("file").asText());
            byte[] bytes = Files.readAllBytes(zip);
            assertThat(p.get("bytes").asLong()).isEqualTo(bytes.length);
            assertThat(p.get("zipSha256").asText()).isEqualTo(org.tingvakt.archive.proof.HashChain.sha256(bytes));
            assertThat(new ExportPackageVerifier().verify(zip).problems())
                    .as(id)
                    .isEmpty();
            assertThat(EarkRequirements.check(EarkProfile.EARK_SIP_2_2, bytes))
                    .as(id)
                    .isEmpty();
            var files = EarkRequirements.Unpacked.of(bytes);
            assertThat(files.root()).isEqualTo(id);
            for (String mets : List.of("METS.xml", "representations/rep1/METS.xml")) {
                assertThat(EarkSchemas.validate(
                                EarkSchemas.mets(EarkProfile.EARK_SIP_2_2),
                                files.files().get(mets)))
                        .as(id + " " + mets)
                        .isEmpty();
            }
            assertThat(EarkSchemas.validate(
                            EarkSchemas.premis(),
                            files.files().get("representations/rep1/metadata/preservation/premis.xml")))
                    .as(id)
                    .isEmpty();
            for (String path : files.files().keySet()) {
                if (path.startsWith("representations/rep1/data/")) {
                    assertThat(dataFiles.add(path))
                            .as("record file in two packages: " + path)
                            .isTrue();
                }
            }
        }
        assertThat(dataFiles).hasSize(3 * 2000);
    }

    @Test
    void noRecordsIsNoPackage() {
        ExportSeries series = new ExportSeries(new ExportPackageWriter(CLOCK, ExportSettings.defaults()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> series.write(SCOPE, 0, () -> null, folder))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        new ExportPackageWriter(CLOCK).write(SCOPE, List.of(), new java.io.ByteArrayOutputStream()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CSIP66");
    }

    @Test
    void aByteLimitSplitsToo() throws IOException {
        // Each record is ~4 KB of artefacts: at most 10 KB a package means two records a package.
        ExportSettings settings =
                ExportSettings.defaults().withProfile(EarkProfile.FGS_2_0).withLimits(1000, 10_000);
        ExportSeries.Result result = new ExportSeries(new ExportPackageWriter(CLOCK, settings))
                .write(SCOPE, 5, new GeneratedRecords(5, 1500, 2500), folder);

        assertThat(result.packages().stream().map(p -> p.summary().records()).toList())
                .containsExactly(2, 2, 1);
        // Expected to fit in one package by count: the first keeps the plain id, the rest are numbered.
        assertThat(result.packages().stream().map(p -> p.summary().packageId()).toList())
                .containsExactly(SCOPE.packageId(), SCOPE.packageId() + "-p002", SCOPE.packageId() + "-p003");
        for (ExportSeries.Package p : result.packages()) {
            byte[] bytes = Files.readAllBytes(folder.resolve(p.file()));
            assertThat(EarkRequirements.check(EarkProfile.FGS_2_0, bytes)).isEmpty();
        }
    }
}
