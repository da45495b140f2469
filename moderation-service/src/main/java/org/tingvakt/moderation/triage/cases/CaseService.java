package org.tingvakt.moderation.triage.cases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.tingvakt.contracts.ModerationActionTaken;
import org.tingvakt.contracts.RegistrationReason;
import org.tingvakt.eventing.Outbox;
import org.tingvakt.moderation.account.Account;
import org.tingvakt.moderation.intake.CommentVersion;
import org.tingvakt.moderation.kernel.audit.AuditLog;
import org.tingvakt.problem.ProblemException;

/**
 * Moderators' decisions on cases. Each decision is one transaction with the event it publishes and its audit line; the
 * case's {@code @Version} turns a concurrent decision into 409.
 */
@ApplicationScoped
public class CaseService {
    /** What a moderator can decide. */
    public enum Decision {
        APPROVE,
        HIDE,
        UNHIDE,
        DELETE,
        REPLY,
        ESCALATE,
        /** Register the comment in the archive (a number in the account's series); the comment stays as it is. */
        REGISTER
    }

    /**
     * The queue's filters; every one optional. {@code waitingOnly}: cases that wait for a person's decision (awaiting
     * review or a new decision after the archive rejected, or classified, hidden or archived by policy with no one's
     * decision yet). {@code sameSenderAs}: the other
     * cases of that case's sender on the same account.
     */
    public record QueueFilter(
            Optional<UUID> account,
            Optional<String> label,
            Optional<CaseState> state,
            Optional<String> language,
            Optional<Instant> from,
            Optional<Instant> to,
            boolean escalatedOnly,
            boolean waitingOnly,
            Optional<UUID> sameSenderAs,
            QueueOrder order) {
        public QueueFilter(
                Optional<UUID> account,
                Optional<String> label,
                Optional<CaseState> state,
                Optional<String> language,
                Optional<Instant> from,
                Optional<Instant> to,
                boolean escalatedOnly) {
            this(account, label, state, language, from, to, escalatedOnly, false, Optional.empty(), QueueOrder.NEWEST);
        }
    }

    /**
     * The queue's order. URGENCY: threats first, then questions (their reply deadlines run from arrival, so the oldest
     * is due soonest), then the rest, oldest first within each group.
     */
    public enum QueueOrder {
        NEWEST,
        URGENCY
    }

    /** A decision as asked: the reply text only for REPLY (signed already). */
    public record DecisionCommand(
            Decision decision, String reason, String note, String replyText, Long expectedVersion, String actor) {}

    private final Outbox outbox;
    private final DeletionRequests deletion;
    private final Instance<PlatformActions> platform;
    private final AuditLog audit;
    private final EntityManager em;
    private final ReplyComposer replies;
    private final RegistrationRequests registrations;

    public CaseService(
            Outbox outbox,
            DeletionRequests deletion,
            Instance<PlatformActions> platform,
            AuditLog audit,
            EntityManager em,
            ReplyComposer replies,
            RegistrationRequests registrations) {
        this.registrations = registrations;
        this.replies = replies;
        this.outbox = outbox;
        this.deletion = deletion;
        this.platform = platform;
        this.audit = audit;
        this.em = em;
    }

