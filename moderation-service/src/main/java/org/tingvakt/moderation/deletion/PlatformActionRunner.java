package org.tingvakt.moderation.deletion;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import org.jboss.logging.Logger;
import org.tingvakt.moderation.platform.CommentRef;
import org.tingvakt.moderation.platform.MentionFetch;
import org.tingvakt.moderation.platform.MentionRef;
import org.tingvakt.moderation.platform.MessageRecipient;
import org.tingvakt.moderation.platform.PlatformAction;
import org.tingvakt.moderation.platform.PlatformConnector;
import org.tingvakt.moderation.platform.PlatformResult;
import org.tingvakt.moderation.platform.PostRef;

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

    public PlatformActionRunner(PlatformActionSteps steps, PlatformConnector connector) {
        this.steps = steps;
        this.connector = connector;
    }

    @Scheduled(identity = "platform-actions", every = "${tingvakt.platform-actions.poll:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!paused) {
            runDue();
        }
    }

    /** Runs everything due now; returns how many actions were run. */
    public int runDue() {
        int total = 0;
        List<PlatformAction> batch;
        do {
            batch = steps.claimDue(BATCH);
            batch.forEach(this::run);
            total += batch.size();
        } while (batch.size() == BATCH && !paused);
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

    private void run(PlatformAction a) {
        if (a.operation == PlatformAction.Operation.FETCH_MENTION) {
            MentionFetch fetched;
            try {
                fetched = connector.fetchMention(new MentionRef(a.platform, a.accountExternalId, a.targetId,
                        PlatformAction.Operation.MENTIONED_MEDIA.equals(a.reason)));
            } catch (RuntimeException e) {
                LOG.errorf("Platform action %s %s threw %s", a.operation, a.id, e.getClass().getName());
                return;
            }
            steps.complete(a.id, fetched.result(), fetched.content());
            return;
        }
        PlatformResult result;
        try {
            result = call(a);
        } catch (RuntimeException e) {
            // The connector returns results for platform trouble; this is a bug or bad data. Leave it leased: it will be
            // tried again after the lease, and the log says why.
            LOG.errorf("Platform action %s %s threw %s", a.operation, a.id, e.getClass().getName());
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
            case DM_REPLY -> connector.sendDirectMessage(
                    new MessageRecipient(a.platform, a.accountExternalId, a.accountExternalId, a.targetId), a.text);
            case FETCH_MENTION -> throw new IllegalStateException("run() fetches mentions itself");
        };
    }
}
