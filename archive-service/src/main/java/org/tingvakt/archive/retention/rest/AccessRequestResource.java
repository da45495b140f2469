package org.tingvakt.archive.retention.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.archive.retention.AccessRequests;
import org.tingvakt.security.Roles;

/** Access requests (GDPR Art. 15): what the archive holds about one person, for the data protection officer. */
@RolesAllowed(Roles.ADMIN)
@Path("/api/access-requests")
@Tag(name = "Archive administration")
public class AccessRequestResource {
    private final AccessRequests access;
    private final SecurityIdentity identity;

    public AccessRequestResource(AccessRequests access, SecurityIdentity identity) {
        this.access = access;
        this.identity = identity;
    }

    /** Whose data: the sender's platform id. */
    public record AccessRequest(@NotBlank @Size(max = 200) String platformId) {}

    @POST
    @Operation(
            summary = "Export what the archive holds about a person (GDPR Art. 15): their records with content, "
                    + "registration and history, and the records that quote them as thread context")
    public AccessRequests.Export export(@Valid @NotNull AccessRequest body) {
        return access.export(body.platformId(), identity.getPrincipal().getName());
    }
}
