package org.tingvakt.archive.retention.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.archive.retention.AccessPackages;
import org.tingvakt.problem.ProblemException;
import org.tingvakt.security.Roles;

/**
 * Access requests (GDPR Art. 15): what Tingvakt holds about one person across its services, as one JSON or one PDF, for
 * the data protection officer.
 */
@RolesAllowed(Roles.ADMIN)
@Path("/api/access-requests")
@Tag(name = "Archive administration")
public class AccessRequestResource {
    private final AccessPackages packages;
    private final SecurityIdentity identity;

    public AccessRequestResource(AccessPackages packages, SecurityIdentity identity) {
        this.packages = packages;
        this.identity = identity;
    }

    /**
     * Whose data: the sender's platform id or a national ID number (one of them); the PDF's language (da, sv, nb, nn or
     * en; English if none).
     */
    public record AccessRequest(
            @Size(max = 200) String platformId,
            @Size(max = 200) String nationalId,
            @Pattern(regexp = "da|sv|nb|nn|en") String language) {}

    private AccessPackages.Package packageFor(AccessRequest body, String authorization) {
        boolean byPlatformId = body.platformId() != null && !body.platformId().isBlank();
        boolean byNationalId = body.nationalId() != null && !body.nationalId().isBlank();
        if (byPlatformId == byNationalId) {
            throw ProblemException.badRequest("an access request needs either platformId or nationalId");
        }
        String actor = identity.getPrincipal().getName();
        return byNationalId
                ? packages.exportByNationalId(body.nationalId(), actor, authorization)
                : packages.export(body.platformId(), actor, authorization);
    }

    @POST
    @Operation(
            summary = "Export what Tingvakt holds about a person (GDPR Art. 15): the archive's records with content, "
                    + "registration and history, the records that quote them, moderation's comments, direct messages, "
                    + "cases and decisions, and the notifier's reply deadlines")
    public AccessPackages.Package export(
            @Valid @NotNull AccessRequest body,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return packageFor(body, authorization);
    }

    @POST
    @Path("/pdf")
    @Produces("application/pdf")
    @Operation(summary = "The same package as a PDF/A for the data protection officer, in the requested language")
    public Response pdf(
            @Valid @NotNull AccessRequest body,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        AccessPackages.Package p = packageFor(body, authorization);
        return Response.ok(packages.pdf(p, body.language()), "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"access-request.pdf\"")
                .build();
    }
}
