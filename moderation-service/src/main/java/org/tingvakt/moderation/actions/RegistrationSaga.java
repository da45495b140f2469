package org.tingvakt.moderation.actions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import org.tingvakt.contracts.ArchivePurpose;
import org.tingvakt.contracts.EvidenceDigest;
import org.tingvakt.contracts.RecordArchived;
import org.tingvakt.contracts.RegistrationReason;
import org.tingvakt.eventing.Outbox;
import org.tingvakt.moderation.account.Account;
import org.tingvakt.moderation.intake.CommentVersion;
import org.tingvakt.moderation.triage.cases.ModerationCase;
import org.tingvakt.moderation.triage.cases.RegistrationRequests;

/**
 * Registration without removal: asks the archive for a record of the case's exact version with purpose REGISTRATION
 * and, when the verified record comes back with its number, keeps the number and fires {@link RecordRegistered}. The case's
 * state and the comment on the platform are never touched: no hide, no delete.
 */
@ApplicationScoped
public class RegistrationSaga implements RegistrationRequests {
    private final Outbox outbox;
    private final Event<RecordRegistered> registered;
    private final EvidenceAuthenticity authenticity;

    public RegistrationSaga(Outbox outbox, Event<RecordRegistered> registered, EvidenceAuthenticity authenticity) {
        this.outbox = outbox;
        this.registered = registered;
        this.authenticity = authenticity;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean requestRegistration(ModerationCase mc, RegistrationReason reason, String actor) {
        if (ArchiveRequest.count(
                        "commentVersionId = ?1 and purpose = ?2", mc.commentVersionId, ArchivePurpose.REGISTRATION)
                > 0) {
            return false; // this version is registered or on its way (a unique index backs this up)
        }
        CommentVersion v = CommentVersion.findById(mc.commentVersionId);
        Account account = Account.findById(mc.accountId);
        ArchiveRequest request = new ArchiveRequest();
        request.id = UUID.randomUUID();
        request.caseId = mc.id;
        request.commentVersionId = v.id;
        request.contentSha256 = EvidenceDigest.of(v.commentId, v.version, v.senderId, v.text);
        request.state = ArchiveRequest.State.REQUESTED;
        request.requestedAt = Instant.now();
        request.deleteWhenArchived = false;
        request.purpose = ArchivePurpose.REGISTRATION;
        request.registrationReason = reason;
        request.persist();
        // Signed like every request: the archive records only what moderation signed.
        outbox.publish(authenticity.sign(ArchiveRequestEvents.of(request, mc, v, account, reason.name(), actor)));
        return true;
    }

    /** The verified record of a REGISTRATION request arrived (checked by the caller): keep its number, announce it. */
    @Transactional(Transactional.TxType.MANDATORY)
    void onRecorded(ArchiveRequest request, RecordArchived record) {
        if (request.state == ArchiveRequest.State.ARCHIVED) {
            return; // the same answer again
        }
        request.state = ArchiveRequest.State.ARCHIVED;
        request.recordId = record.recordId();
        request.archivedAt = record.archivedAt();
        request.registrationNumber = record.registrationNumber();
        ModerationCase mc = ModerationCase.findById(request.caseId);
        registered.fire(
                new RecordRegistered(mc.id, mc.accountId, request.registrationReason, record.registrationNumber()));
    }
}
