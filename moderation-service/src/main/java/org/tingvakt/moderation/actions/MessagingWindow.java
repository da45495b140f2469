package org.tingvakt.moderation.actions;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.tingvakt.moderation.actions.connector.FailureCategory;
import org.tingvakt.moderation.actions.connector.PlatformResult;

/**
 * Messenger's (and Instagram's) standard messaging window: a page may answer a person with {@code messaging_type:
 * RESPONSE} only within 24 hours of that person's last message. A standard DM reply is queued when the message is
 * stored, so its action's creation time is no earlier than the message; one still not sent when the window closes (an
 * outage, a rate limit, a token renewed too late, a person re-queuing it) is not sent at all rather than sent
 * against Meta's policy. The margin keeps a reply that would reach Meta in the last minutes from racing the close.
 */
public final class MessagingWindow {
    /** Meta's standard messaging window. */
    public static final Duration WINDOW = Duration.ofHours(24);
    /** Closes this much before Meta's window does. */
    public static final Duration MARGIN = Duration.ofMinutes(5);

    private MessagingWindow() {}

    /** Whether a reply to a message received at {@code messageAt} may still be sent at {@code now}. */
    public static boolean open(Instant messageAt, Instant now) {
        return messageAt != null && now.isBefore(messageAt.plus(WINDOW).minus(MARGIN));
    }

    /** The result of a reply not sent because the window had closed: permanent, nothing was sent. */
    public static PlatformResult closed() {
        return new PlatformResult.Failure(
                FailureCategory.PERMISSION,
                OptionalInt.empty(),
                OptionalInt.empty(),
                "not sent: Messenger's 24-hour standard messaging window had closed",
                0,
                Optional.empty(),
                Optional.empty());
    }
}
