package org.tingvakt.moderation.triage;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tingvakt.contracts.ModerationActionTaken;
import org.tingvakt.eventing.Outbox;
import org.tingvakt.moderation.account.Account;
import org.tingvakt.moderation.kernel.NativeValues;
import org.tingvakt.moderation.triage.cases.CaseState;
import org.tingvakt.moderation.triage.cases.ModerationCase;

/**
 * Closes the one gap the two in-transaction links leave: a page reply and its question's case committed at the same
 * instant by two transactions (the webhook's, which looks for the case, and the classification batch's, which looks
 * for earlier page replies) can each miss the other. Every {@code tingvakt.page-replies.reconcile-every} (60 s) this
 * looks at the page replies received within {@code tingvakt.page-replies.reconcile-window} (1 h) whose case is still
 * unanswered (CLASSIFIED, PENDING_REVIEW or APPROVED, or HIDDEN by the policy; no person's decision) and was opened
 * within two minutes of the reply — the only way both links miss, as each transaction is at most 60 s — and applies
 * the page-reply rule ({@link PageReplies}) as the webhook's link does: the case becomes REPLIED (a HIDDEN one stays
 * hidden) and {@code ModerationActionTaken REPLIED} (actor {@code platform}) is published, which closes the question's
 * reply deadline. Each case is linked
 * once ({@code page_reply_reconciled}); rows are locked with SKIP LOCKED, so instances do not link a case twice.
 *
 * <p>A periodic query rather than a lock shared by both paths: a lock would put every classification batch behind any
 * page-reply webhook (and the other way round) on the hot path, for a race that is rare.
 */
@ApplicationScoped
public class PageReplyReconciler {
    private static final Logger LOG = Logger.getLogger(PageReplyReconciler.class);
    /** Longer than the two transactions can overlap (their timeout is 60 s). */
    static final Duration RACE_BAND = Duration.ofMinutes(2);

    private final EntityManager em;
    private final Outbox outbox;
    private final MeterRegistry metrics;
    private final Duration window;

    public PageReplyReconciler(
            EntityManager em,
            Outbox outbox,
            MeterRegistry metrics,
            @ConfigProperty(name = "tingvakt.page-replies.reconcile-window", defaultValue = "PT1H") Duration window) {
        this.em = em;
        this.outbox = outbox;
        this.metrics = metrics;
        this.window = window;
    }

    @Scheduled(
            every = "${tingvakt.page-replies.reconcile-every:60s}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            int linked = reconcile();
            if (linked > 0) {
                LOG.infof("Linked %d case(s) to page replies that raced their classification", linked);
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Page-reply reconciliation failed (%s); it runs again",
                    e.getClass().getSimpleName());
        }
    }

    /** One run: links the cases found, at most 500; returns how many. */
    @Transactional
    public int reconcile() {
        Instant since = Instant.now().minus(window);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT c.id, r.comment_id, r.created_at FROM comment_version r "
                        + "JOIN moderation_case c ON c.platform = r.platform AND c.comment_id = r.parent_id "
                        + "WHERE r.kind = 'PAGE_REPLY' AND r.received_at >= ?1 "
                        + "AND c.state IN ('CLASSIFIED', 'PENDING_REVIEW', 'APPROVED', 'HIDDEN') AND c.decided_at IS NULL "
                        + "AND c.created_at BETWEEN r.received_at - CAST(?2 AS interval) AND r.received_at + CAST(?2 AS interval) "
                        + "AND NOT EXISTS (SELECT 1 FROM page_reply_reconciled p WHERE p.case_id = c.id) "
                        + "ORDER BY c.id, r.created_at LIMIT 500 FOR UPDATE OF c SKIP LOCKED")
                .setParameter(1, since)
                .setParameter(2, RACE_BAND.toSeconds() + " seconds")
                .getResultList();
        Map<UUID, Object[]> first = new LinkedHashMap<>();
        rows.forEach(r -> first.putIfAbsent((UUID) r[0], r)); // the earliest reply per case (ordered by created_at)
        int linked = 0;
        for (Object[] r : first.values()) {
            ModerationCase mc = em.find(ModerationCase.class, r[0]);
            if (mc == null || mc.state == CaseState.REPLIED) {
                continue;
            }
            if (!mc.state.canMoveTo(CaseState.REPLIED) && mc.state != CaseState.HIDDEN) {
                continue;
            }
            // A case the policy hid stays HIDDEN, as when the reply's webhook finds it: the REPLIED event still tells
            // the notifier that the page answered, so the question's reply deadline closes.
            Account account = Account.findById(mc.accountId);
            ModerationActionTaken replied = PageReplies.markReplied(mc, account.externalId, NativeValues.instant(r[2]));
            em.createNativeQuery("INSERT INTO page_reply_reconciled (case_id, reply_comment_id) VALUES (?1, ?2)")
                    .setParameter(1, mc.id)
                    .setParameter(2, (String) r[1])
                    .executeUpdate();
            outbox.publish(replied);
            linked++;
        }
        if (linked > 0) {
            metrics.counter("tingvakt.page.replies.reconciled").increment(linked);
        }
        return linked;
    }
}
