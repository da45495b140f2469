package org.tingvakt.moderation.cases.rest;

import org.tingvakt.security.Roles;
import org.eclipse.microprofile.jwt.JsonWebToken;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.contracts.DetectedSpan;
import org.tingvakt.moderation.cases.CaseService;
import org.tingvakt.moderation.cases.CaseState;
import org.tingvakt.moderation.cases.ModerationCase;

/** The moderators' view of cases: the queue, one case, and decisions. */
@RolesAllowed({Roles.MODERATOR, Roles.EDITOR, Roles.ADMIN})
@Path("/api/cases")
@Tag(name = "Cases")
public class CaseResource {
    private final CaseService cases;
    private final JsonWebToken caller;

    public CaseResource(CaseService cases, JsonWebToken caller) {
        this.cases = cases;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The queue, newest first, optionally one state")
    public List<CaseView> queue(@QueryParam("state") CaseState state,
                                @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        return cases.queue(state, page, size).stream().map(CaseView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One case with labels, scores and the spans that triggered them")
    public CaseView get(@PathParam("id") UUID id) {
        return CaseView.of(cases.get(id));
    }

    @POST
    @Path("/{id}/decisions")
    @Operation(summary = "Decide on a case: APPROVE, or DELETE (evidence is archived before the comment is deleted)")
    public CaseView decide(@PathParam("id") UUID id, @Valid @NotNull DecisionRequest request) {
        return CaseView.of(cases.decide(id, request.decision(), request.reason(), caller.getName(),
                request.expectedVersion()));
    }

    /** A decision; {@code expectedVersion} (the case's {@code version} as read) turns a concurrent change into 409. */
    public record DecisionRequest(@NotNull CaseService.Decision decision,
                                  @NotBlank @Size(max = 200) String reason,
                                  Long expectedVersion) {
    }

    /** A case as moderators see it. */
    public record CaseView(UUID id, String platform, String commentId, int commentVersion, UUID accountId,
                           String threadKey, CaseState state, String language, List<String> labels,
                           List<String> intents, Map<String, Double> scores, List<DetectedSpan> spans,
                           String policyAction, String decisionReason, Instant receivedAt, Instant updatedAt,
                           long version) {
        static CaseView of(ModerationCase c) {
            return new CaseView(c.id, c.platform.name(), c.commentId, c.version, c.accountId, c.threadKey, c.state,
                    c.language, c.labels, c.intents, c.scores, c.spans, c.policyAction, c.decisionReason, c.receivedAt,
                    c.updatedAt, c.lockVersion);
        }
    }
}
