package org.tingvakt.archive.storage;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Retries object deletions that failed after retention or erasure removed an artefact, every minute, until they succeed. */
@ApplicationScoped
public class PendingDeletionJob {
    private static final Logger LOG = Logger.getLogger(PendingDeletionJob.class);

    private final ArtefactStore store;

    public PendingDeletionJob(ArtefactStore store) {
        this.store = store;
    }

    @Scheduled(
            every = "{tingvakt.archive.storage.deletion-retry.every:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retry() {
        int deleted = store.retryPendingDeletions(Instant.now(), 500);
        if (deleted > 0) {
            LOG.infof("Deleted %d objects whose earlier deletion had failed", deleted);
        }
    }
}
