package org.tingvakt.notifier.notification.rest;

import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.tingvakt.notifier.notification.channel.DashboardStream;
import org.tingvakt.security.Roles;

/** Server-sent events for dashboards: each reminder and escalation as this instance sends it. */
@Path("/api/notifications/stream")
@Tag(name = "Notifications")
@RolesAllowed({Roles.MODERATOR, Roles.EDITOR, Roles.ADMIN})
public class NotificationStreamResource {
    private final DashboardStream stream;

    public NotificationStreamResource(DashboardStream stream) {
        this.stream = stream;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live stream of reminders and escalations, optionally for one account (SSE, JSON events)")
    public Multi<DashboardStream.DashboardEvent> stream(@QueryParam("accountId") String accountId) {
        Multi<DashboardStream.DashboardEvent> events = stream.events();
        return accountId == null ? events : events.select().where(e -> accountId.equals(e.accountId()));
    }
}
