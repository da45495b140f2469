package org.tingvakt.archive.retention.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.archive.record.rest.RecordView;
import org.tingvakt.archive.retention.RetentionService;
import org.tingvakt.security.Roles;

/** Legal holds on one record: while held, retention and erasure leave it as it is. */
@RolesAllowed({Roles.ARCHIVIST, Roles.ADMIN})
@Path("/api/records/{id}/hold")
@Tag(name = "Records")
public class LegalHoldResource {
    private final RetentionService retention;
    private final SecurityIdentity identity;

    public LegalHoldResource(RetentionService retention, SecurityIdentity identity) {
        this.retention = retention;
        this.identity = identity;
    }

    /** Why a record is held. */
    public record HoldRequest(@NotBlank @Size(max = 2000) String reason) {}

    @PUT
    @Operation(summary = "Place a legal hold: retention and erasure leave the record as it is")
    public RecordView hold(@PathParam("id") UUID id, @Valid @NotNull HoldRequest body) {
        return RecordView.of(retention.placeHold(id, body.reason(), actor()));
    }

    @DELETE
    @Operation(summary = "Release a legal hold")
    public RecordView release(@PathParam("id") UUID id) {
        return RecordView.of(retention.releaseHold(id, actor()));
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
