package org.tingvakt.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The classifier labelled a comment version and the account's policy chose an action. Carries no text and no sender: the
 * consumers (notifier) need only the labels, intents and times.
 *
 * @param caseId the moderation case of the comment
 * @param labels the labels that passed their thresholds (names of the classifier's labels)
 * @param intents QUESTION, COMPLAINT, POLITICAL
 * @param scores score in 0..1 per label or intent considered
 * @param action the policy's decision: ALLOW, REVIEW, HIDE, HIDE_AND_ARCHIVE, DELETE_AFTER_ARCHIVE
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
        List<String> labels,
        List<String> intents,
        Map<String, Double> scores,
        List<DetectedSpan> spans,
        String action,
        ReplyPolicy replyPolicy,
        Instant receivedAt,
        Instant classifiedAt)
        implements Event {}
