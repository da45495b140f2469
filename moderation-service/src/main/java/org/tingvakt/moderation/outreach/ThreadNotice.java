package org.tingvakt.moderation.outreach;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.tingvakt.moderation.kernel.RemovalReason;

/** A notice that is due in a thread: the removals it covers. Compose its text with {@link ThreadNoticeComposer}. */
public record ThreadNotice(String threadKey, Set<RemovalReason> reasons, int removedCount) {

    public ThreadNotice {
        Objects.requireNonNull(threadKey, "threadKey");
        Objects.requireNonNull(reasons, "reasons");
        if (removedCount < 1) {
            throw new IllegalArgumentException("a notice covers at least one removed comment");
        }
        reasons = reasons.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(RemovalReason.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(reasons));
    }
}
