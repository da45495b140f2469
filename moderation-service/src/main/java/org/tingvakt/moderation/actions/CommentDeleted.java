package org.tingvakt.moderation.actions;

import java.util.Set;
import org.tingvakt.contracts.Platform;
import org.tingvakt.moderation.kernel.RemovalReason;

/**
 * The platform confirmed that a case's comment is deleted. Fired synchronously inside the transaction that records the
 * delete's outcome, so what observers count for the thread (its notice) commits with it.
 *
 * @param threadKey the thread the comment was removed from
 * @param reasons why, as a thread notice names it
 */
public record CommentDeleted(
        String threadKey, Platform platform, String accountExternalId, String postId, Set<RemovalReason> reasons) {}
