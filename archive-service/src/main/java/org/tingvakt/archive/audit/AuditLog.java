package org.tingvakt.archive.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.tingvakt.archive.proof.HashChain;
import org.tingvakt.eventing.EventJson;

/**
 * The append-only, hash-chained audit log of archive actions (ARCHITECTURE invariant 6): capture, registration, holds,
 * disposal, erasure, export. Each entry's SHA-256 covers all its fields; the chain reuses {@link HashChain} with the
 * sequence number in place of a record id, so a changed, removed or inserted entry breaks the chain.
 */
@ApplicationScoped
public class AuditLog {
    private final DataSource dataSource;

    public AuditLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One entry. {@code detail} is a JSON object (sorted keys) and never holds comment text or a sender's identity. */
    public record Entry(
            long seq,
            Instant at,
            String actor,
            String action,
            Optional<UUID> recordId,
            String detail,
            String entrySha256,
            String previousHash,
            String chainHash) {}

    /** The outcome of re-hashing the whole log. */
    public record Verification(boolean intact, long entries, Long firstBrokenSeq, String headHash) {}

    /** Appends in the caller's transaction, under a lock on the log's head so entries form one chain. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Entry append(String actor, String action, UUID recordId, Map<String, ?> detail) {
        String detailJson;
        try {
            detailJson = EventJson.mapper().writeValueAsString(new TreeMap<>(detail));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail is not serialisable", e);
        }
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS); // PostgreSQL keeps microseconds
        try (Connection c = dataSource.getConnection();
                PreparedStatement lock =
                        c.prepareStatement("SELECT seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE");
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO audit_entry (seq, at, actor, action, record_id, "
                                + "detail, entry_sha256, previous_hash, chain_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement move =
                        c.prepareStatement("UPDATE audit_head SET seq = ?, last_hash = ? WHERE id = 1")) {
            long seq;
            String previous;
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                seq = rs.getLong(1) + 1;
                previous = rs.getString(2);
            }
            String entrySha = entrySha256(seq, at, actor, action, recordId, detailJson);
            String chain = HashChain.chainHash(previous, entrySha, Long.toString(seq));
            insert.setLong(1, seq);
            insert.setTimestamp(2, Timestamp.from(at));
            insert.setString(3, actor);
            insert.setString(4, action);
            insert.setObject(5, recordId);
            insert.setString(6, detailJson);
            insert.setString(7, entrySha);
            insert.setString(8, previous);
            insert.setString(9, chain);
            insert.executeUpdate();
            move.setLong(1, seq);
            move.setString(2, chain);
            move.executeUpdate();
            return new Entry(
                    seq, at, actor, action, Optional.ofNullable(recordId), detailJson, entrySha, previous, chain);
        } catch (SQLException e) {
            throw new IllegalStateException("could not append to the audit log", e);
        }
    }

    /** A record's history, oldest first. */
    @Transactional
    public List<Entry> forRecord(UUID recordId) {
        return select(
                "SELECT seq, at, actor, action, record_id, detail, entry_sha256, previous_hash, chain_hash "
                        + "FROM audit_entry WHERE record_id = ? ORDER BY seq",
                recordId);
    }

    /** Re-hashes every entry from the genesis and checks each link; names the first entry that does not match. */
    @Transactional
    public Verification verify() {
        String previous = HashChain.GENESIS;
        long count = 0;
        long expectedSeq = 1;
        for (Entry e : select(
                "SELECT seq, at, actor, action, record_id, detail, entry_sha256, previous_hash, chain_hash "
                        + "FROM audit_entry ORDER BY seq",
                null)) {
            String entrySha = entrySha256(
                    e.seq(), e.at(), e.actor(), e.action(), e.recordId().orElse(null), e.detail());
            boolean ok = e.seq() == expectedSeq
                    && entrySha.equals(e.entrySha256())
                    && previous.equals(e.previousHash())
                    && HashChain.chainHash(previous, entrySha, Long.toString(e.seq()))
                            .equals(e.chainHash());
            if (!ok) {
                return new Verification(false, count, e.seq(), previous);
            }
            previous = e.chainHash();
            expectedSeq++;
            count++;
        }
        return new Verification(true, count, null, previous);
    }

    static String entrySha256(long seq, Instant at, String actor, String action, UUID recordId, String detail) {
        String canonical = seq + "\n" + at.toString() + "\n" + actor + "\n" + action + "\n"
                + (recordId == null ? "" : recordId) + "\n" + detail;
        return HashChain.sha256(canonical.getBytes(StandardCharsets.UTF_8));
    }

    private List<Entry> select(String sql, UUID recordId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            if (recordId != null) {
                ps.setObject(1, recordId);
            }
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(
                            rs.getLong(1),
                            rs.getTimestamp(2).toInstant(),
                            rs.getString(3),
                            rs.getString(4),
                            Optional.ofNullable(rs.getObject(5, UUID.class)),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getString(9)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the audit log", e);
        }
    }
}
