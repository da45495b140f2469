package org.tingvakt.notifier.notification.rest;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.tingvakt.problem.Problem;

/**
 * A JSON body of the wrong shape (an unknown enum value such as role "BOSS", a string for a number) gets a problem body
 * naming the field. Needed because Quarkus' own mapper for Jackson's MismatchedInputException is more specific than
 * the shared JsonProcessingException mapper and answers with a non-problem body.
 */
public class JsonInputProblems {
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatched(MismatchedInputException e) {
        String field = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce("", (a, b) -> a.isEmpty() || b.startsWith("[") ? a + b : a + "." + b);
        return Response.status(400)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(
                        400,
                        "Bad Request",
                        "the JSON body has a value of the wrong type or an unknown value"
                                + (field.isEmpty() ? "" : " at " + field)))
                .build();
    }
}
