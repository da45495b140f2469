package org.tingvakt.moderation.triage;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.tingvakt.classifier.Classification;
import org.tingvakt.classifier.Classifier;
import org.tingvakt.contracts.CommentClassified;
import org.tingvakt.contracts.CommentReceived;
import org.tingvakt.contracts.DetectedSpan;
import org.tingvakt.contracts.ModerationActionTaken;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.RegistrationReason;
import org.tingvakt.eventing.EventConsumer;
import org.tingvakt.eventing.Outbox;
import org.tingvakt.eventing.PoisonEventException;
import org.tingvakt.eventing.Tracing;
import org.tingvakt.moderation.account.Account;
import org.tingvakt.moderation.account.AccountDirectory;
import org.tingvakt.moderation.account.PolicyDecision;
import org.tingvakt.moderation.account.RegistrationPolicy;
import org.tingvakt.moderation.intake.CommentVersion;
import org.tingvakt.moderation.kernel.Channels;
import org.tingvakt.moderation.kernel.NativeValues;
import org.tingvakt.moderation.triage.cases.CaseState;
import org.tingvakt.moderation.triage.cases.DeletionRequests;
import org.tingvakt.moderation.triage.cases.ModerationCase;
import org.tingvakt.moderation.triage.cases.RegistrationRequests;

/**
 * Consumes {@code comments.received}: classifies each comment version, opens or updates its case, applies the policy and
 * publishes {@code CommentClassified}, all in one transaction with the event's id.
 *
 * <p>Hot path (every comment): a Kafka batch is one transaction ({@link EventConsumer#consumeBatch}) with one statement
 * to record the event ids, one query for the batch's comment versions, one for their existing cases, accounts from
 * {@link AccountDirectory}, the cases written by Hibernate in JDBC batches and the events by {@link Outbox#publishAll}
 * in one batch; if the batch fails, each event is applied alone as before.
 */
@ApplicationScoped
public class ClassificationPipeline {
    private static final String POLICY = PolicyHiding.ACTOR;
    /** The reason on a policy unhide: the comment was edited and its new version is allowed. */
    static final String EDIT_ALLOWED = "EDITED_ALLOWED";

    private final Classifier classifier = Classifier.load();
    private final EventConsumer consumer;
    private final Outbox outbox;
    private final PolicyService policies;
    private final DeletionRequests deletion;
    private final PolicyHiding hiding;
    private final AccountDirectory accounts;
    private final NewCaseWriter newCases;
    private final DataSource dataSource;
    private final RegistrationRequests registrations;

    public ClassificationPipeline(
            EventConsumer consumer,
            Outbox outbox,
            PolicyService policies,
            DeletionRequests deletion,
            PolicyHiding hiding,
            AccountDirectory accounts,
            NewCaseWriter newCases,
            DataSource dataSource,
            RegistrationRequests registrations) {
        this.registrations = registrations;
        this.hiding = hiding;
        this.newCases = newCases;
        this.dataSource = dataSource;
        this.consumer = consumer;
        this.outbox = outbox;
        this.policies = policies;
        this.deletion = deletion;
        this.accounts = accounts;
    }

