package org.tingvakt.notifier.notification.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.notifier.notification.Notification;
import org.tingvakt.notifier.notification.NotificationKind;
import org.tingvakt.notifier.notification.NotificationPlanner;
import org.tingvakt.notifier.tracking.ReplyDeadlineRepository;
import org.tingvakt.problem.ProblemException;
import org.tingvakt.security.Roles;

/** The reminders and escalations of one reply deadline. */
@Path("/api/deadlines/{id}/notifications")
@Tag(name = "Deadlines")
@RolesAllowed({Roles.MODERATOR, Roles.EDITOR, Roles.ADMIN})
public class DeadlineNotificationsResource {
    private final ReplyDeadlineRepository deadlines;
    private final NotificationPlanner planner;

    public DeadlineNotificationsResource(ReplyDeadlineRepository deadlines, NotificationPlanner planner) {
        this.deadlines = deadlines;
        this.planner = planner;
    }

    @GET
    @Operation(summary = "The reminders and escalations of one deadline: planned, sent, cancelled or failed")
    public List<NotificationView> notifications(@PathParam("id") UUID id) {
        if (!deadlines.exists(id)) {
            throw ProblemException.notFound("No reply deadline " + id);
        }
        return planner.scheduleOf(id).stream().map(NotificationView::of).toList();
    }

    /** One planned or sent reminder/escalation. */
    public record NotificationView(
            UUID id,
            NotificationKind kind,
            Instant dueAt,
            Notification.State state,
            int attempts,
            String delivered,
            String lastError,
            Instant sentAt) {
        static NotificationView of(Notification n) {
            return new NotificationView(n.id, n.kind, n.dueAt, n.state, n.attempts, n.delivered, n.lastError, n.sentAt);
        }
    }
}
