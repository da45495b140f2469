package org.tingvakt.archive.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.tingvakt.archive.audit.AuditLog;
import org.tingvakt.archive.proof.HashChain;
import org.tingvakt.archive.storage.ArtefactKind;
import org.tingvakt.archive.storage.ArtefactStore;
import org.tingvakt.contracts.ArchiveRequested;
import org.tingvakt.eventing.EventJson;

/**
 * A person's comments quoted as thread context in other people's records. At capture every thread item is indexed by
 * its comment id and its author's platform id as a keyed HMAC ({@link SubjectKeys}); an erasure request by platform id
 * finds the records that quote the person by that key or by the ids of the person's own archived comments (items of
 * records captured before authors were sent).
 *
 * <p>Records are hash-chained and their native JSON is hashed into the chain, so a quoted item cannot be edited in
 * place. A redaction does what a disposal does to the artefacts (their content is removed, the recorded hashes stay, so
 * the chain still verifies) and keeps a redacted copy of the native JSON beside the record ({@code record_redaction}):
 * the quoted person's name, id and text emptied, everything else as captured. The audit log records each redaction
 * with the redacted copy's hash.
 */
@ApplicationScoped
public class ThreadContexts {
    /** What a redacted thread item shows instead of the quoted person's name and text. */
    public static final String ERASED = "[erased]";

    private final DataSource dataSource;
    private final SubjectKeys subjectKeys;
    private final ArtefactStore store;
    private final AuditLog audit;

    public ThreadContexts(DataSource dataSource, SubjectKeys subjectKeys, ArtefactStore store, AuditLog audit) {
        this.dataSource = dataSource;
        this.subjectKeys = subjectKeys;
        this.store = store;
        this.audit = audit;
    }

    /** The key a platform user id is indexed and logged under: never the id itself. */
    public String authorKey(String platformId) {
        return subjectKeys.keyOf("platform-id:" + platformId.trim());
    }

    /** Indexes a new record's thread items, in the caller's transaction. */
    public void index(UUID recordId, List<ArchiveRequested.ThreadItem> thread) {
        if (thread == null || thread.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO record_context_item (record_id, item_id, author_key) VALUES (?, ?, ?)")) {
            int n = 0;
            for (ArchiveRequested.ThreadItem t : thread) {
                if (t == null || (t.itemId() == null && t.authorId() == null)) {
                    continue;
                }
                ps.setObject(1, recordId);
                ps.setString(2, t.itemId());
                ps.setString(3, t.authorId() == null || t.authorId().isBlank() ? null : authorKey(t.authorId()));
                ps.addBatch();
                n++;
            }
            if (n > 0) {
                ps.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not index the record's thread context", e);
        }
    }

    /** Records that quote the person: by their author key, or by the ids of comments the person wrote. */
    public Set<UUID> quoting(String platformId, Collection<String> ownCommentIds) {
        Set<UUID> ids = new LinkedHashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT DISTINCT record_id FROM record_context_item "
                        + "WHERE author_key = ? OR item_id = ANY (?)")) {
            ps.setString(1, authorKey(platformId));
            ps.setArray(2, c.createArrayOf("text", ownCommentIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not find the records that quote the person", e);
        }
        return ids;
    }

    /** Whether this request already redacted this record. */
    public boolean redactedBy(UUID recordId, UUID requestId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT 1 FROM context_redaction WHERE record_id = ? AND request_id = ?")) {
            ps.setObject(1, recordId);
            ps.setObject(2, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the context redactions", e);
        }
    }

    /** The records this request redacted, in the order they were redacted. */
    public List<UUID> redactedByRequest(UUID requestId) {
        List<UUID> ids = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT record_id FROM context_redaction WHERE request_id = ? ORDER BY redacted_at, record_id")) {
            ps.setObject(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the context redactions", e);
        }
        return ids;
    }

    /** The redacted native JSON of a record whose context was redacted. */
    public Optional<byte[]> redactedJson(UUID recordId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT redacted_json FROM record_redaction WHERE record_id = ?")) {
            ps.setObject(1, recordId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the redacted record", e);
        }
    }

    /**
     * Empties the person's items in the record's thread context, in the caller's transaction: the artefacts' content is
     * removed and the redacted native JSON kept. Returns how many items were redacted (0 when the record holds none of
     * the person's items or no content any more).
     */
    public int redact(
            UUID recordId,
            UUID requestId,
            String platformId,
            Collection<String> ownCommentIds,
            Instant at,
            String actor) {
        Optional<byte[]> current = redactedJson(recordId).or(() -> store.read(recordId, ArtefactKind.JSON));
        if (current.isEmpty()) {
            return 0;
        }
        JsonNode root;
        try {
            root = EventJson.mapper().readTree(current.get());
        } catch (IOException e) {
            throw new IllegalStateException("record " + recordId + " has no readable native JSON", e);
        }
        int items = 0;
        for (JsonNode item : root.path("request").path("thread")) {
            if (!(item instanceof ObjectNode o)) {
                continue;
            }
            boolean byAuthor = platformId.equals(o.path("authorId").asText(null));
            boolean byComment = ownCommentIds.contains(o.path("itemId").asText(""));
            if (byAuthor || byComment) {
                o.put("authorName", ERASED);
                o.put("text", ERASED);
                o.putNull("authorId");
                items++;
            }
        }
        if (items == 0) {
            return 0;
        }
        byte[] redacted;
        try {
            redacted = EventJson.mapper().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("could not write the redacted record", e);
        }
        String sha = HashChain.sha256(redacted);
        for (ArtefactKind kind : EnumSet.allOf(ArtefactKind.class)) {
            store.removeContent(recordId, kind, at);
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO record_redaction (record_id, redacted_json, redacted_sha256, redacted_at) "
                            + "VALUES (?, ?, ?, ?) ON CONFLICT (record_id) DO UPDATE SET redacted_json = "
                            + "excluded.redacted_json, redacted_sha256 = excluded.redacted_sha256, "
                            + "redacted_at = excluded.redacted_at")) {
                ps.setObject(1, recordId);
                ps.setBytes(2, redacted);
                ps.setString(3, sha);
                ps.setTimestamp(4, Timestamp.from(at));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO context_redaction (record_id, request_id, items, redacted_at) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT DO NOTHING")) {
                ps.setObject(1, recordId);
                ps.setObject(2, requestId);
                ps.setInt(3, items);
                ps.setTimestamp(4, Timestamp.from(at));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE record_context_item SET author_key = NULL, item_id = NULL WHERE record_id = ? "
                            + "AND (author_key = ? OR item_id = ANY (?))")) {
                ps.setObject(1, recordId);
                ps.setString(2, authorKey(platformId));
                ps.setArray(3, c.createArrayOf("text", ownCommentIds.toArray()));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the redaction of record " + recordId, e);
        }
        audit.append(
                actor,
                "CONTEXT_REDACTED",
                recordId,
                Map.of("requestId", requestId.toString(), "items", items, "redactedSha256", sha));
        return items;
    }
}
