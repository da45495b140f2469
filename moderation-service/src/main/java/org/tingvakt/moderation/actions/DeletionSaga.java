package org.tingvakt.moderation.actions;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.tingvakt.contracts.EvidenceDigest;
import org.tingvakt.contracts.RecordArchived;
import org.tingvakt.eventing.EventConsumer;
import org.tingvakt.eventing.Outbox;
import org.tingvakt.eventing.PoisonEventException;
import org.tingvakt.eventing.Tracing;
import org.tingvakt.moderation.account.Account;
import org.tingvakt.moderation.intake.CommentVersion;
import org.tingvakt.moderation.kernel.Channels;
import org.tingvakt.moderation.triage.cases.CaseState;
import org.tingvakt.moderation.triage.cases.DeletionRequests;
import org.tingvakt.moderation.triage.cases.ModerationCase;

/**
 * Delete only after evidence (ARCHITECTURE.md invariant 1). A delete decision asks the archive for a record of the exact
 * comment version ({@code ArchiveRequested}); the case is ARCHIVING until a {@code RecordArchived} arrives for that
 * request, for that version, verified, with the digest moderation computed itself. Only then is the comment deleted.
 * Each step is one transaction with its event, so a crash between steps resumes from the stored state: hide and delete
 * are {@link PlatformAction} rows that {@link PlatformActionRunner} runs and retries; the delete row is written only in
 * the transaction that accepts the verified record, and the case becomes DELETED only when the platform confirmed.
 */
@ApplicationScoped
public class DeletionSaga implements DeletionRequests {
    private static final Logger LOG = Logger.getLogger(DeletionSaga.class);

    private final Outbox outbox;
    private final EventConsumer consumer;
    private final RegistrationSaga registrations;
    private final EvidenceAuthenticity authenticity;
    private final Tracing tracing;

    public DeletionSaga(
            Outbox outbox,
            EventConsumer consumer,
            RegistrationSaga registrations,
            EvidenceAuthenticity authenticity,
            Tracing tracing) {
        this.tracing = tracing;
        this.outbox = outbox;
        this.consumer = consumer;
        this.registrations = registrations;
        this.authenticity = authenticity;
    }

