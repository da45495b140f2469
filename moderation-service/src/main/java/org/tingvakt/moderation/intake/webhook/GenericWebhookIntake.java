package org.tingvakt.moderation.intake.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.tingvakt.moderation.intake.CommentIngestion;

/**
 * Stores a verified generic-webhook request once: its replay key (account and signature) is recorded in the same
 * transaction as its comments, so the same signed request again within the window is refused and a request whose
 * storing failed can be sent again. Shared by every instance through the database.
 */
@ApplicationScoped
public class GenericWebhookIntake {
    private final DataSource dataSource;
    private final CommentIngestion ingestion;

    public GenericWebhookIntake(DataSource dataSource, CommentIngestion ingestion) {
        this.dataSource = dataSource;
        this.ingestion = ingestion;
    }

    /** What became of the items, or empty (and nothing stored) if this request was received before. */
    @Transactional
    public Optional<CommentIngestion.Outcome> receiveOnce(
            String accountId, String replayKey, Instant keepUntil, List<PlatformItem> items) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM generic_webhook_delivery WHERE expires_at < now()")) {
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO generic_webhook_delivery (replay_key, account_id, expires_at) VALUES (?, ?, ?) "
                            + "ON CONFLICT (replay_key) DO NOTHING")) {
                ps.setString(1, replayKey);
                ps.setString(2, accountId);
                ps.setTimestamp(3, Timestamp.from(keepUntil));
                if (ps.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the webhook request", e);
        }
        return Optional.of(ingestion.ingest(items));
    }
}
