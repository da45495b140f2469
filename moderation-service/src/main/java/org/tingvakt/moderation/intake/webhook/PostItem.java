package org.tingvakt.moderation.intake.webhook;

import java.time.Instant;
import org.tingvakt.contracts.Platform;

/**
 * One of the account's own posts as a webhook or the reconciliation reported it: a Facebook feed item ({@code status},
 * {@code post}, {@code photo}, {@code video}) whose sender is the page itself, or an Instagram media of the account. It
 * is the root of the thread its comments are written under; a citizen's post on a page's feed is not one.
 *
 * @param text the post's message or caption (empty when it has none, e.g. a photo without text)
 */
public record PostItem(
        Platform platform, String accountExternalId, String postId, String text, String permalink, Instant createdAt) {}
