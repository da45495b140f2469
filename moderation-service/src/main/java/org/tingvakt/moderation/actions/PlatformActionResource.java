package org.tingvakt.moderation.actions;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.problem.ProblemException;
import org.tingvakt.security.Roles;

/** What Tingvakt did (or failed to do) on the platforms for a case: hide, delete, replies, with the platform's answer. */
@RolesAllowed({Roles.MODERATOR, Roles.EDITOR, Roles.ADMIN})
@Path("/api/platform-actions")
@Tag(name = "Platform actions")
public class PlatformActionResource {
    private final PlatformActionSteps steps;
    private final PlatformActionQueries queries;

    public PlatformActionResource(PlatformActionSteps steps, PlatformActionQueries queries) {
        this.steps = steps;
        this.queries = queries;
    }

    @GET
    @Operation(
            summary = "A case's platform actions (caseId), oldest first; or, without a case, the newest 100 of one "
                    + "operation (operation, optional state), e.g. mentions whose text could not be read yet "
                    + "(operation=FETCH_MENTION&state=PENDING): state, last outcome, graph error, next attempt")
    public List<ActionView> list(
            @QueryParam("caseId") UUID caseId,
            @QueryParam("operation") String operation,
            @QueryParam("state") String state) {
        if (caseId != null) {
            return queries.forCase(caseId).stream().map(ActionView::of).toList();
        }
        if (operation == null) {
            throw ProblemException.badRequest("give caseId or operation");
        }
        PlatformAction.Operation op = parse(PlatformAction.Operation.class, operation, "operation");
        Optional<PlatformAction.State> st =
                state == null ? Optional.empty() : Optional.of(parse(PlatformAction.State.class, state, "state"));
        return queries.newest(op, st, 100).stream().map(ActionView::of).toList();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String name) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("unknown " + name + " '" + value + "'; one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    @POST
    @Path("/{id}/retry")
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "Queue a FAILED action again (after a token was renewed or a permission granted)")
    public ActionView retry(@PathParam("id") UUID id) {
        return steps.retry(id)
                .map(ActionView::of)
                .orElseThrow(() -> ProblemException.notFound("no platform action " + id));
    }

    /** An action as the API shows it; the text of replies is left out (the case's replies show it). */
    public record ActionView(
            UUID id,
            UUID caseId,
            String operation,
            String state,
            String actor,
            String reason,
            int runs,
            Instant nextAttemptAt,
            String resultCategory,
            Integer graphCode,
            Integer graphSubcode,
            String resultMessage,
            Integer requests,
            Long retryAfterSeconds,
            String traceId,
            String createdId,
            Instant createdAt,
            Instant updatedAt) {
        static ActionView of(PlatformAction a) {
            return new ActionView(
                    a.id,
                    a.caseId,
                    a.operation.name(),
                    a.state.name(),
                    a.actor,
                    a.reason,
                    a.runs,
                    a.state == PlatformAction.State.PENDING ? a.nextAttemptAt : null,
                    a.resultCategory,
                    a.graphCode,
                    a.graphSubcode,
                    a.resultMessage,
                    a.requests,
                    a.retryAfterSeconds,
                    a.traceId,
                    a.createdId,
                    a.createdAt,
                    a.updatedAt);
        }
    }
}
