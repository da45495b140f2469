package org.tingvakt.moderation.retention.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.moderation.retention.PersonalDataAccess;
import org.tingvakt.security.Roles;

/**
 * moderation-service's part of an access request (GDPR Art. 15). The archive's access-request API calls it with the
 * data protection officer's own token and puts the answer into the one package; an admin may call it directly too.
 */
@RolesAllowed(Roles.ADMIN)
@Path("/api/personal-data/access")
@Tag(name = "Personal data")
public class PersonalDataResource {
    private final PersonalDataAccess access;
    private final SecurityIdentity identity;

    public PersonalDataResource(PersonalDataAccess access, SecurityIdentity identity) {
        this.access = access;
        this.identity = identity;
    }

    /**
     * Whose data: the sender's platform id; or, for a request by national ID number (the archive keeps the number to
     * itself), the ids of the comments whose records hold it.
     */
    public record AccessRequest(
            @Size(max = 200) String platformId,
            @Size(max = 10_000) List<@Size(max = 200) String> commentIds) {}

    @POST
    @Operation(
            summary = "What moderation-service holds about a person (GDPR Art. 15): their comments and direct "
                    + "messages, the cases about them with their decisions, and what was sent to them")
    public PersonalDataAccess.Export export(@Valid @NotNull AccessRequest body) {
        return access.export(
                body.platformId(), body.commentIds(), identity.getPrincipal().getName());
    }
}
