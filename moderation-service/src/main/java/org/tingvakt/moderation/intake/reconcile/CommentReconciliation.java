package org.tingvakt.moderation.intake.reconcile;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.tingvakt.contracts.Platform;
import org.tingvakt.moderation.account.AccountService;
import org.tingvakt.moderation.intake.CommentIngestion;
import org.tingvakt.moderation.intake.PagePosts;

/**
 * Nothing missed: Meta does not guarantee webhook delivery, so every interval this reads each connected Facebook page's
 * and Instagram account's recent comments through the Graph API ({@link CommentWalker}) and stores them through the
 * same path as a webhook ({@link CommentIngestion#ingest}): a comment already stored is a duplicate, one that was not
 * becomes a case, exactly once (a webhook arriving later is then the duplicate). Counted per account in
 * {@code tingvakt_reconciliation_recovered_total}: comments that arrived only through reconciliation.
 */
@ApplicationScoped
public class CommentReconciliation {
    private static final Logger LOG = Logger.getLogger(CommentReconciliation.class);

    /** One account's part of a cycle. */
    public record AccountRun(
            Platform platform,
            String accountId,
            int calls,
            int commentsRead,
            int recovered,
            boolean complete,
            Optional<String> stoppedBecause) {}

    private final PlatformReads reads;
    private final CommentIngestion ingestion;
    private final PagePosts pagePosts;
    private final AccountService accounts;
    private final MeterRegistry metrics;
    private final ReconciliationConfig config;
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private final Map<String, Instant> restUntil = new ConcurrentHashMap<>();

    public CommentReconciliation(
            PlatformReads reads,
            CommentIngestion ingestion,
            PagePosts pagePosts,
            AccountService accounts,
            MeterRegistry metrics,
            ReconciliationConfig config) {
        this.reads = reads;
        this.ingestion = ingestion;
        this.pagePosts = pagePosts;
        this.accounts = accounts;
        this.metrics = metrics;
        this.config = config;
    }

    @Scheduled(
            every = "${tingvakt.reconciliation.interval}",
            delayed = "${tingvakt.reconciliation.initial-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        List<AccountRun> runs = cycle();
        int recovered = runs.stream().mapToInt(AccountRun::recovered).sum();
        if (recovered > 0) {
            LOG.infof("reconciliation stored %d comment(s) that no webhook had brought", recovered);
        }
    }

    /** One cycle over every Facebook and Instagram account; what each account's part came to. */
    public List<AccountRun> cycle() {
        List<String[]> keys = QuarkusTransaction.requiringNew()
                .call(() -> accounts.list().stream()
                        .filter(a -> a.platform == Platform.FACEBOOK || a.platform == Platform.INSTAGRAM)
                        .map(a -> new String[] {a.platform.name(), a.externalId})
                        .toList());
        List<AccountRun> runs = new ArrayList<>();
        for (String[] k : keys) {
            runs.add(reconcile(Platform.valueOf(k[0]), k[1]));
        }
        return runs;
    }

    /** Reconciles one account now (unless it rests after Meta throttled it). */
    public AccountRun reconcile(Platform platform, String accountId) {
        String key = platform + ":" + accountId;
        Instant rest = restUntil.get(key);
        if (rest != null && Instant.now().isBefore(rest)) {
            return new AccountRun(platform, accountId, 0, 0, 0, false, Optional.of("resting until " + rest));
        }
        CommentWalker walker = new CommentWalker(
                reads,
                new UsageGovernor(config.slowAt(), config.stopAt(), config.maxPause()),
                d -> Thread.sleep(d.toMillis()),
                Math.min(100, config.pageSize()),
                seen);
        int[] recovered = {0};
        CommentWalker.Walk walk = walker.walk(
                platform,
                accountId,
                Instant.now().minus(config.window()),
                items -> {
                    // New comments only (the common case) go through the webhooks' group commit, one statement.
                    CommentIngestion.Outcome o = CommentIngestion.groupable(items)
                            ? ingestion.ingestNewComments(List.of(items)).get(0)
                            : ingestion.ingest(items);
                    recovered[0] += o.stored();
                },
                pagePosts::store);
        walk.restUntil().ifPresentOrElse(t -> restUntil.put(key, t), () -> restUntil.remove(key));
        metrics.counter("tingvakt.reconciliation.recovered", "platform", platform.name(), "account", accountId)
                .increment(recovered[0]);
        metrics.counter("tingvakt.reconciliation.graph.calls", "platform", platform.name())
                .increment(walk.calls());
        if (!walk.complete()) {
            metrics.counter("tingvakt.reconciliation.incomplete", "platform", platform.name())
                    .increment();
            LOG.debugf(
                    "reconciliation of %s %s stopped: %s",
                    platform, accountId, walk.stoppedBecause().orElse(""));
        }
        return new AccountRun(
                platform,
                accountId,
                walk.calls(),
                walk.commentsRead(),
                recovered[0],
                walk.complete(),
                walk.stoppedBecause());
    }

    /** Forgets what posts looked like (the next cycle reads every post in the window again). */
    public void forgetSeen() {
        seen.clear();
        restUntil.clear();
    }
}
