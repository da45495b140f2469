package org.tingvakt.notifier.tracking.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.notifier.tracking.PersonalDataAccess;
import org.tingvakt.security.Roles;

/**
 * notifier-service's part of an access request (GDPR Art. 15). The archive's access-request API calls it with the data
 * protection officer's own token, passing the comment ids moderation-service named, and puts the answer into the one
 * package.
 */
@RolesAllowed(Roles.ADMIN)
@Path("/api/personal-data/access")
@Tag(name = "Personal data")
public class PersonalDataResource {
    private final PersonalDataAccess access;

    public PersonalDataResource(PersonalDataAccess access) {
        this.access = access;
    }

    /**
     * Whose data: the sender's platform id and the ids of their comments and direct messages; or, for a request by
     * national ID number, only the ids of the comments that hold it.
     */
    public record AccessRequest(
            @Size(max = 200) String platformId,
            @Size(max = 10_000) List<String> commentIds) {}

    @POST
    @Operation(
            summary = "The reply deadlines of a person's comments and direct messages and the notifications sent "
                    + "about them (GDPR Art. 15)")
    public PersonalDataAccess.Export export(@Valid @NotNull AccessRequest body) {
        return access.export(body.platformId(), body.commentIds());
    }
}
