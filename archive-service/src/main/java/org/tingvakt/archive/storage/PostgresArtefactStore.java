package org.tingvakt.archive.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.tingvakt.archive.proof.HashChain;

/**
 * Artefacts as BYTEA rows of the {@code artefact} table, in the caller's (JTA-enlisted) transaction. The default store;
 * made by {@link ArtefactStores}.
 */
public class PostgresArtefactStore implements ArtefactStore {
    private final DataSource dataSource;

    public PostgresArtefactStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void put(UUID recordId, ArtefactKind kind, byte[] content, String sha256) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO artefact (record_id, kind, media_type, sha256, size_bytes, content) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, recordId);
            ps.setString(2, kind.name());
            ps.setString(3, kind.mediaType());
            ps.setString(4, sha256);
            ps.setLong(5, content.length);
            ps.setBytes(6, content);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the " + kind + " of record " + recordId, e);
        }
    }

    @Override
    public Optional<byte[]> read(UUID recordId, ArtefactKind kind) {
        return query(
                "SELECT content FROM artefact WHERE record_id = ? AND kind = ?", recordId, kind, rs -> rs.getBytes(1));
    }

    @Override
    public Map<UUID, String> currentSha256(List<UUID> recordIds, ArtefactKind kind) {
        Map<UUID, String> hashes = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT record_id, content FROM artefact "
                        + "WHERE kind = ? AND record_id = ANY(?) AND content IS NOT NULL")) {
            ps.setString(1, kind.name());
            ps.setArray(2, c.createArrayOf("uuid", recordIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hashes.put(rs.getObject(1, UUID.class), HashChain.sha256(rs.getBytes(2)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the stored " + kind + " artefacts", e);
        }
        return hashes;
    }

    @Override
    public Optional<String> recordedSha256(UUID recordId, ArtefactKind kind) {
        return query(
                "SELECT sha256 FROM artefact WHERE record_id = ? AND kind = ?", recordId, kind, rs -> rs.getString(1));
    }

    @Override
    public boolean removeContent(UUID recordId, ArtefactKind kind, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE artefact SET content = NULL, removed_at = ? WHERE record_id = ? AND kind = ? AND content IS NOT NULL")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setObject(2, recordId);
            ps.setString(3, kind.name());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not remove the " + kind + " of record " + recordId, e);
        }
    }

    /** Drops the content of a row whose removal is already recorded (used by the S3 store for rows it inherited). */
    void clearContent(UUID recordId, ArtefactKind kind) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("UPDATE artefact SET content = NULL WHERE record_id = ? AND kind = ?")) {
            ps.setObject(1, recordId);
            ps.setString(2, kind.name());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not remove the " + kind + " of record " + recordId, e);
        }
    }

    private interface Column<T> {
        T get(ResultSet rs) throws SQLException;
    }

    private <T> Optional<T> query(String sql, UUID recordId, ArtefactKind kind, Column<T> column) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, recordId);
            ps.setString(2, kind.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(column.get(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the " + kind + " of record " + recordId, e);
        }
    }
}
