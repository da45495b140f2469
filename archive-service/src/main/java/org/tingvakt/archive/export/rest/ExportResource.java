package org.tingvakt.archive.export.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.archive.export.ExportService;
import org.tingvakt.archive.export.ExportSummary;
import org.tingvakt.problem.ProblemException;
import org.tingvakt.security.Roles;

/** Export packages for the public archive (E-ARK SIP-style zip with METS and a SHA-256 manifest). */
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
    @Operation(summary = "Export one account's records captured from..to (days in the account's zone, inclusive) as a "
            + "zip package: METS.xml, manifest-sha256.txt, each record's PDF/A, PNG and JSON")
    public Response export(@QueryParam("accountId") String accountId, @QueryParam("from") String from,
                           @QueryParam("to") String to) throws IOException {
        if (accountId == null || accountId.isBlank() || accountId.length() > 200) {
            throw ProblemException.badRequest("accountId is required");
        }
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        // Built into a temporary file inside the transaction, streamed after it, then deleted.
        Path file = Files.createTempFile("tingvakt-export-", ".zip");
        ExportSummary summary;
        try (OutputStream out = Files.newOutputStream(file)) {
            summary = exports.export(accountId, start, end, identity.getPrincipal().getName(), out);
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        StreamingOutput body = out -> {
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(out);
            } finally {
                Files.deleteIfExists(file);
            }
        };
        return Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + summary.packageId() + ".zip\"")
                .header("X-Package-Records", summary.records())
                .header("X-Package-Mets-Sha256", summary.metsSha256())
                .build();
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
