package org.tingvakt.notifier.tracking.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.notifier.tracking.ComplianceReport;
import org.tingvakt.notifier.tracking.ComplianceReport.AccountCompliance;
import org.tingvakt.problem.ProblemException;
import org.tingvakt.security.Roles;

/** Whether the promise to answer is kept, per account: share answered in time, median and p90 response time. */
@Path("/api/compliance")
@Tag(name = "Deadlines")
@RolesAllowed({Roles.MODERATOR, Roles.EDITOR, Roles.ADMIN, Roles.ANALYST})
public class ComplianceResource {
    private final ComplianceReport report;

    public ComplianceResource(ComplianceReport report) {
        this.report = report;
    }

    @GET
    @Operation(
            summary = "Per account: deadlines met, late, overdue; share answered in time; median and p90 response"
                    + " time (of answered ones), for comments received in [from, to)")
    public List<AccountCompliance> compliance(
            @Parameter(description = "only this account") @QueryParam("accountId") String accountId,
            @Parameter(description = "ISO-8601 with offset; default 30 days before to") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 with offset; default now") @QueryParam("to") String to) {
        OffsetDateTime end = to == null ? OffsetDateTime.now(ZoneOffset.UTC) : time("to", to);
        OffsetDateTime start = from == null ? end.minusDays(30) : time("from", from);
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("from must be before to");
        }
        return report.of(Optional.ofNullable(accountId), start, end);
    }

    private static OffsetDateTime time(String name, String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(
                    name + " must be ISO-8601 with an offset, e.g. 2026-11-01T00:00:00+01:00");
        }
    }
}
