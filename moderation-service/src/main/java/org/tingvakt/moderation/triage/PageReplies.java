package org.tingvakt.moderation.triage;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import org.tingvakt.contracts.ModerationAction;
import org.tingvakt.contracts.ModerationActionTaken;
import org.tingvakt.eventing.Outbox;
import org.tingvakt.moderation.intake.PageReplyReceived;
import org.tingvakt.moderation.triage.cases.CaseState;
import org.tingvakt.moderation.triage.cases.ModerationActionEvents;
import org.tingvakt.moderation.triage.cases.ModerationCase;

/**
 * The "page replied" rule, in one place: when the page answered a comment on the platform itself (not through
 * Tingvakt), the comment's case becomes REPLIED where its state allows (a case the policy hid stays HIDDEN) and
 * {@code ModerationActionTaken REPLIED} (actor {@code platform}) is published, which closes the comment's reply deadline
 * (ARCHITECTURE.md, "a reply … seen from the platform closes it").
 *
 * <p>Three paths apply it: the reply's webhook when the case exists ({@link #onPageReply}), the classification batch that
 * opens a case whose page reply came first ({@link ClassificationPipeline}), and the reconciler for the rare race
 * between the two ({@link PageReplyReconciler}).
 */
@ApplicationScoped
public class PageReplies {
    static final String ACTOR = "platform";

    private final Outbox outbox;
    private final MeterRegistry metrics;

    public PageReplies(Outbox outbox, MeterRegistry metrics) {
        this.outbox = outbox;
        this.metrics = metrics;
    }

    /** The reply's webhook, in its transaction: the answered comment's case, if it has one already. */
    @Transactional(Transactional.TxType.MANDATORY)
    void onPageReply(@Observes PageReplyReceived reply) {
        Optional<ModerationCase> parent = ModerationCase.forComment(reply.platform(), reply.parentId());
        if (parent.isEmpty()) {
            return;
        }
        outbox.publish(markReplied(parent.get(), reply.accountExternalId(), reply.createdAt()));
        metrics.counter("tingvakt.webhook.page.replies").increment();
    }

    /**
     * Applies the rule to a case the page answered at {@code repliedAt}; returns the event to publish with the change.
     */
    static ModerationActionTaken markReplied(ModerationCase mc, String accountExternalId, Instant repliedAt) {
        if (mc.state != CaseState.REPLIED && mc.state.canMoveTo(CaseState.REPLIED)) {
            mc.moveTo(CaseState.REPLIED);
        }
        return ModerationActionEvents.of(mc, accountExternalId, ModerationAction.REPLIED, ACTOR, null, repliedAt);
    }
}
