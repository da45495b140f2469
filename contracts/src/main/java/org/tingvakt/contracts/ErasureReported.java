package org.tingvakt.contracts;

import java.time.Instant;
import java.util.List;

/**
 * One service's answer to an {@link ErasureRequested}: what it removed and what it kept and why. Counts only, never
 * content or identifiers of the person. A service answers again when the same request arrives again; its answer then
 * replaces the earlier one.
 *
 * @param service the answering service, e.g. {@code moderation-service}
 * @param removed how many items (comment versions, direct messages, platform actions, deadlines…) lost the person's
 *     data in this service, by this request, in total
 * @param kept what the service keeps despite the request, and why
 * @param note a short explanation for the requester (e.g. "holds ids only, no sender data"), may be null
 */
public record ErasureReported(
        String requestId,
        String threadKey,
        String service,
        int removed,
        List<Kept> kept,
        String note,
        Instant reportedAt)
        implements Event {

    /**
     * Items kept, grouped by reason: {@code REGISTERED}, {@code LEGAL_HOLD}, {@code PENDING_ASSESSMENT} or
     * {@code ARCHIVING} (evidence on its way to the archive).
     */
    public record Kept(String what, String reason, int count) {}
}
