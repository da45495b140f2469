package org.tingvakt.moderation.actions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.tingvakt.moderation.account.Account;
import org.tingvakt.moderation.triage.cases.ModerationCase;
import org.tingvakt.moderation.triage.cases.PlatformActions;
import org.tingvakt.problem.ProblemException;

/**
 * The case API's platform calls as durable steps: each writes a {@link PlatformAction} row in the decision's transaction;
 * the runner ({@link PlatformActionRunner}) makes the call right after commit, retries it, and records the outcome on
 * the row ({@code GET /api/platform-actions?caseId=}). A crash between decision and call loses nothing.
 */
@ApplicationScoped
public class QueuedPlatformActions implements PlatformActions {

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void hide(ModerationCase c) {
        queue(c, PlatformAction.Operation.HIDE, null);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void unhide(ModerationCase c) {
        queue(c, PlatformAction.Operation.UNHIDE, null);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void reply(ModerationCase c, String text) {
        if (text == null || text.isBlank() || text.length() > 8000) {
            throw ProblemException.badRequest("a reply needs 1 to 8000 characters");
        }
        queue(c, PlatformAction.Operation.REPLY, text);
    }

    private static void queue(ModerationCase c, PlatformAction.Operation op, String text) {
        Account account = Account.findById(c.accountId);
        if (account == null) {
            throw ProblemException.conflict("the case's account no longer exists");
        }
        PlatformAction.pending(
                        c.id,
                        op,
                        c.platform,
                        account.externalId,
                        c.commentId,
                        text,
                        c.decidedBy == null ? "moderator" : c.decidedBy,
                        c.decisionReason)
                .persist();
    }
}
