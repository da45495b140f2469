package org.tingvakt.archive.retention;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.tingvakt.archive.config.ArchiveConfig;

/** Runs the retention rules once a day (cron in {@code tingvakt.archive.retention.cron}). */
@ApplicationScoped
public class RetentionJob {
    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final RetentionService retention;
    private final int defaultMonths;

    public RetentionJob(RetentionService retention, ArchiveConfig config) {
        this.retention = retention;
        this.defaultMonths = config.retention().defaultMonths();
    }

    @Scheduled(cron = "{tingvakt.archive.retention.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        RetentionService.RetentionRun run = retention.run(Instant.now(), defaultMonths, "retention-job");
        LOG.infof(
                "Retention run: personal data removed from %d records in %d batches; %d records past retention kept "
                        + "until their registration is assessed",
                run.disposed(), run.batches(), run.keptPendingAssessment());
    }

    public int defaultMonths() {
        return defaultMonths;
    }
}
