package org.tingvakt.archive.export.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.archive.export.EarkProfile;
import org.tingvakt.archive.export.ExportSeries;
import org.tingvakt.archive.export.ExportService;
import org.tingvakt.problem.ProblemException;
import org.tingvakt.security.Roles;

/** Export packages for the public archive: E-ARK SIPs (CSIP/SIP 2.2.0, or FGS Paketstruktur 2.0 = 2.1.0). */
@RolesAllowed({Roles.ARCHIVIST, Roles.ADMIN})
@jakarta.ws.rs.Path("/api/exports")
@Tag(name = "Exports")
public class ExportResource {
    private final ExportService exports;
    private final SecurityIdentity identity;

    public ExportResource(ExportService exports, SecurityIdentity identity) {
        this.exports = exports;
        this.identity = identity;
    }

    @GET
    @Produces("application/zip")
    @Operation(
            summary = "Export one account's records captured from..to (days in the account's zone, inclusive) as E-ARK "
                    + "SIPs. One package: its zip (METS.xml, representations/rep1 with METS, data, PREMIS; metadata, schemas, "
                    + "documentation). Several (over the per-package limit): a zip of the package zips and index.json. "
                    + "profile: E-ARK-SIP-2.2 or FGS-2.0 (default: the account's setting)")
    public Response export(
            @QueryParam("accountId") String accountId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("profile") String profile)
            throws IOException {
        if (accountId == null || accountId.isBlank() || accountId.length() > 200) {
            throw ProblemException.badRequest("accountId is required");
        }
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        EarkProfile chosen;
        try {
            chosen = profile == null || profile.isBlank() ? null : EarkProfile.parse(profile);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        // Built into a temporary folder inside the transaction, streamed after it, then deleted.
        Path folder = Files.createTempDirectory("tingvakt-export-");
        ExportSeries.Result result;
        try {
            result = exports.export(
                    accountId, start, end, chosen, identity.getPrincipal().getName(), folder);
        } catch (RuntimeException | IOException e) {
            delete(folder);
            throw e;
        }
        boolean single = result.packages().size() == 1;
        String name = single ? result.packages().get(0).file() : result.exportId() + "-packages.zip";
        StreamingOutput body = out -> {
            try {
                if (single) {
                    try (InputStream in = Files.newInputStream(folder.resolve(name))) {
                        in.transferTo(out);
                    }
                } else {
                    bundle(result, out);
                }
            } finally {
                delete(folder);
            }
        };
        Response.ResponseBuilder response = Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("X-Package-Records", result.records())
                .header("X-Package-Count", result.packages().size());
        if (single) {
            response.header(
                    "X-Package-Mets-Sha256", result.packages().get(0).summary().metsSha256());
        }
        return response.build();
    }

    /** The package zips (stored, not compressed again) and index.json in one zip. */
    static void bundle(ExportSeries.Result result, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        stored(zip, result.index(), ExportSeries.INDEX);
        for (ExportSeries.Package p : result.packages()) {
            stored(zip, result.folder().resolve(p.file()), p.file());
        }
        zip.finish();
        zip.flush();
    }

    private static void stored(ZipOutputStream zip, Path file, String name) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream in = new CheckedInputStream(Files.newInputStream(file), crc)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(Files.size(file));
        entry.setCompressedSize(Files.size(file));
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(zip);
        }
        zip.closeEntry();
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static LocalDate date(String name, String value) {
        if (value == null) {
            throw ProblemException.badRequest(name + " is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be a date (YYYY-MM-DD)");
        }
    }
}
