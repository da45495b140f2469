package org.tingvakt.moderation.transparency;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.Cache;
import org.tingvakt.problem.ProblemException;

/** The public transparency report (no sign-in): aggregates per account and reason, nothing about any person. */
@Path("/api/public/transparency")
@Tag(name = "Transparency")
@PermitAll
public class TransparencyResource {
    /** The longest period a report covers, so that the cache holds few large answers. */
    static final long MAX_DAYS = 731;

    private final TransparencyFigures figures;
    private final Clock clock = Clock.systemUTC();

    public TransparencyResource(TransparencyFigures figures) {
        this.figures = figures;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Cache(maxAge = 300)
    @Operation(
            summary = "Removed comments per reason category, and questions with the time to their first reply the"
                    + " platform confirms (median, p90), per account, for comments received from..to (UTC days,"
                    + " inclusive; default the last 365 days)",
            description = "Aggregates only, cached for a few minutes. A reply counts when the page's own reply was seen"
                    + " on the platform or Tingvakt's reply succeeded there; a refused or failed reply is no answer."
                    + " No count from 1 to minCount - 1 is published or derivable from the others: small reason"
                    + " categories are counted in OTHER, and figures that would give such a count away are null"
                    + " (tingvakt.transparency.min-count, default 5).")
    public TransparencyReport report(
            @Parameter(description = "first day, YYYY-MM-DD") @QueryParam("from") String from,
            @Parameter(description = "last day, YYYY-MM-DD (inclusive); default today (UTC)") @QueryParam("to")
                    String to) {
        LocalDate last = to == null || to.isBlank() ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : day("to", to);
        LocalDate first = from == null || from.isBlank() ? last.minusDays(364) : day("from", from);
        if (first.isAfter(last)) {
            throw ProblemException.badRequest("from must not be after to");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
            throw ProblemException.badRequest("a report covers at most " + MAX_DAYS + " days");
        }
        return figures.report(new TransparencyFigures.Period(first, last));
    }

    private static LocalDate day(String name, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be a day such as 2026-05-01");
        }
    }
}
