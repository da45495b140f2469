package org.tingvakt.moderation.actions;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tingvakt.eventing.Tracing;
import org.tingvakt.moderation.actions.connector.CommentRef;
import org.tingvakt.moderation.actions.connector.MentionFetch;
import org.tingvakt.moderation.actions.connector.MentionRef;
import org.tingvakt.moderation.actions.connector.MessageRecipient;
import org.tingvakt.moderation.actions.connector.PlatformConnector;
import org.tingvakt.moderation.actions.connector.PlatformResult;
import org.tingvakt.moderation.actions.connector.PostRef;

/**
 * The saga's resumer: runs due platform actions (new ones, retries after failures, and ones whose run died with the
 * process) on a worker thread, outside any transaction, and records each outcome. Because every step is a row first,
 * a restart simply continues here.
 */
@ApplicationScoped
public class PlatformActionRunner {
    private static final Logger LOG = Logger.getLogger(PlatformActionRunner.class);
    private static final int BATCH = 20;

    private final PlatformActionSteps steps;
    private final PlatformConnector connector;
    private volatile boolean paused;
    /** Set at shutdown: no new run starts, a run in progress stops after its current action. */
    private volatile boolean stopping;
    /** Held by a scheduled run, so shutdown can wait for it before the persistence unit closes. */
    private final ReentrantLock running = new ReentrantLock();

    private final Duration shutdownWait;

    private final Tracing tracing;

    @Inject
    public PlatformActionRunner(
            PlatformActionSteps steps,
            PlatformConnector connector,
            @ConfigProperty(name = "tingvakt.platform-actions.shutdown-wait", defaultValue = "10s")
                    Duration shutdownWait,
            Tracing tracing) {
        this.tracing = tracing;
        this.steps = steps;
        this.connector = connector;
        this.shutdownWait = shutdownWait;
    }

    @Scheduled(
            identity = "platform-actions",
            every = "${tingvakt.platform-actions.poll:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        if (paused || stopping || !running.tryLock()) {
            return;
        }
        try {
            if (!stopping) {
                runDue();
            }
        } finally {
            running.unlock();
        }
    }

    /**
     * Shutdown (observed before the persistence unit closes): no new run starts, and the run in progress — which
     * finishes its current action (the call and the recording of its outcome) and leaves the rest of its batch to be
     * taken up again when their lease ends — is waited for up to {@code tingvakt.platform-actions.shutdown-wait}.
     * Before this, a run still going when Hibernate closed logged "EntityManagerFactory is closed".
     */
    void onShutdown(@Observes ShutdownEvent event) {
        stop();
    }

    /** See {@link #onShutdown}; returns whether no run is left in progress. */
    boolean stop() {
        stopping = true;
        try {
            if (running.tryLock(shutdownWait.toMillis(), TimeUnit.MILLISECONDS)) {
                running.unlock();
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.warnf(
                "A platform-action run was still going after %s at shutdown; its actions resume after their lease",
                shutdownWait);
        return false;
    }

    /** Runs everything due now; returns how many actions were run. */
    public int runDue() {
        int total = 0;
        List<PlatformAction> batch;
        do {
            batch = steps.claimDue(BATCH);
            for (PlatformAction a : batch) {
                if (stopping) {
                    return total; // shutting down: the claimed rest is taken up again after its lease
                }
                run(a);
                total++;
            }
        } while (batch.size() == BATCH && !paused && !stopping);
        return total;
    }

    /** Runs one pending action now, whatever its due time. */
    public Optional<PlatformAction> runNow(UUID id) {
        Optional<PlatformAction> claimed = steps.claim(id);
        claimed.ifPresent(this::run);
        return claimed;
    }

    /** Stops taking up actions (as when the service is down); for operators' maintenance and for the crash tests. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    /** Without tracing (tests of the runner's own behaviour). */
    PlatformActionRunner(PlatformActionSteps steps, PlatformConnector connector, Duration shutdownWait) {
        this(steps, connector, shutdownWait, null);
    }

    /** Runs the action in the trace of what asked for it (the comment's, for a moderator's decision). */
    private void run(PlatformAction a) {
        if (tracing == null) {
            runTraced(a);
            return;
        }
        Span span = tracing.startUnder(a.traceparent, "platform " + a.operation, SpanKind.CLIENT);
        try (Scope ignored = Tracing.activate(span)) {
            runTraced(a);
        } finally {
            span.end();
        }
    }

    private void runTraced(PlatformAction a) {
        if (a.operation == PlatformAction.Operation.FETCH_MENTION) {
            MentionFetch fetched;
            try {
                fetched = connector.fetchMention(new MentionRef(
                        a.platform,
                        a.accountExternalId,
                        a.targetId,
                        PlatformAction.Operation.MENTIONED_MEDIA.equals(a.reason)));
            } catch (RuntimeException e) {
                LOG.errorf(
                        "Platform action %s %s threw %s",
                        a.operation, a.id, e.getClass().getName());
                return;
            }
            steps.complete(a.id, fetched.result(), fetched.content());
            return;
        }
        PlatformResult result;
        try {
            result = call(a);
        } catch (RuntimeException e) {
            // The connector returns results for platform trouble; this is a bug or bad data. Leave it leased: it will
            // be
            // tried again after the lease, and the log says why.
            LOG.errorf(
                    "Platform action %s %s threw %s",
                    a.operation, a.id, e.getClass().getName());
            return;
        }
        steps.complete(a.id, result);
    }

    private PlatformResult call(PlatformAction a) {
        CommentRef comment = new CommentRef(a.platform, a.accountExternalId, a.targetId);
        return switch (a.operation) {
            case HIDE -> connector.hide(comment);
            case UNHIDE -> connector.unhide(comment);
            case DELETE -> connector.delete(comment);
            case REPLY -> connector.reply(comment, a.text);
            case THREAD_NOTICE -> connector.reply(new PostRef(a.platform, a.accountExternalId, a.targetId), a.text);
            case DM_REPLY ->
                MessagingWindow.open(a.createdAt, Instant.now())
                        ? connector.sendDirectMessage(
                                new MessageRecipient(a.platform, a.accountExternalId, a.accountExternalId, a.targetId),
                                a.text)
                        : MessagingWindow.closed();
            case FETCH_MENTION -> throw new IllegalStateException("run() fetches mentions itself");
        };
    }
}
