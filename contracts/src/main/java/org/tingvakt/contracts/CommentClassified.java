package org.tingvakt.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The classifier labelled a comment version and the account's policy chose an action. Carries no text and no sender: the
 * consumers (notifier) need only the labels, intents and times.
 *
 * @param caseId the moderation case of the comment
 * @param labels the labels that passed their thresholds ({@link Label} names)
 * @param intents {@link Intent} names
 * @param scores score in 0..1 per label or intent considered
 * @param action the policy's decision, a {@link PolicyAction} name
 * @param replyPolicy the account's reply promise, for the notifier's deadline
 */
public record CommentClassified(
        String caseId,
        String commentId,
        int version,
        Platform platform,
        String accountId,
        String postId,
        String threadKey,
        String language,
        @KnownValues(Label.class) List<String> labels,
        @KnownValues(Intent.class) List<String> intents,
        Map<String, Double> scores,
        List<DetectedSpan> spans,
        @KnownValues(PolicyAction.class) String action,
        ReplyPolicy replyPolicy,
        Instant receivedAt,
        Instant classifiedAt)
        implements Event {}
