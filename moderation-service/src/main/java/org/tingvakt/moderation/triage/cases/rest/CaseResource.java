package org.tingvakt.moderation.triage.cases.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hibernate.StaleObjectStateException;
import org.tingvakt.contracts.DetectedSpan;
import org.tingvakt.moderation.intake.CommentVersion;
import org.tingvakt.moderation.kernel.QueryParams;
import org.tingvakt.moderation.triage.cases.CaseQueries;
import org.tingvakt.moderation.triage.cases.CaseService;
import org.tingvakt.moderation.triage.cases.CaseState;
import org.tingvakt.moderation.triage.cases.ModerationCase;
import org.tingvakt.moderation.triage.cases.PlatformLimit;
import org.tingvakt.problem.ProblemException;
import org.tingvakt.security.Roles;

/** The moderators' view of cases: the queue with filters, one case in context, and decisions, single and bulk. */
@RolesAllowed({Roles.MODERATOR, Roles.EDITOR, Roles.ADMIN})
@Path("/api/cases")
@Tag(name = "Cases")
public class CaseResource {
    private static final int THREAD_CONTEXT = 10;
    private static final int MAX_BULK = 200;

    private final CaseService cases;
    private final CaseQueries queries;
    private final JsonWebToken caller;

    public CaseResource(CaseService cases, CaseQueries queries, JsonWebToken caller) {
        this.cases = cases;
        this.queries = queries;
        this.caller = caller;
    }

