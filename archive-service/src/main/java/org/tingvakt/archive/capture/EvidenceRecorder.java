package org.tingvakt.archive.capture;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.tingvakt.archive.account.AccountRule;
import org.tingvakt.archive.audit.AuditLog;
import org.tingvakt.archive.config.ArchiveConfig;
import org.tingvakt.archive.proof.ChainLink;
import org.tingvakt.archive.proof.HashChain;
import org.tingvakt.archive.record.ArchiveRecord;
import org.tingvakt.archive.record.RecordDocument;
import org.tingvakt.archive.record.RecordVerifier;
import org.tingvakt.archive.record.RegistrationState;
import org.tingvakt.archive.registration.Registrar;
import org.tingvakt.archive.registration.RegistrationNumber;
import org.tingvakt.archive.render.EvidenceRenderer;
import org.tingvakt.archive.render.EvidenceView;
import org.tingvakt.archive.render.RenderedEvidence;
import org.tingvakt.archive.retention.SubjectKeys;
import org.tingvakt.archive.retention.ThreadContexts;
import org.tingvakt.archive.storage.ArtefactKind;
import org.tingvakt.archive.storage.ArtefactStore;
import org.tingvakt.contracts.ArchiveRequested;
import org.tingvakt.contracts.RecordArchived;
import org.tingvakt.eventing.EventConsumer;
import org.tingvakt.eventing.EventJson;
import org.tingvakt.eventing.Outbox;
import org.tingvakt.eventing.PoisonEventException;

/**
 * Consumes {@code archive.requests}: renders the evidence (PDF/A + PNG), stores the PDF, PNG and native JSON with their
 * SHA-256, appends the record to the hash chain, reads the artefacts back and verifies them, and publishes
 * {@code RecordArchived} — one transaction with the request's {@code ce_id}.
 *
 * <p>Rendering (~45 ms CPU a record) is started for the whole batch at once on {@code tingvakt.archive.render-threads}
 * threads, in the batch's order, and the consumer thread stores each record as soon as its own rendering is done: storing
 * record n overlaps rendering records n+1…, so the cores render while the database writes. The batch size is bounded by
 * {@code mp.messaging.incoming.archive-requests.max.poll.records} (rendered records wait in memory, ~230 KB each).
 */
@ApplicationScoped
public class EvidenceRecorder {
    public static final String CHANNEL = "archive-requests";
    public static final String CONSUMER = "archive-recorder";
    private static final Logger LOG = Logger.getLogger(EvidenceRecorder.class);

    private final EventConsumer consumer;
    private final Outbox outbox;
    private final DataSource dataSource;
    private final RecordVerifier verifier;
    private final ArtefactStore store;
    private final AuditLog audit;
    private final Registrar registrar;
    private final SubjectKeys subjectKeys;
    private final EvidenceSignatures signatures;
    private final ThreadContexts contexts;
    private final EvidenceRenderer renderer = new EvidenceRenderer();
    private final ExecutorService renderPool;
    private final Map<String, Future<Prepared>> prepared = new ConcurrentHashMap<>();

