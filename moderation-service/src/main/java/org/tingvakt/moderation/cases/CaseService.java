package org.tingvakt.moderation.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import org.tingvakt.contracts.ModerationActionTaken;
import org.tingvakt.eventing.Outbox;
import org.tingvakt.moderation.account.Account;
import org.tingvakt.moderation.deletion.DeletionSaga;
import org.tingvakt.problem.ProblemException;

/** Moderators' decisions on cases; each one a transaction with the event it publishes. */
@ApplicationScoped
public class CaseService {
    public enum Decision { APPROVE, DELETE }

    private final Outbox outbox;
    private final DeletionSaga deletion;

    public CaseService(Outbox outbox, DeletionSaga deletion) {
        this.outbox = outbox;
        this.deletion = deletion;
    }

    public List<ModerationCase> queue(CaseState state, int page, int size) {
        Sort sort = Sort.descending("receivedAt");
        return (state == null ? ModerationCase.<ModerationCase>findAll(sort)
                : ModerationCase.<ModerationCase>find("state", sort, state))
                .page(Page.of(page, size)).list();
    }

    public ModerationCase get(UUID id) {
        return ModerationCase.<ModerationCase>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("no case " + id));
    }

    @Transactional
    public ModerationCase decide(UUID id, Decision decision, String reason, String moderator, Long expectedLockVersion) {
        ModerationCase mc = get(id);
        if (expectedLockVersion != null && expectedLockVersion != mc.lockVersion) {
            throw ProblemException.conflict("the case changed since you read it (version " + mc.lockVersion + ")");
        }
        mc.decisionReason = reason;
        mc.decidedBy = moderator;
        switch (decision) {
            case APPROVE -> {
                mc.moveTo(CaseState.APPROVED);
                Account account = Account.findById(mc.accountId);
                outbox.publish(new ModerationActionTaken(mc.id.toString(), mc.commentId, mc.version, mc.platform,
                        account.externalId, mc.threadKey, "APPROVED", moderator, reason, Instant.now()));
            }
            case DELETE -> deletion.requestEvidence(mc, reason, moderator);
        }
        mc.updatedAt = Instant.now();
        return mc;
    }
}
