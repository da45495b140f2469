package org.tingvakt.archive.record;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.tingvakt.archive.config.ArchiveConfig;
import org.tingvakt.archive.proof.ChainLink;
import org.tingvakt.archive.proof.ChainVerification;
import org.tingvakt.archive.proof.HashChain;
import org.tingvakt.archive.storage.ArtefactKind;
import org.tingvakt.archive.storage.ArtefactStore;

/**
 * Verifies the whole record chain from genesis, re-hashing every native JSON the artefact store still holds (the
 * {@code artefact} rows under PostgreSQL, the bucket's objects under S3), in bounded memory: records are read in pages
 * ordered by their chain position ({@code chain_seq}, unique and indexed) with a keyset cursor, and each page is
 * verified against the chain hash that ended the page before it, so at most one page of links and their hashes is held
 * at a time however long the chain grows (an S3 object is hashed as it streams).
 */
@ApplicationScoped
public class RecordChainVerifier {
    private final DataSource dataSource;
    private final ArtefactStore store;
    private final int pageSize;

    @Inject
    public RecordChainVerifier(DataSource dataSource, ArtefactStore store, ArchiveConfig config) {
        this(dataSource, store, config.chainVerify().pageSize());
    }

    public RecordChainVerifier(DataSource dataSource, ArtefactStore store, int pageSize) {
        if (pageSize < 1 || pageSize > 10_000) {
            throw new IllegalStateException("tingvakt.archive.chain-verify.page-size must be 1-10000");
        }
        this.dataSource = dataSource;
        this.store = store;
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
            Map<UUID, String> stored = store.currentSha256(page.ids(), ArtefactKind.JSON);
            ChainVerification v = HashChain.verifyHashes(
                    anchor, page.links(), id -> Optional.ofNullable(stored.get(UUID.fromString(id))));
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

    /** One page of links in chain order, their record ids, and the last chain position. */
    private record Page(List<ChainLink> links, List<UUID> ids, long lastSeq) {}

    private Page page(long afterSeq, int size) {
        List<ChainLink> links = new ArrayList<>(Math.min(size, 1024));
        List<UUID> ids = new ArrayList<>(Math.min(size, 1024));
        long last = afterSeq;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT chain_seq, id, record_sha256, chain_hash FROM archive_record "
                                + "WHERE chain_seq > ? ORDER BY chain_seq LIMIT ?")) {
            ps.setLong(1, afterSeq);
            ps.setInt(2, size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    last = rs.getLong(1);
                    UUID id = rs.getObject(2, UUID.class);
                    ids.add(id);
                    links.add(new ChainLink(id.toString(), rs.getString(3), rs.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the chain", e);
        }
        return new Page(links, ids, last);
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
