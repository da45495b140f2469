package org.tingvakt.contracts;

import java.time.Instant;
import java.util.List;

/**
 * The archive asks every service to erase one person's personal data (GDPR Art. 17). The archive's erasure-request API
 * is the single entry point; each service answers with an {@link ErasureReported} for the same {@code requestId}.
 *
 * <p>A national ID number never travels: the archive resolves it through its keyed HMAC index to the comments that hold
 * it and sends their comment ids instead ({@code commentIds}). A request by platform id carries that id in {@code
 * senderIds} (the person's own identifier, which every service must match anyway).
 *
 * @param requestId the erasure request; repeated requests for the same person carry the same id
 * @param threadKey the Kafka key, {@code erasure:<requestId>}
 * @param senderIds platform user ids of the person: everything they sent is erased
 * @param commentIds platform comment ids whose comment holds the person's national ID number: those comments are erased
 */
public record ErasureRequested(
        String requestId, String threadKey, List<String> senderIds, List<String> commentIds, Instant requestedAt)
        implements Event {

    /** The Kafka key of every event of one erasure request. */
    public static String keyOf(String requestId) {
        return "erasure:" + requestId;
    }
}
