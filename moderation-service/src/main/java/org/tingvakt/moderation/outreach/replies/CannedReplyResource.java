package org.tingvakt.moderation.outreach.replies;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.security.Roles;

/** Canned replies of an account: moderators read them, editors and admins keep them. */
@Path("/api/accounts/{accountId}/replies")
@Tag(name = "Canned replies")
public class CannedReplyResource {
    private final ReplyService replies;
    private final JsonWebToken caller;

    public CannedReplyResource(ReplyService replies, JsonWebToken caller) {
        this.replies = replies;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.MODERATOR, Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "The account's canned replies, optionally of one language (da, sv, nb, nn, en)")
    public List<ReplyView> list(@PathParam("accountId") UUID accountId, @QueryParam("language") String language) {
        return replies.list(accountId, Optional.ofNullable(language)).stream()
                .map(ReplyView::of)
                .toList();
    }

    @POST
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "Add a canned reply")
    public ReplyView create(@PathParam("accountId") UUID accountId, @Valid @NotNull ReplyRequest r) {
        return ReplyView.of(
                replies.save(accountId, Optional.empty(), r.language(), r.name(), r.text(), caller.getName()));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "Change a canned reply")
    public ReplyView update(
            @PathParam("accountId") UUID accountId, @PathParam("id") UUID id, @Valid @NotNull ReplyRequest r) {
        return ReplyView.of(
                replies.save(accountId, Optional.of(id), r.language(), r.name(), r.text(), caller.getName()));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "Remove a canned reply")
    public void delete(@PathParam("accountId") UUID accountId, @PathParam("id") UUID id) {
        replies.delete(accountId, id, caller.getName());
    }

    /** A canned reply as written by an editor; the signature is added when it is sent. */
    public record ReplyRequest(
            @NotBlank @Size(max = 5) String language,
            @NotBlank @Size(max = 80) String name,
            @NotBlank @Size(max = 1800) String text) {}

    /** A canned reply. */
    public record ReplyView(
            UUID id, UUID accountId, String language, String name, String text, String updatedBy, Instant updatedAt) {
        static ReplyView of(CannedReply r) {
            return new ReplyView(r.id, r.accountId, r.language, r.name, r.text, r.updatedBy, r.updatedAt);
        }
    }
}
