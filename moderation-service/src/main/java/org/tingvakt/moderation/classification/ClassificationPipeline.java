package org.tingvakt.moderation.classification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import io.smallrye.common.annotation.Blocking;
import org.tingvakt.classifier.Classification;
import org.tingvakt.classifier.Classifier;
import org.tingvakt.contracts.CommentClassified;
import org.tingvakt.contracts.CommentReceived;
import org.tingvakt.contracts.DetectedSpan;
import org.tingvakt.eventing.EventConsumer;
import org.tingvakt.eventing.Outbox;
import org.tingvakt.eventing.PoisonEventException;
import org.tingvakt.moderation.Channels;
import org.tingvakt.moderation.account.Account;
import org.tingvakt.moderation.cases.CaseState;
import org.tingvakt.moderation.cases.ModerationCase;
import org.tingvakt.moderation.comment.CommentVersion;
import org.tingvakt.moderation.deletion.DeletionSaga;
import org.tingvakt.moderation.platform.PlatformAction;
import org.tingvakt.moderation.policy.PolicyDecision;
import org.tingvakt.moderation.policy.PolicyService;

/**
 * Consumes {@code comments.received}: classifies each comment version, opens or updates its case, applies the policy and
 * publishes {@code CommentClassified}, all in one transaction with the event's id.
 */
@ApplicationScoped
public class ClassificationPipeline {
    private static final String POLICY = "policy";
    private final Classifier classifier = Classifier.load();
    private final EventConsumer consumer;
    private final Outbox outbox;
    private final PolicyService policies;
    private final DeletionSaga deletion;

    public ClassificationPipeline(EventConsumer consumer, Outbox outbox, PolicyService policies, DeletionSaga deletion) {
        this.consumer = consumer;
        this.outbox = outbox;
        this.policies = policies;
        this.deletion = deletion;
    }

    @Incoming(Channels.COMMENTS_RECEIVED)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        consumer.consume(Channels.CLASSIFIER, records, CommentReceived.class, (event, headers) -> classify(event));
    }

    /**
     * What the policy says happens now. Hiding is a durable platform action run right after commit; archiving starts the
     * deletion saga (which hides too); only DELETE_AFTER_ARCHIVE lets the saga delete by itself, and PolicyDecision has
     * already lowered that for complaints (invariant 5) and for accounts without automatic deletion.
     */
    private void applyPolicy(ModerationCase mc, Account account, PolicyDecision decision) {
        String reason = decision.deciding().orElse(null);
        if (decision.archiveNow()) {
            deletion.requestEvidence(mc, reason, POLICY, decision.deleteAfterArchive() && !decision.registrationTask());
        } else if (decision.hideNow()) {
            mc.moveTo(CaseState.HIDDEN);
            PlatformAction.pending(mc.id, PlatformAction.Operation.HIDE, mc.platform, account.externalId, mc.commentId,
                    null, POLICY, reason).persist();
        } else {
            mc.moveTo(decision.needsModerator() ? CaseState.PENDING_REVIEW : CaseState.APPROVED);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void classify(CommentReceived event) {
        // A batch is one transaction: with the default AUTO flush every query below would first dirty-check every case
        // of the batch so far (JSON columns included), which made large batches quadratic — a 500-record batch ran past
        // the 60 s transaction timeout under load. Queries here never need this batch's unflushed rows: a clash (an edit
        // in the same batch as its original) fails the batch, and EventConsumer then applies the events one by one.
        ModerationCase.getEntityManager().setFlushMode(jakarta.persistence.FlushModeType.COMMIT);
        Account account = Account.findByPlatformId(event.platform(), event.accountId())
                .orElseThrow(() -> new PoisonEventException("no account for the comment's page"));
        CommentVersion version = CommentVersion.<CommentVersion>find("platform = ?1 and commentId = ?2 and version = ?3",
                        event.platform(), event.commentId(), event.version()).firstResultOptional()
                .orElseThrow(() -> new PoisonEventException("the comment version is not stored"));
        Optional<ModerationCase> existing = ModerationCase.forComment(event.platform(), event.commentId());
        if (existing.isPresent() && existing.get().version >= event.version()) {
            return; // an older version arriving late changes nothing
        }
        Classification c = classifier.classify(event.text());
        Set<String> labels = new TreeSet<>();
        c.labels().forEach(l -> labels.add(l.name()));
        Set<String> intents = new TreeSet<>();
        c.intents().forEach(i -> intents.add(i.name()));
        List<DetectedSpan> spans = c.spans().stream()
                .map(s -> new DetectedSpan(s.label(), s.start(), s.end(), s.rule())).toList();
        PolicyDecision decision = policies.decide(account, labels, intents);
        String action = decision.action().name();
        Instant now = Instant.now();

        ModerationCase mc = existing.orElseGet(() -> {
            ModerationCase n = new ModerationCase();
            n.id = UUID.randomUUID();
            n.platform = event.platform();
            n.commentId = event.commentId();
            n.accountId = account.id;
            n.threadKey = event.threadKey();
            n.state = CaseState.RECEIVED;
            n.createdAt = now;
            return n;
        });
        if (existing.isPresent() && !mc.state.canMoveTo(CaseState.CLASSIFIED)) {
            return; // an edit of a comment that is already being archived or deleted: the record holds its version
        }
        mc.commentVersionId = version.id;
        mc.version = event.version();
        mc.receivedAt = event.receivedAt();
        mc.language = c.language().code();
        mc.labels = List.copyOf(labels);
        mc.intents = List.copyOf(intents);
        mc.scores = c.scores();
        mc.spans = spans;
        mc.policyAction = action;
        mc.moveTo(CaseState.CLASSIFIED);
        mc.persist();
        applyPolicy(mc, account, decision);

        outbox.publish(new CommentClassified(mc.id.toString(), event.commentId(), event.version(), event.platform(),
                event.accountId(), event.postId(), event.threadKey(), mc.language, mc.labels, mc.intents, mc.scores,
                spans, action, account.replyPolicy(), event.receivedAt(), now));
    }
}
