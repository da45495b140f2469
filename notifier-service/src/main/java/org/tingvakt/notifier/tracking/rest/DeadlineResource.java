package org.tingvakt.notifier.tracking.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.notifier.calendar.ClosedDay;
import org.tingvakt.notifier.calendar.Country;
import org.tingvakt.notifier.calendar.OfficeHours;
import org.tingvakt.notifier.calendar.WorkdayCalendar;
import org.tingvakt.notifier.deadline.DeadlineCalculator;
import org.tingvakt.notifier.deadline.ReminderSpec;
import org.tingvakt.notifier.deadline.ReplyRule;
import org.tingvakt.notifier.tracking.DeadlineTracker;
import org.tingvakt.notifier.tracking.ReplyDeadline;
import org.tingvakt.notifier.tracking.ReplyDeadlineRepository;
import org.tingvakt.problem.ProblemException;
import org.tingvakt.security.Roles;

/**
 * Reply deadlines: the list moderators work from, a moderator's "no reply needed", and a public preview of the rules.
 * A deadline's reminders and escalations are the notification package's resource ({@code notification.rest}).
 */
@RolesAllowed({Roles.MODERATOR, Roles.EDITOR, Roles.ADMIN, Roles.ANALYST})
@Path("/api/deadlines")
@Tag(name = "Deadlines")
public class DeadlineResource {
    static final DateTimeFormatter OFFSET_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);
    private static final Set<String> STATES = Set.of("open", "met", "missed", "late", "closed");

    private final DeadlineTracker tracker;
    private final ReplyDeadlineRepository deadlines;

    public DeadlineResource(DeadlineTracker tracker, ReplyDeadlineRepository deadlines) {
        this.tracker = tracker;
        this.deadlines = deadlines;
    }

    @GET
    @Operation(
            summary = "Deadlines, soonest due first, by state (open, met, missed = answered late or overdue, late,"
                    + " closed), account or case")
    public List<DeadlineView> list(
            @QueryParam("state") String state,
            @QueryParam("accountId") String accountId,
            @QueryParam("caseId") String caseId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        if (state != null && !STATES.contains(state.strip().toLowerCase(Locale.ROOT))) {
            throw ProblemException.badRequest(
                    "state must be one of open, met, missed, late, closed; got '" + state + "'");
        }
        Instant now = Instant.now();
        ReplyDeadlineRepository.Filter filter = new ReplyDeadlineRepository.Filter(
                Optional.ofNullable(state), Optional.ofNullable(accountId), Optional.ofNullable(caseId));
        return deadlines.list(filter, now, page, size).stream()
                .map(d -> DeadlineView.of(d, now))
                .toList();
    }

    @POST
    @Path("/{id}/no-reply-needed")
    @RolesAllowed({Roles.MODERATOR, Roles.EDITOR, Roles.ADMIN})
    @Operation(summary = "Close an open deadline because the comment needs no answer; cancels its reminders")
    public DeadlineView noReplyNeeded(@PathParam("id") UUID id) {
        ReplyDeadline d = tracker.markNoReplyNeeded(id, Instant.now());
        return DeadlineView.of(d, Instant.now());
    }

    @GET
    @Path("/preview")
    @PermitAll
    @Operation(
            summary = "When a comment received at receivedAt would be due under a rule, in the country's zone"
                    + " (or zone); reveals nothing stored")
    public Preview preview(
            @Parameter(description = "DK, SE, NO or FI") @QueryParam("country") String country,
            @Parameter(
                            description = "WITHIN_24H_OR_NEXT_WORKDAY, NEXT_WORKDAY, BUSINESS_HOURS (with hours) or"
                                    + " BUSINESS_HOURS(n)")
                    @QueryParam("rule")
                    String rule,
            @Parameter(description = "ISO-8601 with offset, e.g. 2026-12-23T10:00:00+01:00") @QueryParam("receivedAt")
                    String receivedAt,
            @Parameter(description = "hours for BUSINESS_HOURS") @QueryParam("hours") Integer hours,
            @Parameter(description = "IANA zone; default the country's") @QueryParam("zone") String zone,
            @Parameter(description = "HH:mm, default 08:00") @QueryParam("officeOpen") String officeOpen,
            @Parameter(description = "HH:mm, default 16:00") @QueryParam("officeClose") String officeClose) {
        Country c = parse("country", country, Country::parse);
        if (rule == null || rule.isBlank()) {
            throw ProblemException.badRequest(
                    "rule is required: WITHIN_24H_OR_NEXT_WORKDAY, NEXT_WORKDAY or BUSINESS_HOURS");
        }
        String ruleText = rule.strip();
        if (ruleText.equalsIgnoreCase("BUSINESS_HOURS")) {
            if (hours == null) {
                throw ProblemException.badRequest("BUSINESS_HOURS needs hours (1 to 2000)");
            }
            ruleText = "BUSINESS_HOURS(" + hours + ")";
        } else if (hours != null) {
            throw ProblemException.badRequest("hours is only for BUSINESS_HOURS");
        }
        ReplyRule r = parse("rule", ruleText, ReplyRule::parse);
        if (receivedAt == null) {
            throw ProblemException.badRequest("receivedAt is required, e.g. 2026-12-23T10:00:00+01:00");
        }
        Instant received =
                parse("receivedAt", receivedAt, s -> OffsetDateTime.parse(s).toInstant());
        ZoneId z = zone == null ? c.defaultZone() : parse("zone", zone, ZoneId::of);
        LocalTime open =
                officeOpen == null ? OfficeHours.DEFAULT.open() : parse("officeOpen", officeOpen, LocalTime::parse);
        LocalTime close =
                officeClose == null ? OfficeHours.DEFAULT.close() : parse("officeClose", officeClose, LocalTime::parse);
        OfficeHours office = parse("officeOpen/officeClose", open, o -> new OfficeHours(o, close));
        WorkdayCalendar calendar = WorkdayCalendar.of(c);
        DeadlineCalculator calculator = new DeadlineCalculator(calendar, office, z);
        ZonedDateTime due = calculator.deadline(r, received);
        List<String> reminders = calculator.reminderTimes(received, due, ReminderSpec.DEFAULTS).stream()
                .map(i -> OFFSET_TIME.format(i.atZone(z)))
                .toList();
        List<ClosedDay> closed = received.atZone(z)
                .toLocalDate()
                .datesUntil(due.toLocalDate().plusDays(1))
                .map(calendar::closure)
                .flatMap(java.util.Optional::stream)
                .toList();
        return new Preview(
                OFFSET_TIME.format(due),
                r.code(),
                c.name(),
                z.getId(),
                OFFSET_TIME.format(received.atZone(z)),
                open.toString(),
                close.toString(),
                reminders,
                closed);
    }

    private static <T, R> R parse(String name, T value, java.util.function.Function<T, R> parser) {
        if (value == null) {
            throw ProblemException.badRequest(name + " is required");
        }
        try {
            return parser.apply(value);
        } catch (DateTimeException | IllegalArgumentException e) {
            throw ProblemException.badRequest(name + ": " + e.getMessage());
        }
    }

    /** A deadline preview: times with the zone's offset on that date. */
    public record Preview(
            String deadline,
            String rule,
            String country,
            String zone,
            String receivedAt,
            String officeOpen,
            String officeClose,
            List<String> reminders,
            List<ClosedDay> closedDays) {}

    /** A deadline as the API shows it; {@code overdue} is an open deadline past its due time. */
    public record DeadlineView(
            UUID id,
            String caseId,
            String commentId,
            String accountId,
            String intent,
            String rule,
            String country,
            String timeZone,
            Instant receivedAt,
            Instant dueAt,
            ReplyDeadline.State state,
            boolean overdue,
            Instant closedAt,
            String closedBy) {
        static DeadlineView of(ReplyDeadline d, Instant now) {
            return new DeadlineView(
                    d.id,
                    d.caseId,
                    d.commentId,
                    d.accountId,
                    d.intent,
                    d.rule,
                    d.country,
                    d.timeZone,
                    d.receivedAt,
                    d.dueAt,
                    d.state,
                    d.state == ReplyDeadline.State.OPEN && d.dueAt.isBefore(now),
                    d.closedAt,
                    d.closedBy);
        }
    }
}
