package org.tingvakt.moderation.outreach;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.tingvakt.moderation.kernel.RemovalReason;

/**
 * What the {@link ThreadNoticeThrottle} remembers about one thread: one row of a table keyed by {@code threadKey}.
 *
 * <pre>
 * thread_key       text primary key     -- ThreadKey.of(platform, postId)
 * last_notice_at   timestamptz null     -- when the last notice was posted
 * pending_reasons  text not null        -- pendingReasonNames(), e.g. "THREAT,PERSONAL_DATA"
 * pending_count    int not null         -- removals not yet covered by a notice
 * </pre>
 *
 * @param lastNoticeAt when the last notice was posted in the thread, if ever
 * @param pendingReasons the reasons of the removals not yet covered by a notice
 * @param pendingCount how many removed comments are not yet covered by a notice
 */
public record ThreadNoticeState(
        String threadKey, Optional<Instant> lastNoticeAt, Set<RemovalReason> pendingReasons, int pendingCount) {

    public ThreadNoticeState {
        Objects.requireNonNull(threadKey, "threadKey");
        Objects.requireNonNull(lastNoticeAt, "lastNoticeAt");
        Objects.requireNonNull(pendingReasons, "pendingReasons");
        if (pendingCount < 0) {
            throw new IllegalArgumentException("pendingCount cannot be negative");
        }
        pendingReasons = pendingReasons.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(RemovalReason.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(pendingReasons));
    }

    /** A thread with no notice posted and nothing pending. */
    public static ThreadNoticeState initial(String threadKey) {
        return new ThreadNoticeState(threadKey, Optional.empty(), Set.of(), 0);
    }

    /** Rebuilds the state from a table row; {@code lastNoticeAt} may be null, unknown reason names read as OTHER. */
    public static ThreadNoticeState restore(
            String threadKey, Instant lastNoticeAt, String pendingReasonNames, int pendingCount) {
        Set<RemovalReason> reasons = pendingReasonNames == null || pendingReasonNames.isBlank()
                ? Set.of()
                : Arrays.stream(pendingReasonNames.split(","))
                        .map(RemovalReason::fromLabel)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(RemovalReason.class)));
        return new ThreadNoticeState(threadKey, Optional.ofNullable(lastNoticeAt), reasons, pendingCount);
    }

    /** The pending reasons as a comma-separated list of names, for a text column. */
    public String pendingReasonNames() {
        return pendingReasons.stream().map(Enum::name).collect(Collectors.joining(","));
    }

    public boolean hasPending() {
        return pendingCount > 0;
    }
}