    /**
     * One page of the queue, newest first. Native SQL so the label filter uses the GIN index on {@code labels} and the
     * ordering uses the (…, received_at DESC) indexes; {@code size + 1} rows are read to tell whether a next page exists.
     */
    @SuppressWarnings("unchecked")
    public List<ModerationCase> queue(QueueFilter f, int page, int size) {
        StringBuilder sql = new StringBuilder("SELECT * FROM moderation_case WHERE true");
        Map<String, Object> params = new LinkedHashMap<>();
        f.account().ifPresent(v -> {
            sql.append(" AND account_id = :account");
            params.put("account", v);
        });
        f.state().ifPresent(v -> {
            sql.append(" AND state = :state");
            params.put("state", v.name());
        });
        f.language().ifPresent(v -> {
            sql.append(" AND language = :language");
            params.put("language", v);
        });
        f.label().ifPresent(v -> {
            sql.append(" AND labels @> CAST(ARRAY[:label] AS text[])");
            params.put("label", v);
        });
        f.from().ifPresent(v -> {
            sql.append(" AND received_at >= :from");
            params.put("from", v);
        });
        f.to().ifPresent(v -> {
            sql.append(" AND received_at < :to");
            params.put("to", v);
        });
        if (f.escalatedOnly()) {
            sql.append(" AND escalated_at IS NOT NULL");
        }
        if (f.waitingOnly()) {
            // REJECTED: the archive never confirmed the evidence of a delete decision; a moderator decides again.
            sql.append(" AND (state IN ('PENDING_REVIEW', 'REJECTED')"
                    + " OR (decided_by IS NULL AND state IN ('CLASSIFIED', 'HIDDEN', 'ARCHIVED')))");
        }
        f.sameSenderAs().ifPresent(v -> {
            sql.append(" AND id <> :same AND (account_id, comment_version_id) IN (SELECT m.account_id, cv.id"
                    + " FROM moderation_case m JOIN comment_version s ON s.id = m.comment_version_id"
                    + " JOIN comment_version cv ON cv.account_id = m.account_id AND cv.sender_id = s.sender_id"
                    + " WHERE m.id = :same)");
            params.put("same", v);
        });
        sql.append(
                f.order() == QueueOrder.URGENCY
                        ? " ORDER BY ('THREAT' = ANY(labels)) DESC, ('QUESTION' = ANY(intents)) DESC, received_at, id"
                        : " ORDER BY received_at DESC, id");
        sql.append(" LIMIT :limit OFFSET :offset");
        var q = em.createNativeQuery(sql.toString(), ModerationCase.class);
        params.forEach(q::setParameter);
        q.setParameter("limit", size + 1);
        q.setParameter("offset", (long) page * size);
        return (List<ModerationCase>) q.getResultList();
    }

