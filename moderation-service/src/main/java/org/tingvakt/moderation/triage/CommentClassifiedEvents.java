package org.tingvakt.moderation.triage;

import java.time.Instant;
import java.util.List;
import org.tingvakt.contracts.CommentClassified;
import org.tingvakt.contracts.CommentReceived;
import org.tingvakt.contracts.DetectedSpan;
import org.tingvakt.contracts.PolicyAction;
import org.tingvakt.moderation.account.Account;
import org.tingvakt.moderation.triage.cases.ModerationCase;

/** Builds the {@code CommentClassified} of a classified comment version, for a new case and a re-classified one alike. */
final class CommentClassifiedEvents {
    private CommentClassifiedEvents() {}

    /** The case's labels, intents and scores for {@code received}, with the policy's action and the account's promise. */
    static CommentClassified of(
            ModerationCase mc,
            CommentReceived received,
            Account account,
            List<DetectedSpan> spans,
            PolicyAction action,
            Instant classifiedAt) {
        return new CommentClassified(
                mc.id.toString(),
                received.commentId(),
                received.version(),
                received.platform(),
                received.accountId(),
                received.postId(),
                received.threadKey(),
                mc.language,
                mc.labels,
                mc.intents,
                mc.scores,
                spans,
                action.name(),
                account.replyPolicy(),
                received.receivedAt(),
                classifiedAt);
    }
}
