package org.tingvakt.moderation.stats;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.moderation.kernel.QueryParams;
import org.tingvakt.problem.ProblemException;
import org.tingvakt.security.Roles;

/** Statistics for the transparency report; analysts read them. Periods default to the last 365 days. */
@Path("/api/stats")
@Tag(name = "Statistics")
@RolesAllowed({Roles.ANALYST, Roles.ADMIN, Roles.EDITOR})
public class StatisticsResource {
    private static final Duration DEFAULT_PERIOD = Duration.ofDays(365);
    private static final Duration DEFAULT_TIMELINE = Duration.ofDays(90);
    private static final long MAX_BUCKETS = 400;

    private final ModerationStatistics stats;

    public StatisticsResource(ModerationStatistics stats) {
        this.stats = stats;
    }

    @GET
    @Path("/removals")
    @Operation(
            summary = "Removed comments (hidden or deleted) per account and reason, of comments received in [from, to)")
    public Report<ModerationStatistics.Removals> removals(
            @QueryParam("from") String from, @QueryParam("to") String to) {
        Instant t = Optional.ofNullable(QueryParams.instant("to", to)).orElseGet(Instant::now);
        Instant f = Optional.ofNullable(QueryParams.instant("from", from)).orElse(t.minus(DEFAULT_PERIOD));
        check(f, t);
        return new Report<>(f, t, stats.removals(f, t));
    }

    @GET
    @Path("/response-times")
    @Operation(summary = "Time from a comment's arrival to the first moderator action: median and p90 per account")
    public Report<ModerationStatistics.ResponseTimes> responseTimes(
            @QueryParam("from") String from, @QueryParam("to") String to) {
        Instant t = Optional.ofNullable(QueryParams.instant("to", to)).orElseGet(Instant::now);
        Instant f = Optional.ofNullable(QueryParams.instant("from", from)).orElse(t.minus(DEFAULT_PERIOD));
        check(f, t);
        return new Report<>(f, t, stats.responseTimes(f, t));
    }

    @GET
    @Path("/removals/timeline")
    @Operation(
            summary = "Removed comments per day or week (UTC), account and reason category (THREAT, HATE, INSULT,"
                    + " PROFANITY, SEXUAL, VIOLENCE, CRIME, ADVERTISING, PERSONAL_DATA, SECRET, OTHER), of comments received in"
                    + " [from, to); default the last 90 days; at most 400 buckets")
    public Timeline removalsTimeline(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @Parameter(description = "day (default) or week") @QueryParam("bucket") String bucket,
            @Parameter(description = "only this account (its id)") @QueryParam("accountId") String accountId) {
        Instant t = Optional.ofNullable(QueryParams.instant("to", to)).orElseGet(Instant::now);
        Instant f = Optional.ofNullable(QueryParams.instant("from", from)).orElse(t.minus(DEFAULT_TIMELINE));
        check(f, t);
        ModerationStatistics.Bucket b = Optional.ofNullable(
                        QueryParams.enumValue("bucket", bucket, ModerationStatistics.Bucket.class))
                .orElse(ModerationStatistics.Bucket.DAY);
        long buckets = Duration.between(f, t).toDays() / (b == ModerationStatistics.Bucket.WEEK ? 7 : 1);
        if (buckets > MAX_BUCKETS) {
            throw ProblemException.badRequest(
                    "the period holds " + buckets + " " + b.name().toLowerCase(java.util.Locale.ROOT) + "s; at most "
                            + MAX_BUCKETS + " (use bucket=week or a shorter period)");
        }
        Optional<java.util.UUID> account = Optional.ofNullable(QueryParams.uuid("accountId", accountId));
        return new Timeline(f, t, b, stats.removalsOverTime(f, t, b, account));
    }

    private static void check(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw ProblemException.badRequest("from must be before to");
        }
    }

    /** Removals per bucket over a period; {@code bucketStart} is the first day (UTC) of each day or week. */
    public record Timeline(
            Instant from,
            Instant to,
            ModerationStatistics.Bucket bucket,
            List<ModerationStatistics.RemovalsInBucket> rows) {}

    /** A report over a period. */
    public record Report<T>(Instant from, Instant to, List<T> rows) {}
}