    @GET
    @Operation(
            summary = "The queue, newest first (or sort=urgency: threats, then questions, oldest first), filtered by "
                    + "account, label, state, language, escalation, the time received ([from, to), ISO-8601 instants), "
                    + "waiting=true (waiting for a person's decision) and sameSenderAs (the other cases of that case's sender "
                    + "on its account); paged")
    public QueuePage queue(
            @QueryParam("account") String accountParam,
            @QueryParam("label") @Pattern(regexp = "[A-Z_]{2,40}") String label,
            @QueryParam("state") String stateParam,
            @QueryParam("language") @Pattern(regexp = "[a-z]{2,3}") String language,
            @QueryParam("from") String fromParam,
            @QueryParam("to") String toParam,
            @QueryParam("escalated") @DefaultValue("false") boolean escalated,
            @QueryParam("waiting") @DefaultValue("false") boolean waiting,
            @QueryParam("sameSenderAs") String sameSenderParam,
            @QueryParam("sort") String sortParam,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        UUID account = QueryParams.uuid("account", accountParam);
        UUID sameSender = QueryParams.uuid("sameSenderAs", sameSenderParam);
        CaseService.QueueOrder order = sortParam == null || sortParam.isBlank()
                ? CaseService.QueueOrder.NEWEST
                : QueryParams.enumValue("sort", sortParam, CaseService.QueueOrder.class);
        CaseState state = QueryParams.enumValue("state", stateParam, CaseState.class);
        Instant from = QueryParams.instant("from", fromParam);
        Instant to = QueryParams.instant("to", toParam);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.badRequest("from must be before to");
        }
        CaseQueries.QueueRows rows = queries.queue(
                new CaseService.QueueFilter(
                        Optional.ofNullable(account),
                        Optional.ofNullable(label),
                        Optional.ofNullable(state),
                        Optional.ofNullable(language),
                        Optional.ofNullable(from),
                        Optional.ofNullable(to),
                        escalated,
                        waiting,
                        Optional.ofNullable(sameSender),
                        order),
                page,
                size);
        List<QueueItem> items = rows.rows().stream()
                .map(r -> new QueueItem(
                        CaseView.of(r.mc(), r.version()),
                        QueueItem.excerptOf(r.version() == null ? null : r.version().text)))
                .toList();
        return new QueuePage(items, page, size, rows.more());
    }

    @GET
    @Path("/{id}")
    @Operation(
            summary = "One case with labels, scores, spans with explanations, the comment, the thread around it and "
                    + "earlier answered questions in the same thread")
    public CaseDetail get(@PathParam("id") UUID id) {
        CaseQueries.CaseInContext found = queries.inContext(id, THREAD_CONTEXT);
        ModerationCase c = found.mc();
        CommentVersion v = found.version();
        List<Explanation> explanations = new ArrayList<>();
        if (c.spans != null) {
            for (DetectedSpan s : c.spans) {
                explanations.add(Explanation.of(s, v == null ? null : v.text, c.scores));
            }
        }
        List<ThreadItem> thread = new ArrayList<>();
        // The account's own post the thread hangs from, first, when it is known.
        found.post().ifPresent(p -> thread.add(new ThreadItem(p.postId, "POST", null, p.text, p.createdAt)));
        found.thread().stream()
                .sorted(Comparator.comparing((CommentVersion t) -> t.createdAt))
                .map(t -> new ThreadItem(
                        t.commentId,
                        t.commentId.equals(v.parentId) ? "PARENT" : "NEIGHBOUR",
                        t.senderName,
                        t.text,
                        t.createdAt))
                .forEach(thread::add);
        List<EarlierAnswer> earlier = found.answeredQuestions().stream()
                .map(a -> new EarlierAnswer(a.mc().id, a.mc().commentId, a.permalink()))
                .toList();
        Comment comment = v == null
                ? null
                : new Comment(v.text, v.senderName, v.senderProfileUrl, v.permalink, v.createdAt, v.version);
        return new CaseDetail(CaseView.of(c, v), comment, explanations, thread, earlier);
    }

    @POST
    @Path("/{id}/decisions")
    @Operation(
            summary = "Decide on a case: APPROVE, HIDE, UNHIDE, DELETE (evidence is archived before the comment is "
                    + "deleted), REPLY (a canned reply or own text, signed with your first name) or ESCALATE; with a reason "
                    + "and a note. expectedVersion turns a concurrent change into 409")
    public CaseView decide(@PathParam("id") UUID id, @Valid @NotNull DecisionRequest request) {
        CaseQueries.CaseRow decided = queries.row(decideOne(id, request, request.expectedVersion()));
        return CaseView.of(decided.mc(), decided.version());
    }

    @POST
    @Path("/decisions")
    @Operation(
            summary = "The same decision on many cases; each case is decided on its own (its own transaction), and "
                    + "the answer says per case whether it worked")
    public List<BulkResult> bulk(@Valid @NotNull BulkRequest request) {
        List<BulkResult> results = new ArrayList<>();
        DecisionRequest d = new DecisionRequest(
                request.decision(), request.reason(), request.note(), request.text(), request.cannedReplyId(), null);
        for (BulkItem item : request.cases()) {
            try {
                ModerationCase c = decideOne(item.id(), d, item.expectedVersion());
                results.add(new BulkResult(item.id(), 200, c.state, c.lockVersion, null));
            } catch (ProblemException e) {
                if (e.status() == 503) {
                    throw e; // no connector: nothing can succeed, and nothing changed
                }
                results.add(new BulkResult(item.id(), e.status(), null, null, e.getMessage()));
            } catch (OptimisticLockException | StaleObjectStateException e) {
                results.add(
                        new BulkResult(item.id(), 409, null, null, "someone else changed this case at the same time"));
            }
        }
        return results;
    }

    private ModerationCase decideOne(UUID id, DecisionRequest r, Long expectedVersion) {
        String text = null;
        if (r.decision() == CaseService.Decision.REPLY) {
            text = cases.replyText(
                    id,
                    Optional.ofNullable(r.cannedReplyId()),
                    Optional.ofNullable(r.text()),
                    Optional.ofNullable(caller.<String>getClaim("given_name")));
        }
        return cases.decide(
                id,
                new CaseService.DecisionCommand(
                        r.decision(), r.reason(), r.note(), text, expectedVersion, caller.getName()));
    }

    /**
     * A decision. {@code reason} (a label or reason category) is required except for REPLY; {@code text} or
     * {@code cannedReplyId} only for REPLY; {@code expectedVersion} is the case's {@code version} as read.
     */
    public record DecisionRequest(
            @NotNull CaseService.Decision decision,
            @Size(max = 200) String reason,
            @Size(max = 2000) String note,
            @Size(max = 1800) String text,
            UUID cannedReplyId,
            Long expectedVersion) {}

    /** One case of a bulk decision, with the version as read. */
    public record BulkItem(@NotNull UUID id, Long expectedVersion) {}

    /** A bulk decision: up to 200 cases. */
    public record BulkRequest(
            @NotNull CaseService.Decision decision,
            @Size(max = 200) String reason,
            @Size(max = 2000) String note,
            @Size(max = 1800) String text,
            UUID cannedReplyId,
            @NotEmpty @Size(max = MAX_BULK) List<@Valid @NotNull BulkItem> cases) {}

    /** The outcome for one case of a bulk decision: status 200 with the new state, or the problem's status and detail. */
    public record BulkResult(UUID id, int status, CaseState state, Long version, String detail) {}

    /** A page of the queue. */
    public record QueuePage(List<QueueItem> items, int page, int size, boolean hasMore) {}

    /** A case in the queue: its fields and the start of the comment's text, so a moderator can scan the queue. */
    public record QueueItem(
            @com.fasterxml.jackson.annotation.JsonUnwrapped CaseView caseView, String excerpt) {
        static final int EXCERPT = 280;

        static String excerptOf(String text) {
            if (text == null || text.length() <= EXCERPT) {
                return text;
            }
            int end = Character.isHighSurrogate(text.charAt(EXCERPT - 1)) ? EXCERPT - 1 : EXCERPT;
            return text.substring(0, end) + "…";
        }
    }

    /**
     * A case as moderators see it in the queue. {@code platformLimit}: what the platform does not let the account do
     * with this comment ({@link PlatformLimit}, e.g. {@code FOREIGN_MEDIA_MENTION}: HIDE and DELETE answer 422), or null.
     */
    public record CaseView(
            UUID id,
            String platform,
            String commentId,
            int commentVersion,
            UUID accountId,
            String threadKey,
            CaseState state,
            String language,
            List<String> labels,
            List<String> intents,
            Map<String, Double> scores,
            List<DetectedSpan> spans,
            String policyAction,
            String decisionReason,
            String decisionNote,
            String decidedBy,
            Instant decidedAt,
            Instant escalatedAt,
            Instant receivedAt,
            Instant updatedAt,
            long version,
            PlatformLimit platformLimit) {
        static CaseView of(ModerationCase c, CommentVersion v) {
            return new CaseView(
                    c.id,
                    c.platform.name(),
                    c.commentId,
                    c.version,
                    c.accountId,
                    c.threadKey,
                    c.state,
                    c.language,
                    c.labels,
                    c.intents,
                    c.scores,
                    c.spans,
                    c.policyAction,
                    c.decisionReason,
                    c.decisionNote,
                    c.decidedBy,
                    c.decidedAt,
                    c.escalatedAt,
                    c.receivedAt,
                    c.updatedAt,
                    c.lockVersion,
                    PlatformLimit.of(v).orElse(null));
        }
    }

    /** A case in full: the queue fields at the top level, then the comment, explanations and the thread. */
    public record CaseDetail(
            @com.fasterxml.jackson.annotation.JsonUnwrapped CaseView caseView,
            Comment comment,
            List<Explanation> explanations,
            List<ThreadItem> thread,
            List<EarlierAnswer> earlierAnswers) {}

    /** The comment of a case, as stored (this version). */
    public record Comment(
            String text,
            String senderName,
            String senderProfileUrl,
            String permalink,
            Instant createdAt,
            int version) {}

    /** Why a label was given: the span of text, the rule that fired and the label's score. */
    public record Explanation(String label, String rule, int start, int end, String excerpt, Double score) {
        static Explanation of(DetectedSpan s, String text, Map<String, Double> scores) {
            String excerpt = null;
            if (text != null && s.start() >= 0 && s.end() <= text.length() && s.start() < s.end()) {
                excerpt = text.substring(s.start(), s.end());
            }
            return new Explanation(
                    s.label(), s.rule(), s.start(), s.end(), excerpt, scores == null ? null : scores.get(s.label()));
        }
    }

    /**
     * An item of the case's thread: the account's own post ({@code relation} POST, first, when known), then the
     * comments around the case's comment, oldest first ({@code PARENT}, {@code NEIGHBOUR}).
     */
    public record ThreadItem(String commentId, String relation, String senderName, String text, Instant createdAt) {}

    /** A question in the same thread that was answered already: link to it instead of answering again. */
    public record EarlierAnswer(UUID caseId, String commentId, String permalink) {}
}
