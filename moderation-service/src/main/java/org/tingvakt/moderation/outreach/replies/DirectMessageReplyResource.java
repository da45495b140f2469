package org.tingvakt.moderation.outreach.replies;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.moderation.outreach.DirectMessageReplies;
import org.tingvakt.security.Roles;

/**
 * The standard direct-message reply as an account sends it, per language: what an admin edits the account's channels
 * against ({@code PUT /api/accounts/{id}/dm-channels}).
 */
@Path("/api/accounts/{accountId}/dm-reply")
@Tag(name = "Direct-message replies")
public class DirectMessageReplyResource {
    private final DirectMessageReplies replies;

    public DirectMessageReplyResource(DirectMessageReplies replies) {
        this.replies = replies;
    }

    @GET
    @RolesAllowed({Roles.EDITOR, Roles.ADMIN})
    @Operation(
            summary = "The account's standard direct-message reply in one language (da, sv, nb, nn, en): the secure "
                    + "channels it lists, whether they are the account's own or the defaults, and the text")
    public DmReplyView get(@PathParam("accountId") UUID accountId, @QueryParam("language") String language) {
        DirectMessageReplies.Preview p = replies.preview(accountId, language);
        return new DmReplyView(
                p.language(),
                p.own(),
                p.channels().stream()
                        .map(c -> new Channel(c.type().name(), c.address().orElse(null)))
                        .toList(),
                p.text());
    }

    /** One channel the reply lists. */
    public record Channel(String type, String address) {}

    /** The reply: its language, whether the channels are the account's own, the channels, the text. */
    public record DmReplyView(String language, boolean own, List<Channel> channels, String text) {}
}
