package org.tingvakt.notifier.notification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;

/** Inserts open deadlines with one due escalation each, straight into the tables (for dispatcher tests and the benchmark). */
final class DueRows {
    private DueRows() {}

    /** {@code count} open deadlines of {@code account}, due at {@code dueAt}, each with an ESCALATION_EDITORS row then. */
    static void insert(DataSource ds, String account, int count, Instant dueAt) throws SQLException {
        OffsetDateTime due = OffsetDateTime.ofInstant(dueAt, ZoneOffset.UTC);
        try (Connection c = ds.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement d = c.prepareStatement(
                            "INSERT INTO reply_deadline (id, case_id, comment_id, platform,"
                                    + " account_id, thread_key, intent, rule, country, time_zone, received_at, due_at, state)"
                                    + " VALUES (?, ?, ?, 'FACEBOOK', ?, ?, 'QUESTION', 'NEXT_WORKDAY', 'SE', 'Europe/Stockholm', ?, ?, 'OPEN')");
                    PreparedStatement n =
                            c.prepareStatement("INSERT INTO notification (id, deadline_id, account_id, kind,"
                                    + " due_at) VALUES (?, ?, ?, 'ESCALATION_EDITORS', ?)")) {
                for (int i = 0; i < count; i++) {
                    UUID id = UUID.randomUUID();
                    d.setObject(1, id);
                    d.setString(2, "bench-" + id);
                    d.setString(3, "c-" + id);
                    d.setString(4, account);
                    d.setString(5, "facebook:" + account);
                    d.setObject(6, due.minusDays(1));
                    d.setObject(7, due);
                    d.addBatch();
                    n.setObject(1, UUID.randomUUID());
                    n.setObject(2, id);
                    n.setString(3, account);
                    n.setObject(4, due);
                    n.addBatch();
                    if (i % 1000 == 999 || i == count - 1) {
                        d.executeBatch();
                        n.executeBatch();
                    }
                }
                c.commit();
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }
}
