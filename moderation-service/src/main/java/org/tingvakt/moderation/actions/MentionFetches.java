package org.tingvakt.moderation.actions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.tingvakt.moderation.intake.MentionReceived;

/**
 * Reading a mention's text: a {@code FETCH_MENTION} platform action queued in the webhook's transaction, run and retried
 * with backoff by the {@link PlatformActionRunner}; its success hands the text back to intake
 * ({@link PlatformActionSteps}).
 */
@ApplicationScoped
public class MentionFetches {

    @Transactional(Transactional.TxType.MANDATORY)
    void onMention(@Observes MentionReceived mention) {
        PlatformAction.pending(
                        null,
                        PlatformAction.Operation.FETCH_MENTION,
                        mention.platform(),
                        mention.accountExternalId(),
                        mention.mentionId(),
                        null,
                        "webhook",
                        mention.inCaption()
                                ? PlatformAction.Operation.MENTIONED_MEDIA
                                : PlatformAction.Operation.MENTIONED_COMMENT)
                .persist();
    }
}
