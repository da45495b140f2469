package org.tingvakt.notifier.calendar.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.notifier.calendar.ClosedDay;
import org.tingvakt.notifier.calendar.Country;
import org.tingvakt.notifier.calendar.WorkdayCalendar;
import org.tingvakt.problem.ProblemException;

/** The closed days of a country's public offices in a year: public calendars, nothing personal, so open to all. */
@Path("/api/calendars")
@Tag(name = "Calendars")
public class CalendarResource {
    private static final Set<String> LANGUAGES = Set.of("da", "sv", "nb", "nn", "fi", "en");

    @GET
    @Path("/{country}/{year}")
    @PermitAll
    @Operation(
            summary = "Closed days (public holidays, office closures such as Danish 5 June and the eves, and"
                    + " holidays on weekends) of a country in a year, with names")
    public CalendarView closedDays(
            @PathParam("country") String country,
            @PathParam("year") String year,
            @Parameter(description = "da, sv, nb, nn, fi or en; default the country's") @QueryParam("lang")
                    String lang) {
        Country c;
        try {
            c = Country.parse(country);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        int y;
        try {
            y = Integer.parseInt(year);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("year must be a number from 1900 to 2299, got '" + year + "'");
        }
        if (y < 1900 || y > 2299) {
            throw ProblemException.badRequest("year must be from 1900 to 2299, got " + y);
        }
        Locale locale = c.language();
        if (lang != null) {
            String l = lang.strip().toLowerCase(Locale.ROOT);
            if (!LANGUAGES.contains(l)) {
                throw ProblemException.badRequest("lang must be one of da, sv, nb, nn, fi, en; got '" + lang + "'");
            }
            locale = new Locale(l);
        }
        return new CalendarView(
                c.name(),
                y,
                locale.getLanguage(),
                c.defaultZone().getId(),
                WorkdayCalendar.of(c).closedDays(y, locale));
    }

    /** A country's closed days; plain weekends are not listed. */
    public record CalendarView(String country, int year, String language, String zone, List<ClosedDay> closedDays) {}
}
