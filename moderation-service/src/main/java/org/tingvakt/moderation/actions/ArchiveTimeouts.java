package org.tingvakt.moderation.actions;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tingvakt.moderation.triage.cases.CaseState;
import org.tingvakt.moderation.triage.cases.ModerationCase;

/**
 * A case cannot wait in ARCHIVING forever: an evidence request the archive has not answered within
 * {@code tingvakt.archive-request.timeout} is REJECTED and asked again under a new request id, up to
 * {@code tingvakt.archive-request.max-attempts} requests per comment version; after the last one the case moves to
 * REJECTED, where the queue shows it ({@code GET /api/cases?state=REJECTED}) and a moderator decides again. The comment
 * stays hidden. Late authentic evidence for any of the requests still completes the deletion.
 */
@ApplicationScoped
public class ArchiveTimeouts {
    private static final Logger LOG = Logger.getLogger(ArchiveTimeouts.class);

    private final DeletionSaga saga;
    private final MeterRegistry metrics;
    private final Duration timeout;
    private final int maxAttempts;

    public ArchiveTimeouts(
            DeletionSaga saga,
            MeterRegistry metrics,
            @ConfigProperty(name = "tingvakt.archive-request.timeout") Duration timeout,
            @ConfigProperty(name = "tingvakt.archive-request.max-attempts") int maxAttempts) {
        if (timeout.isNegative() || timeout.isZero() || maxAttempts < 1) {
            throw new IllegalStateException("tingvakt.archive-request.timeout must be positive and max-attempts >= 1");
        }
        this.saga = saga;
        this.metrics = metrics;
        this.timeout = timeout;
        this.maxAttempts = maxAttempts;
    }

    @Scheduled(
            identity = "archive-timeouts",
            every = "${tingvakt.archive-request.check-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        expire(Instant.now());
    }

    /**
     * Handles every request still unanswered at {@code now} after the timeout, each with its case locked (so a record
     * arriving at the same moment waits for this transaction, or this one for it). Returns how many it handled.
     */
    @Transactional
    public int expire(Instant now) {
        // Only evidence before removal holds a case in ARCHIVING. A registration request changes nothing on the
        // platform
        // and may be made once per version (a unique index): the outbox delivers it and the archive's consumer retries
        // through outages, so it is not asked again here.
        List<ArchiveRequest> stale = ArchiveRequest.list(
                "state = ?1 and requestedAt < ?2 and purpose = ?3 order by requestedAt",
                ArchiveRequest.State.REQUESTED,
                now.minus(timeout),
                org.tingvakt.contracts.ArchivePurpose.REMOVAL_EVIDENCE);
        for (ArchiveRequest request : stale) {
            ModerationCase mc = ModerationCase.findById(request.caseId, LockModeType.PESSIMISTIC_WRITE);
            ArchiveRequest.getEntityManager().refresh(request);
            if (request.state != ArchiveRequest.State.REQUESTED) {
                continue; // answered meanwhile
            }
            request.state = ArchiveRequest.State.REJECTED;
            if (mc.state != CaseState.ARCHIVING || !mc.commentVersionId.equals(request.commentVersionId)) {
                continue; // the case moved on (another request answered, a new decision): nothing to ask again
            }
            long attempts = ArchiveRequest.count(
                    "caseId = ?1 and commentVersionId = ?2 and purpose = ?3",
                    mc.id,
                    request.commentVersionId,
                    org.tingvakt.contracts.ArchivePurpose.REMOVAL_EVIDENCE);
            if (attempts < maxAttempts) {
                saga.requestAgain(mc, request);
                metrics.counter("tingvakt.archive.requests.timed.out", "outcome", "requested_again")
                        .increment();
                LOG.warnf(
                        "Evidence for case %s not confirmed within %s; asked again (attempt %d of %d)",
                        mc.id, timeout, attempts + 1, maxAttempts);
            } else {
                mc.moveTo(CaseState.REJECTED);
                metrics.counter("tingvakt.archive.requests.timed.out", "outcome", "rejected")
                        .increment();
                LOG.warnf(
                        "Evidence for case %s not confirmed after %d requests; the case is REJECTED for a moderator",
                        mc.id, attempts);
            }
        }
        return stale.size();
    }
}
