package org.tingvakt.archive.record;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tingvakt.archive.proof.ChainLink;
import org.tingvakt.archive.proof.ChainVerification;
import org.tingvakt.archive.proof.HashChain;

/**
 * Verifies the whole record chain from genesis, re-hashing every native JSON whose content is in the database, in
 * bounded memory: records are read in pages ordered by their chain position ({@code chain_seq}, unique and indexed)
 * with a keyset cursor, and each page is verified against the chain hash that ended the page before it, so at most one
 * page of links and JSON documents is held at a time however long the chain grows.
 */
@ApplicationScoped
public class RecordChainVerifier {
    private final DataSource dataSource;
    private final int pageSize;

    public RecordChainVerifier(
            DataSource dataSource,
            @ConfigProperty(name = "tingvakt.archive.chain-verify.page-size", defaultValue = "500") int pageSize) {
        if (pageSize < 1 || pageSize > 10_000) {
            throw new IllegalStateException("tingvakt.archive.chain-verify.page-size must be 1-10000");
        }
        this.dataSource = dataSource;
        this.pageSize = pageSize;
    }

    /**
     * The chain's verification: intact with its length and head, or the first broken link (its 0-based position in the
     * chain, its record id and why) with the chain's length.
     */
    public record ChainReport(
            boolean intact, int links, String headChainHash, Integer brokenAt, String brokenRecordId, String reason) {}

    /** Verifies the chain in pages of {@code tingvakt.archive.chain-verify.page-size} records. */
    public ChainReport verify() {
        return verify(pageSize);
    }

    /** Verifies the chain in pages of {@code size} records. */
    public ChainReport verify(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("page size must be positive");
        }
        String anchor = HashChain.GENESIS;
        long afterSeq = Long.MIN_VALUE;
        int verified = 0;
        while (true) {
            Page page = page(afterSeq, size);
            if (page.links().isEmpty()) {
                return new ChainReport(true, verified, anchor, null, null, null);
            }
            ChainVerification v = HashChain.verify(
                    anchor, page.links(), id -> Optional.ofNullable(page.json().get(id)));
            if (v instanceof ChainVerification.Broken b) {
                int links = verified + (int) countAfter(afterSeq);
                return new ChainReport(
                        false,
                        links,
                        null,
                        verified + b.index(),
                        b.recordId(),
                        b.reason().name());
            }
            anchor = ((ChainVerification.Intact) v).headChainHash();
            verified += page.links().size();
            afterSeq = page.lastSeq();
        }
    }

    /** One page of links in chain order, the stored JSON of those that still have it, and the last chain position. */
    private record Page(List<ChainLink> links, Map<String, byte[]> json, long lastSeq) {}

    private Page page(long afterSeq, int size) {
        List<ChainLink> links = new ArrayList<>(Math.min(size, 1024));
        Map<String, byte[]> json = new HashMap<>();
        long last = afterSeq;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT r.chain_seq, r.id, r.record_sha256, r.chain_hash, a.content FROM archive_record r "
                                + "LEFT JOIN artefact a ON a.record_id = r.id AND a.kind = 'JSON' "
                                + "WHERE r.chain_seq > ? ORDER BY r.chain_seq LIMIT ?")) {
            ps.setLong(1, afterSeq);
            ps.setInt(2, size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    last = rs.getLong(1);
                    String id = rs.getString(2);
                    links.add(new ChainLink(id, rs.getString(3), rs.getString(4)));
                    byte[] content = rs.getBytes(5);
                    if (content != null) {
                        json.put(id, content);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the chain", e);
        }
        return new Page(links, json, last);
    }

    private long countAfter(long afterSeq) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM archive_record WHERE chain_seq > ?")) {
            ps.setLong(1, afterSeq);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the chain", e);
        }
    }
}