    public EvidenceRecorder(
            EventConsumer consumer,
            Outbox outbox,
            DataSource dataSource,
            RecordVerifier verifier,
            ArtefactStore store,
            AuditLog audit,
            Registrar registrar,
            SubjectKeys subjectKeys,
            EvidenceSignatures signatures,
            ThreadContexts contexts,
            ArchiveConfig config) {
        this.consumer = consumer;
        this.outbox = outbox;
        this.dataSource = dataSource;
        this.verifier = verifier;
        this.store = store;
        this.audit = audit;
        this.registrar = registrar;
        this.subjectKeys = subjectKeys;
        this.signatures = signatures;
        this.contexts = contexts;
        this.renderPool = Executors.newFixedThreadPool(config.renderThreads(), r -> {
            Thread t = new Thread(r, "evidence-render");
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        renderPool.shutdownNow();
    }

    /** A record rendered ahead of its transaction. */
    record Prepared(
            UUID recordId,
            Instant capturedAt,
            RenderedEvidence rendered,
            String pdfSha256,
            String pngSha256,
            java.util.Set<String> nationalIdKeys) {}

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        prepare(records);
        try {
            consumer.consume(CONSUMER, records, ArchiveRequested.class, (request, headers) -> record(request));
        } finally {
            prepared.values().forEach(f -> f.cancel(false)); // those of skipped duplicates: not started, not needed
            prepared.clear();
        }
    }

    /**
     * Starts rendering the batch's well-formed requests in parallel, in order, without waiting for them; anything odd is
     * left to the handler to judge. The account rule is read once per account and batch.
     */
    private void prepare(ConsumerRecords<String, byte[]> records) {
        Map<String, AccountRule> rules = new java.util.HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            ArchiveRequested request;
            try {
                request = EventJson.read(r.value(), ArchiveRequested.class);
            } catch (RuntimeException e) {
                continue;
            }
            if (!wellFormed(request)
                    || !RecordVerifier.contentDigest(request).equals(request.contentSha256())
                    || !signatures.fromModeration(request)) {
                continue;
            }
            if (Registrar.registeredAtCapture(request)) {
                continue; // rendered in its transaction, once its registration number is taken, so the evidence shows
                // it
            }
            AccountRule rule;
            try {
                rule = rules.computeIfAbsent(
                        request.accountId(),
                        account -> QuarkusTransaction.requiringNew().call(() -> AccountRule.forAccount(account)));
            } catch (RuntimeException e) {
                // The database is away: no rendering ahead; the handler renders in its own transaction, with the
                // consumer's back-off, once the database is back.
                LOG.debugf(
                        "No pre-rendering, the account rule could not be read: %s",
                        e.getClass().getName());
                return;
            }
            prepared.putIfAbsent(request.requestId(), renderPool.submit(() -> render(request, rule)));
        }
    }

    /** The record rendered ahead for this request, waiting for it if it is still rendering; null if that failed. */
    private Prepared preparedFor(String requestId) {
        Future<Prepared> f = prepared.get(requestId);
        if (f == null) {
            return null;
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering", e);
        } catch (Exception e) {
            LOG.debugf(
                    "Pre-rendering failed; the handler renders again: %s",
                    e.getClass().getName());
            return null;
        }
    }

