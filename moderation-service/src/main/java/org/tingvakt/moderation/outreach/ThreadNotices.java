package org.tingvakt.moderation.outreach;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tingvakt.contracts.Platform;
import org.tingvakt.moderation.account.Account;
import org.tingvakt.moderation.actions.CommentDeleted;
import org.tingvakt.moderation.actions.PlatformAction;
import org.tingvakt.moderation.kernel.NativeValues;
import org.tingvakt.moderation.kernel.NoticeLanguage;
import org.tingvakt.moderation.kernel.RemovalReason;

/**
 * Thread notices, persisted: each removal on the platform is counted in {@code thread_notice_state} (row locked, so
 * removals in one thread do not interleave); a scheduled job turns what is due into one {@code THREAD_NOTICE} platform
 * action per thread and marks it posted in the same transaction, so a notice goes out once (the action row retries it)
 * and never more often than the interval allows.
 */
@ApplicationScoped
public class ThreadNotices {
    private final EntityManager em;
    private final ThreadNoticeThrottle throttle;
    private final ThreadNoticeComposer composer;
    private final Duration interval;

    public ThreadNotices(
            EntityManager em,
            @ConfigProperty(name = "tingvakt.thread-notice.interval", defaultValue = "1h") Duration interval) {
        this.em = em;
        this.interval = interval;
        this.throttle = new ThreadNoticeThrottle(Clock.systemUTC(), interval);
        this.composer = new ThreadNoticeComposer(NoticeTexts.load());
    }

    /** A case's comment was deleted on the platform: counted for its thread's notice, in the delete's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    void onDeleted(@Observes CommentDeleted deleted) {
        recordRemoval(
                deleted.threadKey(),
                deleted.platform(),
                deleted.accountExternalId(),
                deleted.postId(),
                deleted.reasons());
    }

    /** A comment in the thread was removed on the platform; joins the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordRemoval(
            String threadKey, Platform platform, String accountExternalId, String postId, Set<RemovalReason> reasons) {
        em.createNativeQuery("INSERT INTO thread_notice_state (thread_key, platform, account_external_id, post_id) "
                        + "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (thread_key) DO NOTHING")
                .setParameter(1, threadKey)
                .setParameter(2, platform.name())
                .setParameter(3, accountExternalId)
                .setParameter(4, postId)
                .executeUpdate();
        ThreadNoticeState state = lockedState(threadKey);
        save(throttle.record(state, reasons, 1));
    }

    @Scheduled(
            identity = "thread-notices",
            every = "${tingvakt.thread-notice.poll:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        postDue();
    }

    /** Turns every due notice into a platform action; returns how many. */
    @Transactional
    @SuppressWarnings("unchecked")
    public int postDue() {
        Instant cutoff = Instant.now().minus(interval);
        List<Object[]> rows = em.createNativeQuery("SELECT thread_key, platform, account_external_id, post_id "
                        + "FROM thread_notice_state WHERE pending_count > 0 "
                        + "AND (last_notice_at IS NULL OR last_notice_at <= ?1) LIMIT 100 FOR UPDATE SKIP LOCKED")
                .setParameter(1, Timestamp.from(cutoff))
                .getResultList();
        int posted = 0;
        for (Object[] row : rows) {
            String threadKey = (String) row[0];
            Platform platform = Platform.valueOf((String) row[1]);
            String accountId = (String) row[2];
            String postId = (String) row[3];
            ThreadNoticeState state = lockedState(threadKey);
            Optional<ThreadNotice> due = throttle.due(state);
            if (due.isEmpty()) {
                continue;
            }
            Optional<Account> account = Account.findByPlatformId(platform, accountId);
            NoticeLanguage language =
                    account.flatMap(a -> NoticeLanguage.fromCode(a.language)).orElse(NoticeLanguage.EN);
            Optional<URI> rules = account.map(a -> a.rulesUrl)
                    .filter(u -> u != null && !u.isBlank())
                    .flatMap(u -> {
                        try {
                            return Optional.of(URI.create(u));
                        } catch (IllegalArgumentException e) {
                            return Optional.empty();
                        }
                    });
            String text =
                    composer.compose(language, due.get().reasons(), due.get().removedCount(), rules);
            PlatformAction.pending(
                            null,
                            PlatformAction.Operation.THREAD_NOTICE,
                            platform,
                            accountId,
                            postId,
                            text,
                            "saga",
                            due.get().reasons().toString())
                    .persist();
            save(throttle.markPosted(state, due.get()));
            posted++;
        }
        return posted;
    }

    private ThreadNoticeState lockedState(String threadKey) {
        Object[] row = (Object[]) em.createNativeQuery("SELECT last_notice_at, pending_reasons, pending_count "
                        + "FROM thread_notice_state WHERE thread_key = ?1 FOR UPDATE")
                .setParameter(1, threadKey)
                .getSingleResult();
        Instant last = NativeValues.instant(row[0]);
        return ThreadNoticeState.restore(threadKey, last, (String) row[1], ((Number) row[2]).intValue());
    }

    private void save(ThreadNoticeState s) {
        em.createNativeQuery("UPDATE thread_notice_state SET last_notice_at = ?2, pending_reasons = ?3, "
                        + "pending_count = ?4 WHERE thread_key = ?1")
                .setParameter(1, s.threadKey())
                .setParameter(2, s.lastNoticeAt().map(Timestamp::from).orElse(null))
                .setParameter(3, s.pendingReasonNames())
                .setParameter(4, s.pendingCount())
                .executeUpdate();
    }
}
