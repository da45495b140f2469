package org.tingvakt.notifier.tracking.rest;

import org.tingvakt.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.notifier.tracking.ReplyDeadline;

/** Reply deadlines, soonest due first. */
@RolesAllowed({Roles.MODERATOR, Roles.EDITOR, Roles.ADMIN, Roles.ANALYST})
@Path("/api/deadlines")
@Tag(name = "Deadlines")
public class DeadlineResource {

    @GET
    @Operation(summary = "Deadlines, optionally by state, account or case")
    public List<DeadlineView> list(@QueryParam("state") ReplyDeadline.State state,
                                   @QueryParam("accountId") String accountId, @QueryParam("caseId") String caseId,
                                   @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                   @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (state != null) {
            q.append(" and state = :state");
            p.and("state", state);
        }
        if (accountId != null) {
            q.append(" and accountId = :account");
            p.and("account", accountId);
        }
        if (caseId != null) {
            q.append(" and caseId = :case");
            p.and("case", caseId);
        }
        return ReplyDeadline.<ReplyDeadline>find(q.toString(), Sort.ascending("dueAt"), p).page(Page.of(page, size))
                .list().stream().map(DeadlineView::of).toList();
    }

    /** A deadline as the API shows it. */
    public record DeadlineView(UUID id, String caseId, String commentId, String accountId, String intent, String rule,
                               String country, String timeZone, Instant receivedAt, Instant dueAt,
                               ReplyDeadline.State state, Instant closedAt, String closedBy) {
        static DeadlineView of(ReplyDeadline d) {
            return new DeadlineView(d.id, d.caseId, d.commentId, d.accountId, d.intent, d.rule, d.country, d.timeZone,
                    d.receivedAt, d.dueAt, d.state, d.closedAt, d.closedBy);
        }
    }
}
