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

/**
 * Consumes {@code comments.received}: classifies each comment version, opens or updates its case, applies the policy and
 * publishes {@code CommentClassified}, all in one transaction with the event's id.
 */
@ApplicationScoped
public class ClassificationPipeline {
    private final Classifier classifier = Classifier.load();
    private final EventConsumer consumer;
    private final Outbox outbox;

    public ClassificationPipeline(EventConsumer consumer, Outbox outbox) {
        this.consumer = consumer;
        this.outbox = outbox;
    }

    @Incoming(Channels.COMMENTS_RECEIVED)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        consumer.consume(Channels.CLASSIFIER, records, CommentReceived.class, (event, headers) -> classify(event));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void classify(CommentReceived event) {
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
        String action = ModerationPolicy.decide(labels, intents);
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
        mc.moveTo(ModerationPolicy.ALLOW.equals(action) ? CaseState.APPROVED : CaseState.PENDING_REVIEW);
        mc.persist();

        outbox.publish(new CommentClassified(mc.id.toString(), event.commentId(), event.version(), event.platform(),
                event.accountId(), event.postId(), event.threadKey(), mc.language, mc.labels, mc.intents, mc.scores,
                spans, action, account.replyPolicy(), event.receivedAt(), now));
    }
}
