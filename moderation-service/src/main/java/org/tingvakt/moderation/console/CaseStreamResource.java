package org.tingvakt.moderation.console;

import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.tingvakt.security.Roles;

/**
 * Server-sent events for the console's live queue: one JSON {@link CaseChange} per event; READY first, a HEARTBEAT
 * every 15 seconds. Carries ids only: the console fetches what it may show through the case API.
 */
@Path("/api/cases/stream")
@Tag(name = "Cases")
public class CaseStreamResource {
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private final CaseChangeFeed feed;

    public CaseStreamResource(CaseChangeFeed feed) {
        this.feed = feed;
    }

    @GET
    @RolesAllowed({Roles.MODERATOR, Roles.EDITOR, Roles.ADMIN})
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Live case changes (server-sent events, JSON): CLASSIFIED, APPROVED, HIDDEN, DELETED, ... with "
                    + "the case and account id. READY first, HEARTBEAT every 15 s")
    public Multi<CaseChange> stream() {
        // A browser that reads slowly gets a buffer, not a failure: bursts (a bulk decision) are short.
        Multi<CaseChange> changes = feed.changes().onOverflow().buffer(1000);
        Multi<CaseChange> heartbeats =
                Multi.createFrom().ticks().every(HEARTBEAT).map(t -> CaseChange.heartbeat());
        return Multi.createBy().merging().streams(Multi.createFrom().item(CaseChange.ready()), changes, heartbeats);
    }
}