    public ModerationCase get(UUID id) {
        return ModerationCase.<ModerationCase>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("no case " + id));
    }

    /**
     * The signed text of a reply to this case's comment: a canned reply of the case's account or the moderator's own
     * text ({@link ReplyComposer}).
     */
    public String replyText(
            UUID id, Optional<UUID> cannedReplyId, Optional<String> ownText, Optional<String> givenName) {
        Account account = Account.findById(get(id).accountId);
        return replies.compose(account, cannedReplyId, ownText, givenName);
    }

    /** The former decision API: kept for callers that only approve or delete. */
    @Transactional
    public ModerationCase decide(
            UUID id, Decision decision, String reason, String moderator, Long expectedLockVersion) {
        return decide(id, new DecisionCommand(decision, reason, null, null, expectedLockVersion, moderator));
    }

    @Transactional
    public ModerationCase decide(UUID id, DecisionCommand cmd) {
        boolean needsPlatform = cmd.decision() == Decision.HIDE
                || cmd.decision() == Decision.UNHIDE
                || cmd.decision() == Decision.REPLY;
        if (needsPlatform && !platform.isResolvable()) {
            throw new ProblemException(
                    503,
                    "Service Unavailable",
                    "no platform connector is deployed; " + cmd.decision() + " cannot be carried out now");
        }
        if (cmd.decision() != Decision.REPLY
                && (cmd.reason() == null || cmd.reason().isBlank())) {
            throw ProblemException.badRequest("a reason is required for " + cmd.decision());
        }
        if (cmd.decision() == Decision.REPLY
                && (cmd.replyText() == null || cmd.replyText().isBlank())) {
            throw ProblemException.badRequest("a reply needs a text or a canned reply");
        }
        ModerationCase mc = get(id);
        if (cmd.decision() == Decision.HIDE || cmd.decision() == Decision.DELETE) {
            Optional<PlatformLimit> limit =
                    PlatformLimit.of(CommentVersion.<CommentVersion>findById(mc.commentVersionId));
            if (limit.isPresent()) {
                // 422, not 409: the case did not change under the moderator; the platform will never allow this
                throw new ProblemException(
                        422, "Unprocessable Content", limit.get().detail());
            }
        }
        if (cmd.expectedVersion() != null && cmd.expectedVersion() != mc.lockVersion) {
            throw ProblemException.conflict("the case changed since you read it (version " + mc.lockVersion + ")");
        }
        CaseState before = mc.state;
        Instant now = Instant.now();
        mc.decisionReason = cmd.reason();
        mc.decisionNote = cmd.note();
        mc.decidedBy = cmd.actor();
        mc.decidedAt = now;
        if (mc.firstResponseAt == null && cmd.decision() != Decision.ESCALATE && cmd.decision() != Decision.REGISTER) {
            mc.firstResponseAt = now;
        }
        String action;
        switch (cmd.decision()) {
            case APPROVE -> {
                mc.moveTo(CaseState.APPROVED);
                action = "APPROVED";
            }
            case HIDE -> {
                mc.moveTo(CaseState.HIDDEN);
                platform.get().hide(mc);
                if ("THREAT".equals(cmd.reason())) {
                    // A threat leaving public view is registered as it leaves (a removal registers its evidence;
                    // a hide keeps none). The version already registered: nothing more to do.
                    registrations.requestRegistration(mc, RegistrationReason.THREAT, cmd.actor());
                }
                action = "HIDDEN";
            }
            case UNHIDE -> {
                if (mc.state != CaseState.HIDDEN) {
                    throw ProblemException.conflict(
                            "only a hidden comment can be shown again (the case is " + mc.state + ")");
                }
                mc.moveTo(CaseState.APPROVED);
                platform.get().unhide(mc);
                action = "UNHIDDEN";
            }
            case DELETE -> {
                if (mc.state == CaseState.ARCHIVED) {
                    // the policy hid and archived it already: the verified record of this version exists, delete now
                    deletion.deleteArchived(mc, cmd.reason(), cmd.actor());
                } else {
                    deletion.requestEvidence(mc, cmd.reason(), cmd.actor());
                }
                action = null; // the saga publishes DELETED once the evidence is verified and the platform confirmed
            }
            case REPLY -> {
                if (mc.state != CaseState.REPLIED) {
                    mc.moveTo(CaseState.REPLIED);
                }
                platform.get().reply(mc, cmd.replyText());
                action = "REPLIED";
            }
            case ESCALATE -> {
                if (mc.state != CaseState.PENDING_REVIEW && mc.state.canMoveTo(CaseState.PENDING_REVIEW)) {
                    mc.moveTo(CaseState.PENDING_REVIEW);
                }
                mc.escalatedAt = now;
                mc.escalatedBy = cmd.actor();
                action = "ESCALATED";
            }
            case REGISTER -> {
                // Any case, any state: registering records the exact current version and changes nothing on the page.
                if (!registrations.requestRegistration(mc, RegistrationReason.MODERATOR_DECISION, cmd.actor())) {
                    throw ProblemException.conflict("the case's current version is registered or being registered");
                }
                action = null; // nothing happened on the platform; the archive announces the record and its number
            }
            default -> throw new IllegalStateException();
        }
        mc.updatedAt = now;
        if (action != null) {
            Account account = Account.findById(mc.accountId);
            outbox.publish(new ModerationActionTaken(
                    mc.id.toString(),
                    mc.commentId,
                    mc.version,
                    mc.platform,
                    account.externalId,
                    mc.threadKey,
                    action,
                    cmd.actor(),
                    cmd.reason(),
                    now));
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("decision", cmd.decision().name());
        detail.put("from", before.name());
        detail.put("to", mc.state.name());
        detail.put("reason", cmd.reason());
        detail.put("note", cmd.note());
        detail.put("commentVersion", mc.version);
        audit.record(cmd.actor(), "CASE_" + cmd.decision().name(), "case", mc.id.toString(), detail);
        em.flush(); // a concurrent change surfaces here as OptimisticLockException → 409, inside this call
        return mc;
    }
}
