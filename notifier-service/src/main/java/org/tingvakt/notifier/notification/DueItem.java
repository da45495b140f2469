package org.tingvakt.notifier.notification;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * One claimed notification with what its texts need about the deadline. Carries no comment text and no sender.
 *
 * @param delivered the channels that already took it (a retry skips them)
 */
public record DueItem(
        UUID notificationId,
        UUID deadlineId,
        String caseId,
        String accountId,
        String country,
        NotificationKind kind,
        Instant dueAt,
        Instant deadlineDueAt,
        String timeZone,
        String intent,
        int attempts,
        Set<String> delivered) {}
