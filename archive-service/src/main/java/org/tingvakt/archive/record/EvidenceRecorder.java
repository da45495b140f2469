package org.tingvakt.archive.record;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.smallrye.common.annotation.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.tingvakt.archive.proof.ChainLink;
import org.tingvakt.archive.proof.HashChain;
import org.tingvakt.contracts.ArchiveRequested;
import org.tingvakt.contracts.RecordArchived;
import org.tingvakt.eventing.EventConsumer;
import org.tingvakt.eventing.EventJson;
import org.tingvakt.eventing.Outbox;
import org.tingvakt.eventing.PoisonEventException;

/**
 * Consumes {@code archive.requests}: stores the evidence record with its hashes, appends it to the hash chain, reads it
 * back and verifies it, and publishes {@code RecordArchived} — one transaction with the request's {@code ce_id}.
 */
@ApplicationScoped
public class EvidenceRecorder {
    public static final String CHANNEL = "archive-requests";
    public static final String CONSUMER = "archive-recorder";

    private final EventConsumer consumer;
    private final Outbox outbox;
    private final DataSource dataSource;
    private final RecordVerifier verifier;

    public EvidenceRecorder(EventConsumer consumer, Outbox outbox, DataSource dataSource, RecordVerifier verifier) {
        this.consumer = consumer;
        this.outbox = outbox;
        this.dataSource = dataSource;
        this.verifier = verifier;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        consumer.consume(CONSUMER, records, ArchiveRequested.class, (request, headers) -> record(request));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void record(ArchiveRequested request) {
        if (request.requestId() == null || request.commentId() == null || request.sender() == null
                || request.text() == null || request.contentSha256() == null) {
            throw new PoisonEventException("ArchiveRequested lacks requestId, commentId, sender, text or contentSha256");
        }
        Optional<ArchiveRecord> existing = ArchiveRecord.find("requestId", request.requestId()).firstResultOptional();
        if (existing.isPresent()) {
            return; // the same request under a new event id: the record exists and was announced
        }
        String digest = RecordVerifier.contentDigest(request);
        if (!digest.equals(request.contentSha256())) {
            throw new PoisonEventException("the request's contentSha256 does not match its comment");
        }
        byte[] json = EventJson.write(request).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ArchiveRecord r = new ArchiveRecord();
        r.id = UUID.randomUUID();
        r.requestId = request.requestId();
        r.caseId = request.caseId();
        r.commentId = request.commentId();
        r.commentVersion = request.version();
        r.platform = request.platform().name();
        r.accountId = request.accountId();
        r.threadKey = request.threadKey();
        r.senderId = request.sender().platformId();
        r.senderName = request.sender().name();
        r.labels = request.labels() == null ? java.util.List.of() : request.labels();
        r.reason = request.reason();
        r.nativeJson = json;
        r.contentSha256 = digest;
        r.recordSha256 = HashChain.sha256(json);
        r.postedAt = request.postedAt();
        r.capturedAt = Instant.now();
        appendToChain(r);
        r.persist();
        ArchiveRecord.flush();

        RecordVerifier.Verification check = verifier.verify(r.id);
        outbox.publish(new RecordArchived(r.id.toString(), r.requestId, r.caseId, r.commentId, r.commentVersion,
                request.platform(), r.accountId, r.threadKey, check.contentSha256(), check.recordSha256(),
                check.intact(), r.capturedAt));
    }

    private void appendToChain(ArchiveRecord r) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement lock = c.prepareStatement("SELECT seq, last_hash FROM chain_head WHERE id = 1 FOR UPDATE");
             PreparedStatement move = c.prepareStatement("UPDATE chain_head SET seq = ?, last_hash = ? WHERE id = 1")) {
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
