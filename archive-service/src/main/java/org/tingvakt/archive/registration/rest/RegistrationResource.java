package org.tingvakt.archive.registration.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.archive.record.RegistrationState;
import org.tingvakt.archive.record.rest.RecordView;
import org.tingvakt.archive.registration.Registrar;
import org.tingvakt.security.Roles;

/** An archivist's registration assessment of one record. */
@RolesAllowed({Roles.ARCHIVIST, Roles.ADMIN})
@Path("/api/records/{id}/registration")
@Tag(name = "Records")
public class RegistrationResource {
    private final Registrar registrar;
    private final SecurityIdentity identity;

    public RegistrationResource(Registrar registrar, SecurityIdentity identity) {
        this.registrar = registrar;
        this.identity = identity;
    }

    /** The assessment: register, or not required with a reason. */
    public record RegistrationDecision(
            @NotNull RegistrationState decision,
            @Size(max = 2000) String reason) {}

    @POST
    @Operation(
            summary = "Decide the registration assessment: REGISTERED (gets a number; immutable from then on) or "
                    + "NOT_REQUIRED with a reason")
    public RecordView decide(@PathParam("id") UUID id, @Valid @NotNull RegistrationDecision body) {
        return RecordView.of(registrar.decide(
                id, body.decision(), body.reason(), identity.getPrincipal().getName()));
    }
}