    @Incoming(Channels.COMMENTS_RECEIVED)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        consumer.consumeBatch(Channels.CLASSIFIER, records, CommentReceived.class, this::classifyAll);
    }

    /**
     * What the policy says happens now. Hiding is a durable platform action run right after commit; archiving starts the
     * deletion saga (which hides too); only DELETE_AFTER_ARCHIVE lets the saga delete by itself, and PolicyDecision has
     * already lowered that for complaints (invariant 5) and for accounts without automatic deletion.
     *
     * <p>The case's own state is set before a new case is persisted ({@link #stateBeforePersist}) and the rows that point
     * to it after ({@link #applyPolicy}): Hibernate snapshots an assigned-id entity at persist, so a state change after
     * persist cost every new case an extra versioned UPDATE (a third of the consumer's database work).
     */
    private static void stateBeforePersist(ModerationCase mc, PolicyDecision decision) {
        if (decision.archiveNow()) {
            return; // the saga moves the case to ARCHIVING
        }
        mc.moveTo(
                decision.hideNow()
                        ? CaseState.HIDDEN
                        : decision.needsModerator() ? CaseState.PENDING_REVIEW : CaseState.APPROVED);
    }

    private void applyPolicy(ModerationCase mc, Account account, PolicyDecision decision) {
        String reason = decision.deciding().orElse(null);
        if (decision.archiveNow()) {
            deletion.requestEvidence(mc, reason, POLICY, decision.deleteAfterArchive() && !decision.registrationTask());
        } else if (decision.hideNow()) {
            hiding.hide(mc, account.externalId, reason);
        }
    }

    /**
     * An edit of a hidden comment. If Tingvakt hid it by policy and the new version is allowed (or only needs a look),
     * it is shown again: an {@code UNHIDE} platform action (its success publishes {@code UNHIDDEN}, actor policy). If
     * a moderator hid it, it stays hidden whatever the new version says: only a person undoes a person's decision. A
     * new version the policy hides again stays hidden without a second hide call.
     */
    private CommentClassified reclassifyHidden(
            ModerationCase mc,
            Account account,
            PolicyDecision decision,
            Instant now,
            CommentReceived event,
            List<DetectedSpan> spans,
            String action) {
        boolean hiddenByPolicy = hiding.hiddenByPolicy(mc.id);
        if (decision.hideNow() || !hiddenByPolicy) {
            mc.moveTo(CaseState.HIDDEN);
        } else {
            stateBeforePersist(mc, decision);
            hiding.unhide(mc, account.externalId, EDIT_ALLOWED);
        }
        return new CommentClassified(
                mc.id.toString(),
                event.commentId(),
                event.version(),
                event.platform(),
                event.accountId(),
                event.postId(),
                event.threadKey(),
                mc.language,
                mc.labels,
                mc.intents,
                mc.scores,
                spans,
                action,
                account.replyPolicy(),
                event.receivedAt(),
                now);
    }

    /**
     * The page may have answered a comment on the platform before the comment's case existed (the reply's webhook came
     * first, or overtook the comment's classification): the page-reply rule ({@link PageReplies}) applies at once. One
     * indexed query per batch.
     */
    @SuppressWarnings("unchecked")
    private List<ModerationActionTaken> linkEarlierPageReplies(List<Opened> opened) {
        List<ModerationActionTaken> events = new ArrayList<>();
        Map<Platform, Map<String, Opened>> byPlatform = new LinkedHashMap<>();
        opened.forEach(o -> byPlatform
                .computeIfAbsent(o.mc().platform, p -> new HashMap<>())
                .put(o.mc().commentId, o));
        byPlatform.forEach((platform, byComment) -> {
            List<Object[]> rows = ModerationCase.getEntityManager()
                    .createNativeQuery("SELECT parent_id, min(created_at) FROM comment_version WHERE platform = ?1 "
                            + "AND kind = 'PAGE_REPLY' AND parent_id = ANY (CAST(?2 AS text[])) GROUP BY parent_id")
                    .setParameter(1, platform.name())
                    .setParameter(2, byComment.keySet().toArray(new String[0]))
                    .getResultList();
            for (Object[] row : rows) {
                Opened o = byComment.get((String) row[0]);
                events.add(PageReplies.markReplied(o.mc(), o.accountExternalId(), NativeValues.instant(row[1])));
            }
        });
        return events;
    }

    private record Opened(ModerationCase mc, String accountExternalId) {}

    private record CommentKey(Platform platform, String commentId) {}

    private record VersionKey(Platform platform, String commentId, int version) {}

    private static final String STORED_VERSIONS = "SELECT id, comment_id, version, kind, post_id FROM comment_version "
            + "WHERE platform = ? AND comment_id = ANY (?)";
    private static final String ANY_CASE =
            "SELECT EXISTS (SELECT 1 FROM moderation_case WHERE platform = ? " + "AND comment_id = ANY (?))";

    /**
     * The batch's stored versions, only the columns classification reads (id, kind, post id: the policy's
     * {@code PlatformLimit}), with plain JDBC in the batch's transaction: an HQL query hydrating whole managed entities
     * (texts, senders, attachments) was a fifth of the consumer's own time. The objects are detached copies that nothing
     * persists; the saga reads its version itself.
     */
    private List<CommentVersion> storedVersions(Platform platform, List<String> ids) {
        List<CommentVersion> out = new ArrayList<>(ids.size());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(STORED_VERSIONS)) {
            ps.setString(1, platform.name());
            ps.setArray(2, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    CommentVersion v = new CommentVersion();
                    v.id = rs.getObject(1, UUID.class);
                    v.platform = platform;
                    v.commentId = rs.getString(2);
                    v.version = rs.getInt(3);
                    v.kind = CommentReceived.ItemKind.valueOf(rs.getString(4));
                    v.postId = rs.getString(5);
                    out.add(v);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the batch's comment versions", e);
        }
        return out;
    }

    /** Whether any of these comments has a case: most batches are new comments only, which need no entity query. */
    private boolean anyCase(Platform platform, List<String> ids) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(ANY_CASE)) {
            ps.setString(1, platform.name());
            ps.setArray(2, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look for the batch's cases", e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void classifyAll(List<CommentReceived> events) {
        // A batch is one transaction: with the default AUTO flush every query below would first dirty-check every case
        // of the batch so far (JSON columns included), which made large batches quadratic — a 500-record batch ran past
        // the 60 s transaction timeout under load. The batch's own rows are kept in the maps below instead (an edit in
        // the same batch as its original finds the case made a moment before).
        ModerationCase.getEntityManager().setFlushMode(jakarta.persistence.FlushModeType.COMMIT);
        Map<Platform, List<String>> idsByPlatform = new LinkedHashMap<>();
        for (CommentReceived e : events) {
            idsByPlatform.computeIfAbsent(e.platform(), p -> new ArrayList<>()).add(e.commentId());
        }
        Map<VersionKey, CommentVersion> versions = new HashMap<>();
        Map<CommentKey, ModerationCase> cases = new HashMap<>();
        idsByPlatform.forEach((platform, ids) -> {
            // (platform, comment_id, …) leads both unique indexes: one index scan each for the whole batch.
            storedVersions(platform, ids)
                    .forEach(v -> versions.put(new VersionKey(v.platform, v.commentId, v.version), v));
            if (anyCase(platform, ids)) {
                // Edits (and redeliveries after a lost acknowledgement): the cases that exist, as entities to change.
                ModerationCase.<ModerationCase>list("platform = ?1 and commentId in ?2", platform, ids)
                        .forEach(c -> cases.put(new CommentKey(c.platform, c.commentId), c));
            }
        });
        List<CommentClassified> out = new ArrayList<>(events.size());
        // New cases not yet written: inserted together below, before Hibernate flushes (at commit) the platform actions
        // that refer to them. Identity: a case of this batch is looked up again by an edit in the same batch.
        Set<ModerationCase> pending = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<Opened> opened = new ArrayList<>();
        for (CommentReceived event : events) {
            CommentVersion version = versions.get(new VersionKey(event.platform(), event.commentId(), event.version()));
            if (version == null) {
                throw new PoisonEventException("the comment version is not stored");
            }
            CommentKey key = new CommentKey(event.platform(), event.commentId());
            boolean isNew = !cases.containsKey(key);
            classify(event, version, Optional.ofNullable(cases.get(key)), pending)
                    .ifPresent(result -> {
                        cases.put(key, result.mc());
                        out.add(result.event());
                        if (isNew && version.kind != CommentReceived.ItemKind.DIRECT_MESSAGE) {
                            opened.add(new Opened(result.mc(), event.accountId()));
                        }
                    });
        }
        List<ModerationActionTaken> answered = linkEarlierPageReplies(opened);
        newCases.insertAll(pending);
        outbox.publishAll(out);
        outbox.publishAll(answered);
    }

    private record Classified(ModerationCase mc, CommentClassified event) {}

    private Optional<Classified> classify(
            CommentReceived event,
            CommentVersion version,
            Optional<ModerationCase> existing,
            Set<ModerationCase> pending) {
        Account account = accounts.find(event.platform(), event.accountId())
                .orElseThrow(() -> new PoisonEventException("no account for the comment's page"));
        if (existing.isPresent() && existing.get().version >= event.version()) {
            return Optional.empty(); // an older version arriving late changes nothing
        }
        Classification c = classifier.classify(event.text());
        Set<String> labels = new TreeSet<>();
        c.labels().forEach(l -> labels.add(l.name()));
        Set<String> intents = new TreeSet<>();
        c.intents().forEach(i -> intents.add(i.name()));
        List<DetectedSpan> spans = c.spans().stream()
                .map(s -> new DetectedSpan(s.label(), s.start(), s.end(), s.rule()))
                .toList();
        PolicyDecision decision = policies.decide(account, version, labels, intents);
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
            return Optional
                    .empty(); // an edit of a comment that is already being archived or deleted: the record holds its
            // version
        }
        mc.commentVersionId = version.id;
        mc.version = event.version();
        mc.traceparent = Tracing.traceparentFor(event.threadKey());
        mc.receivedAt = event.receivedAt();
        mc.language = c.language().code();
        mc.labels = List.copyOf(labels);
        mc.intents = List.copyOf(intents);
        mc.scores = c.scores();
        mc.spans = spans;
        mc.policyAction = action;
        boolean wasHidden = existing.isPresent() && mc.state == CaseState.HIDDEN;
        mc.moveTo(CaseState.CLASSIFIED);
        if (wasHidden && !decision.archiveNow()) {
            return Optional.of(new Classified(mc, reclassifyHidden(mc, account, decision, now, event, spans, action)));
        }
        stateBeforePersist(mc, decision);
        boolean notStored = existing.isEmpty() || pending.contains(mc);
        // Registration without removal: a complaint (or what the account registers) goes to the archive for its number
        // while the comment stays as it is. Evidence requested now for a removal carries the intents instead, and the
        // archive registers it by them, so one comment version is not registered twice. A threat the policy only hides
        // leaves public view without evidence: it is registered now (RegistrationPolicy.reasonFor).
        // (A clean comment, most of them, costs no lookup: a policy can only name labels and intents.)
        Optional<RegistrationReason> registration = decision.archiveNow() || (labels.isEmpty() && intents.isEmpty())
                ? Optional.empty()
                : RegistrationPolicy.forAccount(account.id).reasonFor(labels, intents, decision.hideNow());
        if (notStored && (decision.archiveNow() || registration.isPresent())) {
            // The saga changes the case after this point: let Hibernate own it (rare: archive policies only).
            pending.remove(mc);
            mc.persist();
        } else if (notStored) {
            pending.add(mc);
        }
        applyPolicy(mc, account, decision);
        registration.ifPresent(reason -> registrations.requestRegistration(mc, reason, POLICY));

        return Optional.of(new Classified(
                mc,
                new CommentClassified(
                        mc.id.toString(),
                        event.commentId(),
                        event.version(),
                        event.platform(),
                        event.accountId(),
                        event.postId(),
                        event.threadKey(),
                        mc.language,
                        mc.labels,
                        mc.intents,
                        mc.scores,
                        spans,
                        action,
                        account.replyPolicy(),
                        event.receivedAt(),
                        now)));
    }
}
