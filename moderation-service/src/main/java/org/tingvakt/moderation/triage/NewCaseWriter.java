package org.tingvakt.moderation.triage;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import javax.sql.DataSource;
import org.tingvakt.eventing.EventJson;
import org.tingvakt.moderation.triage.cases.ModerationCase;

/**
 * Inserts the new cases of a classification batch with one JDBC batch (one multi-row insert with the driver's
 * {@code reWriteBatchedInserts}), in the consumer's transaction.
 *
 * <p>Hand-written rather than {@code persist()}: for every new case Hibernate deep-copied the two JSON columns (scores,
 * spans) by writing and re-reading them with Jackson at persist, again to bind the insert and again to dirty-check at
 * flush — the largest single cost of the classifier consumer in the profile (docs/ingestion.md, section 8). The cases
 * are read back through Hibernate as usual ({@code ModerationCase}); the column list below is that entity's.
 */
@ApplicationScoped
public class NewCaseWriter {
    private static final String INSERT = "INSERT INTO moderation_case (id, platform, comment_id, comment_version_id, "
            + "version, account_id, thread_key, state, language, labels, intents, scores, spans, policy_action, "
            + "received_at, created_at, updated_at, traceparent, lock_version) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, 0)";

    private final DataSource dataSource;

    public NewCaseWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void insertAll(Collection<ModerationCase> cases) {
        if (cases.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (ModerationCase mc : cases) {
                ps.setObject(1, mc.id);
                ps.setString(2, mc.platform.name());
                ps.setString(3, mc.commentId);
                ps.setObject(4, mc.commentVersionId);
                ps.setInt(5, mc.version);
                ps.setObject(6, mc.accountId);
                ps.setString(7, mc.threadKey);
                ps.setString(8, mc.state.name());
                ps.setString(9, mc.language);
                ps.setArray(10, c.createArrayOf("text", mc.labels.toArray()));
                ps.setArray(11, c.createArrayOf("text", mc.intents.toArray()));
                ps.setString(12, EventJson.mapper().writeValueAsString(mc.scores));
                ps.setString(13, EventJson.mapper().writeValueAsString(mc.spans));
                ps.setString(14, mc.policyAction);
                ps.setTimestamp(15, ts(mc.receivedAt));
                ps.setTimestamp(16, ts(mc.createdAt));
                ps.setTimestamp(17, ts(mc.updatedAt));
                // The classification's trace: the moderator's decision, hours later, continues it (Tracing).
                ps.setString(18, mc.traceparent);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not store new cases", e);
        }
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
