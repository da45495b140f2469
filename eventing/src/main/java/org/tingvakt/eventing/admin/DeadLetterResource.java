package org.tingvakt.eventing.admin;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.eventing.DeadLetterQueue;
import org.tingvakt.problem.ProblemException;
import org.tingvakt.security.Roles;

/**
 * The dead letters of the topics this service consumes: list, inspect, replay (docs/resilience.md). Every service has
 * it (it lives in eventing); letters hold the events themselves, personal data included, so only admins see them.
 */
@Path("/api/admin/dead-letters")
@Tag(name = "Dead letters")
@RolesAllowed(Roles.ADMIN)
@Blocking
public class DeadLetterResource {
    private final DeadLetterQueue queue;

    public DeadLetterResource(DeadLetterQueue queue) {
        this.queue = queue;
    }

    @GET
    @Operation(summary = "The newest dead letters of one consumed topic (newest first): where, why, which event")
    public List<DeadLetterQueue.Letter> list(
            @QueryParam("topic") String topic, @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return queue.list(owned(topic), limit);
    }

    @GET
    @Path("/{topic}/{partition}/{offset}")
    @Operation(summary = "One dead letter with its headers and the event itself")
    public DeadLetterQueue.Detail get(
            @PathParam("topic") String topic,
            @PathParam("partition") @Min(0) int partition,
            @PathParam("offset") @Min(0) long offset) {
        return queue.get(owned(topic), partition, offset)
                .orElseThrow(() -> ProblemException.notFound("no dead letter at " + partition + "/" + offset));
    }

    @POST
    @Path("/{topic}/{partition}/{offset}/replay")
    @Operation(
            summary = "Send the dead letter back to its topic under its own event id: applied once however often "
                    + "it is replayed (the consumers are idempotent); dead-lettered again if it fails again")
    public DeadLetterQueue.Replayed replay(
            @PathParam("topic") String topic,
            @PathParam("partition") @Min(0) int partition,
            @PathParam("offset") @Min(0) long offset) {
        return queue.replay(owned(topic), partition, offset)
                .orElseThrow(() -> ProblemException.notFound("no dead letter at " + partition + "/" + offset));
    }

    private String owned(String topic) {
        if (topic == null || topic.isBlank()) {
            throw ProblemException.badRequest("topic is required, one of " + queue.topics());
        }
        if (!queue.topics().contains(topic)) {
            throw ProblemException.notFound(
                    "this service does not consume " + topic + "; its topics: " + queue.topics());
        }
        return topic;
    }
}