    /** Step 1: the moderator decided to delete. Joins the decision's transaction. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void requestEvidence(ModerationCase mc, String reason, String moderator) {
        requestEvidence(mc, reason, moderator, true);
    }

    /**
     * Step 1: hide on the platform at once (a durable platform action, run right after commit) and ask the archive for a
     * record of this exact version. With {@code deleteWhenArchived} false (policy HIDE_AND_ARCHIVE) the saga stops at
     * ARCHIVED, hidden, until {@link #deleteArchived} is called.
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void requestEvidence(ModerationCase mc, String reason, String actor, boolean deleteWhenArchived) {
        // The decision continues the comment's trace: from the webhook to the deletion and the notifier is one trace.
        Span span = tracing.startUnder(mc.traceparent, "request evidence", SpanKind.INTERNAL);
        try (Scope ignored = Tracing.activate(span)) {
            requestEvidenceTraced(mc, reason, actor, deleteWhenArchived);
        } finally {
            span.end();
        }
    }

    private void requestEvidenceTraced(ModerationCase mc, String reason, String actor, boolean deleteWhenArchived) {
        mc.moveTo(CaseState.ARCHIVING);
        Account account = Account.findById(mc.accountId);
        PlatformAction.pending(
                        mc.id,
                        PlatformAction.Operation.HIDE,
                        mc.platform,
                        account.externalId,
                        mc.commentId,
                        null,
                        actor,
                        reason)
                .persist();
        publishRequest(mc, reason, actor, deleteWhenArchived);
    }

    /**
     * The archive did not answer {@code previous} in time: ask again, for the same version, under a new request id (the
     * case stays ARCHIVING; the old request is REJECTED by the caller, though late authentic evidence for it still
     * counts).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requestAgain(ModerationCase mc, ArchiveRequest previous) {
        publishRequest(mc, mc.decisionReason, actorOf(mc), previous.deleteWhenArchived);
    }

    private void publishRequest(ModerationCase mc, String reason, String actor, boolean deleteWhenArchived) {
        CommentVersion v = CommentVersion.findById(mc.commentVersionId);
        Account account = Account.findById(mc.accountId);
        ArchiveRequest request = new ArchiveRequest();
        request.deleteWhenArchived = deleteWhenArchived;
        request.id = UUID.randomUUID();
        request.caseId = mc.id;
        request.commentVersionId = v.id;
        request.contentSha256 = EvidenceDigest.of(v.commentId, v.version, v.senderId, v.text);
        request.state = ArchiveRequest.State.REQUESTED;
        request.requestedAt = Instant.now();
        request.persist();

        // With the case's intents: the archive registers a complaint's evidence by its intent (a complaint is no
        // label).
        // Signed, so the archive can tell moderation's requests from forged ones (ARCHITECTURE.md invariant 9).
        outbox.publish(authenticity.sign(ArchiveRequestEvents.of(request, mc, v, account, reason, actor)));
    }

    @Incoming(Channels.ARCHIVE_RECORDS)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        consumer.consume(Channels.DELETION, records, RecordArchived.class, (event, headers) -> onArchived(event));
    }

    /** Step 2: the evidence exists. Check that it is the evidence we asked for, then delete. */
    @Transactional(Transactional.TxType.MANDATORY)
    void onArchived(RecordArchived record) {
        authenticity.requireArchiveSignature(record); // before anything else: a forged record learns nothing either
        ArchiveRequest request = parseId(record.requestId())
                .map(id -> (ArchiveRequest) ArchiveRequest.findById(id))
                .orElseThrow(() -> new PoisonEventException("RecordArchived for an unknown archive request"));
        ModerationCase mc = ModerationCase.findById(request.caseId);
        CommentVersion v = CommentVersion.findById(request.commentVersionId);
        if (!v.commentId.equals(record.commentId()) || v.version != record.version()) {
            throw new PoisonEventException("RecordArchived names another comment version than the one requested");
        }
        if (!record.verified() || !request.contentSha256.equals(record.contentSha256())) {
            LOG.warnf("Evidence for case %s did not verify; the comment stays undeleted", mc.id);
            throw new PoisonEventException("the archived record's digest does not match the requested comment version");
        }
        if (request.purpose == org.tingvakt.contracts.ArchivePurpose.REGISTRATION) {
            registrations.onRecorded(request, record); // the comment stays: no state change, no hide, no delete
            return;
        }
        if (request.state == ArchiveRequest.State.ARCHIVED) {
            return;
        }
        request.state = ArchiveRequest.State.ARCHIVED;
        request.recordId = record.recordId();
        request.archivedAt = record.archivedAt();
        if (mc.state != CaseState.ARCHIVING && mc.state != CaseState.REJECTED) {
            return; // a second record (a request asked again after a timeout): the case already has its evidence
        }
        mc.moveTo(CaseState.ARCHIVED);
        if (request.deleteWhenArchived) {
            enqueueDelete(mc, actorOf(mc), mc.decisionReason);
        }
    }

    /**
     * Step 3 for a case kept ARCHIVED (hidden) by policy: a moderator now decides to delete it. Only a case whose exact
     * current version has a verified record can be deleted.
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void deleteArchived(ModerationCase mc, String reason, String moderator) {
        boolean verified = ArchiveRequest.count(
                        "caseId = ?1 and commentVersionId = ?2 and state = ?3",
                        mc.id,
                        mc.commentVersionId,
                        ArchiveRequest.State.ARCHIVED)
                > 0;
        if (mc.state != CaseState.ARCHIVED || !verified) {
            throw org.tingvakt.problem.ProblemException.conflict(
                    "the case has no verified record of its current version; it cannot be deleted");
        }
        mc.decisionReason = reason;
        mc.decidedBy = moderator;
        enqueueDelete(mc, moderator, reason);
    }

    private void enqueueDelete(ModerationCase mc, String actor, String reason) {
        boolean queued = PlatformAction.count(
                        "caseId = ?1 and operation = ?2 and state <> ?3",
                        mc.id,
                        PlatformAction.Operation.DELETE,
                        PlatformAction.State.FAILED)
                > 0;
        if (queued) {
            return;
        }
        Account account = Account.findById(mc.accountId);
        PlatformAction.pending(
                        mc.id,
                        PlatformAction.Operation.DELETE,
                        mc.platform,
                        account.externalId,
                        mc.commentId,
                        null,
                        actor,
                        reason)
                .persist();
    }

    private static String actorOf(ModerationCase mc) {
        return mc.decidedBy == null ? "policy" : mc.decidedBy;
    }

    private static java.util.Optional<UUID> parseId(String id) {
        try {
            return java.util.Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            return java.util.Optional.empty();
        }
    }
}
