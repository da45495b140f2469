package org.tingvakt.eventing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.tingvakt.contracts.Event;
import org.tingvakt.contracts.EventType;

/**
 * The transactional outbox (ARCHITECTURE.md invariant 2): {@link #publish(Event)} writes the event in the caller's
 * database transaction, so the state change and its event commit together or not at all. The {@link OutboxRelay}
 * publishes it after the commit.
 */
@ApplicationScoped
public class Outbox {
    private static final String INSERT = "INSERT INTO outbox_event "
            + "(event_id, topic, record_key, ce_type, ce_source, ce_time, payload, traceparent) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final String source;

    public Outbox(
            DataSource dataSource,
            TransactionSynchronizationRegistry transactions,
            OutboxRelay relay,
            EventingConfig config) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.relay = relay;
        this.source = EventType.SOURCE_PREFIX + config.serviceName();
    }

    /** Writes the event for publication; must be called inside the transaction of the state change it reports. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(Event event) {
        return publishAll(List.of(event)).get(0);
    }

    /**
     * Writes several events with one JDBC batch (one round trip; with the driver's {@code reWriteBatchedInserts} one
     * multi-row insert), in the given order. Must be called inside the transaction of the state changes they report.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> publishAll(List<? extends Event> events) {
        List<UUID> ids = new ArrayList<>(events.size());
        if (events.isEmpty()) {
            return ids;
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Event event : events) {
                EventType type = EventType.of(event);
                UUID id = UUID.randomUUID();
                ids.add(id);
                ps.setObject(1, id);
                ps.setString(2, type.topic());
                ps.setString(3, event.threadKey());
                ps.setString(4, type.ceType());
                ps.setString(5, source);
                ps.setTimestamp(6, now);
                ps.setString(7, EventJson.write(event));
                // The trace of the state change travels with its event (Tracing).
                ps.setString(8, Tracing.traceparentFor(event.threadKey()));
                if (events.size() == 1) {
                    ps.executeUpdate();
                } else {
                    ps.addBatch();
                }
            }
            if (events.size() > 1) {
                ps.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the outbox", e);
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
        return ids;
    }
}
