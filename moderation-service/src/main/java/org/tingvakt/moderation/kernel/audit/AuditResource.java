package org.tingvakt.moderation.kernel.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.moderation.kernel.QueryParams;
import org.tingvakt.security.Roles;

/** Reading the audit log and checking its hash chain. */
@Path("/api/audit")
@Tag(name = "Audit")
@RolesAllowed({Roles.ADMIN, Roles.EDITOR})
public class AuditResource {
    private final AuditLog audit;

    public AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    @Operation(
            summary = "Audit lines, newest first, filtered by actor, action, target (type and id) and time [from, to)")
    public List<AuditEntryView> query(
            @QueryParam("actor") String actor,
            @QueryParam("action") String action,
            @QueryParam("targetType") String targetType,
            @QueryParam("targetId") String targetId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return audit
                .query(
                        Optional.ofNullable(actor),
                        Optional.ofNullable(action),
                        Optional.ofNullable(targetType),
                        Optional.ofNullable(targetId),
                        Optional.ofNullable(QueryParams.instant("from", from)),
                        Optional.ofNullable(QueryParams.instant("to", to)),
                        page,
                        size)
                .stream()
                .map(AuditEntryView::of)
                .toList();
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Recompute the whole hash chain; names the first line that was changed, inserted or removed")
    public AuditLog.Verification verify() {
        return audit.verify();
    }

    /** One audit line. */
    public record AuditEntryView(
            long seq,
            Instant at,
            String actor,
            String action,
            String targetType,
            String targetId,
            String detail,
            String prevHash,
            String hash) {
        static AuditEntryView of(AuditEntry e) {
            return new AuditEntryView(
                    e.seq, e.at, e.actor, e.action, e.targetType, e.targetId, e.detail, e.prevHash, e.hash);
        }
    }
}