    private Prepared render(ArchiveRequested request, AccountRule rule) {
        return render(request, rule, UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), Optional.empty());
    }

    private Prepared render(
            ArchiveRequested request,
            AccountRule rule,
            UUID id,
            Instant capturedAt,
            Optional<String> registrationNumber) {
        RenderedEvidence rendered = renderer.render(view(id, capturedAt, request, rule, registrationNumber));
        return new Prepared(
                id,
                capturedAt,
                rendered,
                HashChain.sha256(rendered.pdf()),
                HashChain.sha256(rendered.png()),
                subjectKeys.keysIn(SubjectKeys.textsOf(request), rule.language));
    }

    private static boolean wellFormed(ArchiveRequested r) {
        return r.requestId() != null
                && r.commentId() != null
                && r.sender() != null
                && r.text() != null
                && r.contentSha256() != null
                && r.platform() != null
                && r.accountId() != null
                && r.caseId() != null
                && r.threadKey() != null
                && r.postedAt() != null;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void record(ArchiveRequested request) {
        if (!wellFormed(request)) {
            throw new PoisonEventException("ArchiveRequested lacks requestId, caseId, commentId, platform, accountId, "
                    + "threadKey, sender, text, postedAt or contentSha256");
        }
        signatures.requireModerationSignature(request); // a forged request never becomes an immutable record
        Optional<ArchiveRecord> existing =
                ArchiveRecord.find("requestId", request.requestId()).firstResultOptional();
        if (existing.isPresent()) {
            return; // the same request under a new event id: the record exists and was announced
        }
        String digest = RecordVerifier.contentDigest(request);
        if (!digest.equals(request.contentSha256())) {
            throw new PoisonEventException("the request's contentSha256 does not match its comment");
        }
        // A record registered at capture takes its number first and is rendered with it, so its PDF/A, PNG and JSON
        // show the number and never "not yet registered". Taking the number locks the series' counter row until this
        // transaction commits (the render, ~50 ms, runs under that lock; the chain head is locked until then anyway).
        boolean register = Registrar.registeredAtCapture(request);
        // One comment version is registered once: a complaint registered while it stayed on the page and later deleted
        // by a moderator gets its removal evidence under the same number, not a second one.
        Optional<ArchiveRecord> registeredBefore = register
                ? ArchiveRecord.<ArchiveRecord>find(
                                "commentId = ?1 and commentVersion = ?2 and platform = ?3 and registrationState = ?4",
                                request.commentId(),
                                request.version(),
                                request.platform().name(),
                                RegistrationState.REGISTERED)
                        .firstResultOptional()
                : Optional.empty();
        RegistrationNumber number = null;
        Prepared p;
        if (registeredBefore.isPresent()) {
            register = false;
            p = render(
                    request,
                    AccountRule.forAccount(request.accountId()),
                    UUID.randomUUID(),
                    Instant.now().truncatedTo(ChronoUnit.MICROS),
                    Optional.of(registeredBefore.get().registrationNumber));
        } else if (register) {
            Instant capturedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            number = registrar.take(request.accountId(), capturedAt);
            p = render(
                    request,
                    AccountRule.forAccount(request.accountId()),
                    UUID.randomUUID(),
                    capturedAt,
                    Optional.of(number.number()));
        } else {
            p = preparedFor(request.requestId()); // kept: a failed batch retries one by one
            if (p == null) {
                p = render(request, AccountRule.forAccount(request.accountId()));
            }
        }
        byte[] json = RecordDocument.write(
                p.recordId(),
                p.capturedAt(),
                p.pdfSha256(),
                p.rendered().pdf().length,
                p.pngSha256(),
                p.rendered().png().length,
                request,
                number == null ? null : new RecordDocument.Registration(number.number(), number.series()));
        ArchiveRecord r = new ArchiveRecord();
        r.id = p.recordId();
        r.requestId = request.requestId();
        r.caseId = request.caseId();
        r.commentId = request.commentId();
        r.commentVersion = request.version();
        r.platform = request.platform().name();
        r.accountId = request.accountId();
        r.threadKey = request.threadKey();
        r.senderId = request.sender().platformId();
        r.senderName = request.sender().name();
        r.labels = request.labels() == null ? List.of() : request.labels();
        r.reason = request.reason();
        r.searchText = request.text();
        r.contentSha256 = digest;
        r.recordSha256 = HashChain.sha256(json);
        r.pdfSha256 = p.pdfSha256();
        r.pngSha256 = p.pngSha256();
        r.postedAt = request.postedAt();
        r.capturedAt = p.capturedAt();
        appendToChain(r);
        r.persist();
        ArchiveRecord.flush();
        store.put(r.id, ArtefactKind.PDF, p.rendered().pdf(), r.pdfSha256);
        store.put(r.id, ArtefactKind.PNG, p.rendered().png(), r.pngSha256);
        store.put(r.id, ArtefactKind.JSON, json, r.recordSha256);
        subjectKeys.index(r.id, p.nationalIdKeys());
        contexts.index(r.id, request.thread());
        audit.append(
                "system",
                "CAPTURED",
                r.id,
                Map.of(
                        "recordSha256",
                        r.recordSha256,
                        "chainSeq",
                        r.chainSeq,
                        "requestedBy",
                        request.requestedBy() == null ? "" : request.requestedBy()));
        if (register) {
            registrar.apply(r, RegistrationState.REGISTERED, Registrar.captureReason(request), "system", number);
        } else if (registeredBefore.isPresent()) {
            registrar.apply(
                    r,
                    RegistrationState.NOT_REQUIRED,
                    "this comment version is registered as " + registeredBefore.get().registrationNumber + " (record "
                            + registeredBefore.get().id + ")",
                    "system");
        }
        String registeredAs = r.registrationNumber != null
                ? r.registrationNumber
                : registeredBefore.map(b -> b.registrationNumber).orElse(null);
        ArchiveRecord.flush();

        RecordVerifier.Verification check = verifier.verify(r.id);
        outbox.publish(signatures.sign(new RecordArchived(
                r.id.toString(),
                r.requestId,
                r.caseId,
                r.commentId,
                r.commentVersion,
                request.platform(),
                r.accountId,
                r.threadKey,
                check.contentSha256(),
                check.recordSha256(),
                check.intact(),
                r.capturedAt,
                request.purposeOrDefault(),
                registeredAs,
                null)));
    }

    static EvidenceView view(UUID id, Instant capturedAt, ArchiveRequested r, AccountRule rule) {
        return view(id, capturedAt, r, rule, Optional.empty());
    }

    static EvidenceView view(
            UUID id, Instant capturedAt, ArchiveRequested r, AccountRule rule, Optional<String> registrationNumber) {
        List<EvidenceView.ThreadItem> thread = r.thread() == null
                ? List.of()
                : r.thread().stream()
                        .filter(java.util.Objects::nonNull)
                        .map(t -> new EvidenceView.ThreadItem(
                                EvidenceView.ThreadRole.parse(t.role()),
                                t.authorName(),
                                t.text(),
                                Optional.ofNullable(t.postedAt())))
                        .toList();
        List<EvidenceView.Attachment> attachments = r.attachments() == null
                ? List.of()
                : r.attachments().stream()
                        .filter(java.util.Objects::nonNull)
                        .map(url -> new EvidenceView.Attachment(attachmentName(url), url))
                        .toList();
        ZoneId zone;
        try {
            zone = ZoneId.of(rule.zone);
        } catch (RuntimeException e) {
            zone = ZoneId.of("UTC");
        }
        return new EvidenceView(
                id.toString(),
                registrationNumber,
                new EvidenceView.Account(r.accountId(), accountName(r, rule), r.platform()),
                new EvidenceView.Comment(
                        r.commentId(),
                        r.version(),
                        r.text(),
                        new EvidenceView.Sender(
                                r.sender().name(),
                                r.sender().platformId(),
                                Optional.ofNullable(r.sender().profileUrl())),
                        r.postedAt(),
                        Optional.ofNullable(r.permalink())),
                thread,
                r.labels(),
                r.reason(),
                attachments,
                r.contentSha256(),
                capturedAt,
                EvidenceView.RecordLanguage.ofTag(rule.language),
                zone);
    }

    /** The name an archivist gave the account (its rule) wins, then the name moderation sent, then the id. */
    static String accountName(ArchiveRequested r, AccountRule rule) {
        if (rule.accountName != null && !rule.accountName.isBlank()) {
            return rule.accountName;
        }
        if (r.accountName() != null && !r.accountName().isBlank()) {
            return r.accountName();
        }
        return r.accountId();
    }

    private static String attachmentName(String url) {
        try {
            String path = URI.create(url).getPath();
            if (path != null && !path.isEmpty()) {
                return path.substring(path.lastIndexOf('/') + 1);
            }
        } catch (RuntimeException ignored) {
            // not a URI: the URL itself names it
        }
        return url;
    }

    private void appendToChain(ArchiveRecord r) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement lock =
                        c.prepareStatement("SELECT seq, last_hash FROM chain_head WHERE id = 1 FOR UPDATE");
                PreparedStatement move =
                        c.prepareStatement("UPDATE chain_head SET seq = ?, last_hash = ? WHERE id = 1")) {
            long seq;
            String previous;
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                seq = rs.getLong(1) + 1;
                previous = rs.getString(2);
            }
            ChainLink link = HashChain.append(previous, r.id.toString(), r.recordSha256);
            r.chainSeq = seq;
            r.previousChainHash = previous;
            r.chainHash = link.chainHash();
            move.setLong(1, seq);
            move.setString(2, link.chainHash());
            move.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not append to the hash chain", e);
        }
    }
}
