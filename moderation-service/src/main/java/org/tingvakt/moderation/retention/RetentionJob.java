package org.tingvakt.moderation.retention;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Runs the personal-data retention once a day ({@code tingvakt.moderation.retention.cron}); logs counts only. */
@ApplicationScoped
public class RetentionJob {
    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final PersonalDataRetention retention;

    public RetentionJob(PersonalDataRetention retention) {
        this.retention = retention;
    }

    @Scheduled(
            identity = "personal-data-retention",
            cron = "{tingvakt.moderation.retention.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        PersonalDataRetention.Run run = retention.run(Instant.now(Clock.systemUTC()));
        LOG.infof(
                "Retention: %d comment versions and %d platform actions pseudonymised in %d batches; %d comments past "
                        + "retention kept (undecided or being archived)",
                run.commentVersions(), run.platformActions(), run.batches(), run.keptUndecided());
    }
}
