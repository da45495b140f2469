package org.tingvakt.moderation.actions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.tingvakt.moderation.triage.PolicyHiding;
import org.tingvakt.moderation.triage.cases.ModerationCase;

/** The policy's hides and unhides as {@link PlatformAction} rows, run by the {@link PlatformActionRunner} after commit. */
@ApplicationScoped
public class PolicyPlatformActions implements PolicyHiding {

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void hide(ModerationCase mc, String accountExternalId, String reason) {
        PlatformAction.pending(
                        mc.id,
                        PlatformAction.Operation.HIDE,
                        mc.platform,
                        accountExternalId,
                        mc.commentId,
                        null,
                        ACTOR,
                        reason)
                .persist();
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void unhide(ModerationCase mc, String accountExternalId, String reason) {
        PlatformAction.pending(
                        mc.id,
                        PlatformAction.Operation.UNHIDE,
                        mc.platform,
                        accountExternalId,
                        mc.commentId,
                        null,
                        ACTOR,
                        reason)
                .persist();
    }

    @Override
    public boolean hiddenByPolicy(UUID caseId) {
        return PlatformAction.<PlatformAction>find(
                        "caseId = ?1 and operation in ?2 order by createdAt desc",
                        caseId,
                        List.of(PlatformAction.Operation.HIDE, PlatformAction.Operation.UNHIDE))
                .firstResultOptional()
                .map(a -> a.operation == PlatformAction.Operation.HIDE && ACTOR.equals(a.actor))
                .orElse(false);
    }
}
