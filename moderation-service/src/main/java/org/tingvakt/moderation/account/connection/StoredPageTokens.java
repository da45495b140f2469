package org.tingvakt.moderation.account.connection;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The stored (sealed) page token of a connected account, opened for one Graph call. Plain JDBC, so that the connector
 * can ask from any worker thread, without a request context or a transaction of its own.
 */
@ApplicationScoped
public class StoredPageTokens {
    private static final Logger LOG = Logger.getLogger(StoredPageTokens.class);
    private final DataSource db;
    private final TokenKeys keys;

    public StoredPageTokens(DataSource db, TokenKeys keys) {
        this.db = db;
        this.keys = keys;
    }

    /** The token of the connected account with this platform id; empty when not connected or it does not open. */
    public Optional<String> tokenFor(String externalId) {
        if (keys.ring().isEmpty()) {
            return Optional.empty();
        }
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT platform, sealed_token FROM page_connection WHERE external_id = ?")) {
            s.setString(1, externalId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Optional<String> token = keys.ring().get().open(r.getString(2), r.getString(1) + ":" + externalId);
                if (token.isEmpty()) {
                    LOG.warnf(
                            "the stored token of account %s does not open with the keys in TINGVAKT_TOKEN_KEY",
                            externalId);
                }
                return token;
            }
        } catch (SQLException e) {
            LOG.warnf("could not read the stored token of account %s: %s", externalId, e.getSQLState());
            return Optional.empty();
        }
    }
}
