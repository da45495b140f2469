package org.tingvakt.moderation.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tingvakt.contracts.ThreadKey;
import org.tingvakt.eventing.Tracing;
import org.tingvakt.moderation.intake.webhook.PlatformItem;

/**
 * Group commit of webhook requests (hot path: every comment). Each request still gets its answer only after its comments
 * and their {@code CommentReceived} events are committed (an accepted webhook is durable: PostgreSQL's
 * {@code synchronous_commit} stays on), but the requests that arrive while a commit is running are written together by
 * the next one: one transaction, one multi-row insert, one outbox insert and one WAL flush for all of them instead of one
 * each. Nothing waits on purpose: a lone request is written at once; batches form only under load, where they pay.
 *
 * <p>Hand-written (a queue and a few writer threads): the persistence libraries at hand batch statements inside one
 * transaction, not requests from many threads into one. Only requests whose items are all new comments go this way
 * ({@link CommentIngestion#groupable}); edits, removals, direct messages, mentions and page replies keep their own
 * transaction. If a group's transaction fails, nothing of it was stored and each of its requests is ingested alone in
 * its own transaction, so one bad request cannot fail the others.
 */
@ApplicationScoped
public class WebhookGroupCommit {
    private static final Logger LOG = Logger.getLogger(WebhookGroupCommit.class);

    private final CommentIngestion ingestion;
    private final MeterRegistry metrics;
    private final boolean enabled;
    private final int writers;
    private final int maxGroup;
    private final Duration timeout;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public WebhookGroupCommit(
            CommentIngestion ingestion,
            MeterRegistry metrics,
            @ConfigProperty(name = "tingvakt.webhook.group-commit.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "tingvakt.webhook.group-commit.writers", defaultValue = "2") int writers,
            @ConfigProperty(name = "tingvakt.webhook.group-commit.max-requests", defaultValue = "200") int maxGroup,
            @ConfigProperty(name = "tingvakt.webhook.group-commit.timeout", defaultValue = "30s") Duration timeout) {
        this.ingestion = ingestion;
        this.metrics = metrics;
        this.enabled = enabled;
        this.writers = Math.max(1, writers);
        this.maxGroup = Math.max(1, maxGroup);
        this.timeout = timeout;
    }

    /** A request, with the trace of the webhook delivery it came in (its events join that trace). */
    private record Request(List<PlatformItem> items, CompletableFuture<CommentIngestion.Outcome> done, Context trace) {}

    void start(@Observes StartupEvent startup) {
        if (!enabled) {
            return;
        }
        running = true;
        for (int i = 0; i < writers; i++) {
            Thread t = new Thread(this::loop, "webhook-group-commit-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            t.join(5_000);
        }
        // Requests still queued are ingested by their own threads (see ingest).
        for (Request r; (r = queue.poll()) != null; ) {
            r.done.completeExceptionally(new IllegalStateException("shutting down"));
        }
    }

    /**
     * Stores the webhook's items as {@link CommentIngestion#ingest} does, without blocking (for the event loop): the
     * stage completes after the webhook's items are committed (never before), by the group's writer thread; requests
     * that cannot be grouped, and a request whose group failed, are stored alone in their own transaction on
     * {@code blocking} (a worker pool). A group not written
     * within the timeout fails the stage (an error answer: Meta delivers again, and a redelivery of what was stored
     * meanwhile is a duplicate).
     */
    public CompletionStage<CommentIngestion.Outcome> ingestAsync(List<PlatformItem> items, Executor blocking) {
        Context trace = Context.current();
        if (!running || !CommentIngestion.groupable(items)) {
            return CompletableFuture.supplyAsync(trace.wrapSupplier(() -> ingestion.ingest(items)), blocking);
        }
        Request request = new Request(items, new CompletableFuture<>(), trace);
        queue.add(request);
        if (!running && queue.remove(request)) {
            return CompletableFuture.supplyAsync(trace.wrapSupplier(() -> ingestion.ingest(items)), blocking);
        }
        CompletableFuture<CommentIngestion.Outcome> answer = new CompletableFuture<>();
        request.done.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((outcome, failure) -> {
            if (failure == null) {
                answer.complete(outcome);
            } else if (unwrap(failure) instanceof TimeoutException t) {
                answer.completeExceptionally(
                        new IllegalStateException("the webhook's comments were not stored in time", t));
            } else {
                // Nothing of the group was stored: this request alone, in its own transaction.
                CompletableFuture.supplyAsync(trace.wrapSupplier(() -> ingestion.ingest(items)), blocking)
                        .whenComplete((o, f) -> {
                            if (f == null) {
                                answer.complete(o);
                            } else {
                                answer.completeExceptionally(unwrap(f));
                            }
                        });
            }
        });
        return answer;
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    private void loop() {
        List<Request> group = new ArrayList<>(maxGroup);
        while (running) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(group, maxGroup - 1);
            write(group);
            group.clear();
        }
    }

    private void write(List<Request> group) {
        List<List<PlatformItem>> items = new ArrayList<>(group.size());
        Map<String, Context> traces = new HashMap<>();
        for (Request r : group) {
            items.add(r.items);
            r.items.forEach(item -> traces.put(ThreadKey.of(item.platform(), item.postId()), r.trace));
        }
        List<CommentIngestion.Outcome> outcomes;
        try {
            AtomicReference<List<CommentIngestion.Outcome>> written = new AtomicReference<>();
            Tracing.withParents(traces, () -> written.set(ingestion.ingestNewComments(items)));
            outcomes = written.get();
        } catch (RuntimeException e) {
            LOG.debugf(e, "A group of %d webhook requests failed; each is stored alone", group.size());
            metrics.counter("tingvakt.webhook.group_commit.failures").increment();
            group.forEach(r -> r.done.completeExceptionally(e));
            return;
        }
        metrics.summary("tingvakt.webhook.group_commit.requests").record(group.size());
        for (int i = 0; i < group.size(); i++) {
            group.get(i).done.complete(outcomes.get(i));
        }
    }
}
