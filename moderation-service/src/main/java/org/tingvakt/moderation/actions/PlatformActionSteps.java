package org.tingvakt.moderation.actions;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tingvakt.contracts.ModerationAction;
import org.tingvakt.eventing.Outbox;
import org.tingvakt.moderation.actions.connector.FailureCategory;
import org.tingvakt.moderation.actions.connector.MentionedContent;
import org.tingvakt.moderation.actions.connector.PlatformResult;
import org.tingvakt.moderation.intake.CommentIngestion;
import org.tingvakt.moderation.intake.CommentVersion;
import org.tingvakt.moderation.intake.FetchedMention;
import org.tingvakt.moderation.kernel.RemovalReason;
import org.tingvakt.moderation.triage.cases.CaseState;
import org.tingvakt.moderation.triage.cases.ModerationActionEvents;
import org.tingvakt.moderation.triage.cases.ModerationCase;
import org.tingvakt.retry.Backoff;

/**
 * The transactional halves of running a platform action: claim it (a lease, so a crash mid-call retries it once the lease
 * ends), and record its outcome together with its effect on the case and the event it publishes.
 */
@ApplicationScoped
public class PlatformActionSteps {
    private static final Logger LOG = Logger.getLogger(PlatformActionSteps.class);

    private final Outbox outbox;
    private final Event<CommentDeleted> deleted;
    private final CommentIngestion ingestion;
    private final MeterRegistry metrics;
    private final Duration lease;
    private final Backoff backoff;

    public PlatformActionSteps(
            Outbox outbox,
            Event<CommentDeleted> deleted,
            MeterRegistry metrics,
            CommentIngestion ingestion,
            @ConfigProperty(name = "tingvakt.platform-actions.lease", defaultValue = "2m") Duration lease,
            @ConfigProperty(name = "tingvakt.platform-actions.backoff", defaultValue = "30s") Duration backoff,
            @ConfigProperty(name = "tingvakt.platform-actions.max-backoff", defaultValue = "1h") Duration maxBackoff) {
        this.outbox = outbox;
        this.ingestion = ingestion;
        this.deleted = deleted;
        this.metrics = metrics;
        this.lease = lease;
        this.backoff = Backoff.exponential(backoff, maxBackoff);
    }

    /** Takes up to {@code max} due actions, each leased to this run; other runners (instances) skip them. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<PlatformAction> claimDue(int max) {
        List<PlatformAction> due = PlatformAction.getEntityManager()
                .createNativeQuery(
                        "SELECT * FROM platform_action WHERE state = 'PENDING' AND next_attempt_at <= now() "
                                + "ORDER BY next_attempt_at LIMIT ?1 FOR UPDATE SKIP LOCKED",
                        PlatformAction.class)
                .setParameter(1, max)
                .getResultList();
        Instant until = Instant.now().plus(lease);
        for (PlatformAction a : due) {
            a.runs++;
            a.nextAttemptAt = until;
            a.updatedAt = Instant.now();
        }
        return due;
    }

    /** Takes one pending action whatever its time (a retry asked for by a person, or a test). */
    @Transactional
    public Optional<PlatformAction> claim(UUID id) {
        PlatformAction a = PlatformAction.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (a == null || a.state != PlatformAction.State.PENDING) {
            return Optional.empty();
        }
        a.runs++;
        a.nextAttemptAt = Instant.now().plus(lease);
        a.updatedAt = Instant.now();
        return Optional.of(a);
    }

    /** Records what the platform answered and what follows from it, in one transaction. */
    @Transactional
    public void complete(UUID actionId, PlatformResult result) {
        complete(actionId, result, Optional.empty());
    }

