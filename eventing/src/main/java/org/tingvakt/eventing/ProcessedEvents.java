package org.tingvakt.eventing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The idempotent-consumer log (ARCHITECTURE.md invariant 3): a consumer records the {@code ce_id} it applies in the same
 * transaction as its effect, so a redelivered event is recognised and changes nothing.
 */
@ApplicationScoped
public class ProcessedEvents {
    private static final String INSERT =
            "INSERT INTO processed_event (consumer, ce_id) VALUES (?, ?) ON CONFLICT DO NOTHING";

    private static final String INSERT_ALL =
            "INSERT INTO processed_event (consumer, ce_id) SELECT ?, unnest(?::text[]) "
                    + "ON CONFLICT DO NOTHING RETURNING ce_id";

    private final DataSource dataSource;

    public ProcessedEvents(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True the first time {@code consumer} sees {@code ceId}; false for a redelivery. Joins the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstTime(String consumer, String ceId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, consumer);
            ps.setString(2, ceId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record a processed event", e);
        }
    }

    /**
     * {@link #firstTime} for many ids in one statement: returns those seen for the first time (a redelivered id, or the
     * second of two equal ids in {@code ceIds}, is not returned). Joins the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> firstTimeAll(String consumer, Collection<String> ceIds) {
        Set<String> fresh = new HashSet<>();
        if (ceIds.isEmpty()) {
            return fresh;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT_ALL)) {
            ps.setString(1, consumer);
            ps.setArray(2, c.createArrayOf("text", ceIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getString(1));
                }
            }
            return fresh;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record processed events", e);
        }
    }
}