    /**
     * As {@link #complete(UUID, PlatformResult)}, with what a read returned ({@code FETCH_MENTION}: the mention's text,
     * stored with the outcome and followed by {@code CommentReceived} in the same transaction).
     */
    @Transactional
    public void complete(UUID actionId, PlatformResult result, Optional<MentionedContent> content) {
        PlatformAction a = PlatformAction.findById(actionId, LockModeType.PESSIMISTIC_WRITE);
        if (a == null || a.state != PlatformAction.State.PENDING) {
            return; // finished by another run meanwhile
        }
        a.record(result);
        if (result instanceof PlatformResult.Success) {
            a.state = PlatformAction.State.DONE;
            metrics.counter("tingvakt.platform.actions", "operation", a.operation.name(), "outcome", "done")
                    .increment();
            if (a.operation == PlatformAction.Operation.FETCH_MENTION) {
                content.ifPresent(c -> ingestion.mentionFetched(new FetchedMention(
                        a.platform, a.accountExternalId, a.targetId, c.text(), c.username(), c.timestamp())));
                return;
            }
            succeeded(a);
            return;
        }
        PlatformResult.Failure f = (PlatformResult.Failure) result;
        boolean retry = f.retryable() || (f.category() == FailureCategory.UNKNOWN && a.operation.repeatable());
        metrics.counter(
                        "tingvakt.platform.actions",
                        "operation",
                        a.operation.name(),
                        "outcome",
                        retry ? "retry" : "failed")
                .increment();
        if (retry) {
            Duration wait = backoffAfter(a.runs);
            if (f.retryAfter().isPresent() && f.retryAfter().get().compareTo(wait) > 0) {
                wait = f.retryAfter().get();
            }
            a.nextAttemptAt = Instant.now().plus(wait);
        } else {
            a.state = PlatformAction.State.FAILED;
        }
        LOG.warnf(
                "Platform action %s %s for %s: %s (graph code %s), %s",
                a.operation,
                a.id,
                subject(a),
                f.category(),
                a.graphCode,
                retry ? "retry at " + a.nextAttemptAt : "failed; needs a person");
    }

    /**
     * What an action is for, for the log: its case, or for actions without one what they act on. Never the recipient
     * of a direct-message reply (a sender's id is personal data, not logged at WARN).
     */
    static String subject(PlatformAction a) {
        if (a.caseId != null) {
            return "case " + a.caseId;
        }
        return switch (a.operation) {
            case FETCH_MENTION ->
                (PlatformAction.Operation.MENTIONED_MEDIA.equals(a.reason)
                                ? "caption mention, media "
                                : "comment mention ")
                        + a.targetId + " on account " + a.accountExternalId;
            case THREAD_NOTICE -> "thread notice on post " + a.targetId;
            case DM_REPLY -> "direct-message reply on account " + a.accountExternalId;
            default -> "no case, target " + a.targetId;
        };
    }

    /** A FAILED action back to PENDING, due now (after an operator renewed a token or granted a permission). */
    @Transactional
    public Optional<PlatformAction> retry(UUID id) {
        PlatformAction a = PlatformAction.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (a == null) {
            return Optional.empty();
        }
        if (a.state == PlatformAction.State.FAILED) {
            a.state = PlatformAction.State.PENDING;
            a.nextAttemptAt = Instant.now();
            a.updatedAt = Instant.now();
        }
        return Optional.of(a);
    }

    /** The wait after run {@code runs} failed: {@code backoff} doubling per run, at most {@code max-backoff}. */
    Duration backoffAfter(int runs) {
        return backoff.delay(runs);
    }

    private void succeeded(PlatformAction a) {
        if (a.caseId == null) {
            return;
        }
        ModerationCase mc = ModerationCase.findById(a.caseId);
        switch (a.operation) {
            case DELETE -> {
                if (mc.state != CaseState.ARCHIVED) {
                    LOG.warnf("Case %s was %s when its delete finished; left as it is", mc.id, mc.state);
                    return;
                }
                mc.moveTo(CaseState.DELETED);
                outbox.publish(ModerationActionEvents.of(
                        mc, a.accountExternalId, ModerationAction.DELETED, a.actor, a.reason, Instant.now()));
                CommentVersion v = CommentVersion.findById(mc.commentVersionId);
                deleted.fire(
                        new CommentDeleted(mc.threadKey, mc.platform, a.accountExternalId, v.postId, reasons(mc, a)));
            }
            case HIDE, UNHIDE -> {
                if ("policy".equals(a.actor)) {
                    outbox.publish(ModerationActionEvents.of(
                            mc,
                            a.accountExternalId,
                            a.operation == PlatformAction.Operation.HIDE
                                    ? ModerationAction.HIDDEN
                                    : ModerationAction.UNHIDDEN,
                            a.actor,
                            a.reason,
                            Instant.now()));
                }
            }
            default -> {
                // replies: the created id is on the action row, for matching a later "reply seen" webhook
            }
        }
    }

    /** The moderator's reason when it names a category, else the case's labels, else OTHER. */
    private static Set<RemovalReason> reasons(ModerationCase mc, PlatformAction a) {
        RemovalReason given = RemovalReason.fromLabel(a.reason);
        if (given != RemovalReason.OTHER) {
            return Set.of(given);
        }
        Set<RemovalReason> fromLabels = mc.labels == null
                ? Set.of()
                : mc.labels.stream().map(RemovalReason::fromLabel).collect(Collectors.toSet());
        return fromLabels.isEmpty() ? Set.of(RemovalReason.OTHER) : fromLabels;
    }
}
