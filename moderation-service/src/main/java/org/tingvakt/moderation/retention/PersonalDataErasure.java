package org.tingvakt.moderation.retention;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.tingvakt.contracts.ErasureReported;
import org.tingvakt.contracts.ErasureRequested;
import org.tingvakt.eventing.EventConsumer;
import org.tingvakt.eventing.EventJson;
import org.tingvakt.eventing.Outbox;
import org.tingvakt.eventing.PoisonEventException;
import org.tingvakt.moderation.kernel.Channels;

/**
 * An erasure request (GDPR Art. 17) from the archive, applied to what moderation-service holds: every comment version
 * and direct message the person sent (by platform id) or that holds their national ID number (by comment id, resolved
 * by the archive) is pseudonymised as retention does it (text, sender id, name, profile link, permalink, attachments);
 * their cases lose spans and the moderator's note; platform actions on those cases, and DM replies to the person, lose
 * their texts and recipient; a DM thread named after the person's id is renamed. Kept: a comment whose evidence or
 * registration is still on its way to the archive (an archive request not yet answered), reported as {@code ARCHIVING}:
 * the archive's own rules then decide, and placing the request again erases it once it is recorded.
 *
 * <p>All of it in the transaction that records the event's id, with the report written to the outbox in the same
 * transaction: a crash redelivers the event and nothing is done twice. A repeated request reports the same totals.
 */
@ApplicationScoped
public class PersonalDataErasure {
    static final String SERVICE = "moderation-service";

    private final DataSource dataSource;
    private final EventConsumer consumer;
    private final Outbox outbox;

    public PersonalDataErasure(DataSource dataSource, EventConsumer consumer, Outbox outbox) {
        this.dataSource = dataSource;
        this.consumer = consumer;
        this.outbox = outbox;
    }

    @Incoming(Channels.ERASURE_REQUESTS)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        consumer.consume(Channels.ERASURE, records, ErasureRequested.class, (event, headers) -> erase(event));
    }

    /** What one request did, as reported. */
    public record Outcome(int removed, List<ErasureReported.Kept> kept) {}

    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome erase(ErasureRequested event) {
        UUID requestId;
        try {
            requestId = UUID.fromString(event.requestId());
        } catch (RuntimeException e) {
            throw new PoisonEventException("an erasure request needs its id");
        }
        String[] senders = clean(event.senderIds());
        String[] comments = clean(event.commentIds());
        Instant now = Instant.now();
        String erasedThread = "dm-erased-" + requestId;
        int removed;
        int keptArchiving;
        try (Connection c = dataSource.getConnection()) {
            Array senderArray = c.createArrayOf("text", senders);
            Array commentArray = c.createArrayOf("text", comments);
            List<UUID> kept = ids(
                    c,
                    "SELECT v.id FROM comment_version v JOIN moderation_case mc ON mc.platform = v.platform "
                            + "AND mc.comment_id = v.comment_id JOIN archive_request r ON r.case_id = mc.id "
                            + "AND r.state = 'REQUESTED' WHERE v.sender_id = ANY (?) OR v.comment_id = ANY (?)",
                    senderArray,
                    commentArray);
            Array keptArray = c.createArrayOf("uuid", kept.toArray());
            // The person's DM threads are named after their id; a thread that still holds a kept message keeps its
            // name.
            List<String> dmPosts = new ArrayList<>();
            for (String sender : senders) {
                dmPosts.add("dm-" + sender);
            }
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT DISTINCT post_id FROM comment_version WHERE id = ANY (?)")) {
                ps.setArray(1, keptArray);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        dmPosts.remove(rs.getString(1));
                    }
                }
            }
            Array dmArray = c.createArrayOf("text", dmPosts.toArray());
            List<UUID> erased = ids(
                    c,
                    "UPDATE comment_version SET text = '', sender_id = NULL, sender_name = NULL, "
                            + "sender_profile_url = NULL, permalink = NULL, attachments = '{}', "
                            + "personal_data_removed_at = coalesce(personal_data_removed_at, ?) "
                            + "WHERE (sender_id = ANY (?) OR comment_id = ANY (?)) AND NOT (id = ANY (?)) "
                            + "AND (text <> '' OR sender_id IS NOT NULL OR sender_name IS NOT NULL "
                            + "OR permalink IS NOT NULL) RETURNING id",
                    Timestamp.from(now),
                    senderArray,
                    commentArray,
                    keptArray);
            Array erasedArray = c.createArrayOf("uuid", erased.toArray());
            update(
                    c,
                    "UPDATE moderation_case SET spans = '[]', decision_note = NULL WHERE comment_version_id = ANY (?)",
                    erasedArray);
            int actions = update(
                    c,
                    "UPDATE platform_action SET text = NULL, result_message = NULL, target_id = CASE WHEN "
                            + "operation = 'DM_REPLY' THEN '' ELSE target_id END WHERE (case_id IN (SELECT mc.id FROM "
                            + "moderation_case mc WHERE mc.comment_version_id = ANY (?)) OR (operation = 'DM_REPLY' "
                            + "AND target_id = ANY (?))) AND (text IS NOT NULL OR result_message IS NOT NULL "
                            + "OR (operation = 'DM_REPLY' AND target_id <> ''))",
                    erasedArray,
                    senderArray);
            // Every row of such a thread gets a name without the id.
            String key = "substr(thread_key, 1, position(':' in thread_key)) || ?";
            update(
                    c,
                    "UPDATE comment_version SET post_id = ?, thread_key = " + key + " WHERE post_id = ANY (?)",
                    erasedThread,
                    erasedThread,
                    dmArray);
            update(
                    c,
                    "UPDATE moderation_case SET thread_key = " + key + " WHERE thread_key LIKE '%:dm-%' AND "
                            + "substr(thread_key, position(':' in thread_key) + 1) = ANY (?)",
                    erasedThread,
                    dmArray);
            update(
                    c,
                    "UPDATE thread_notice_state SET post_id = ?, thread_key = " + key + " WHERE post_id = ANY (?)",
                    erasedThread,
                    erasedThread,
                    dmArray);
            keptArchiving = kept.size();
            removed = erased.size() + actions;
            Integer before = null;
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT removed FROM erasure_applied WHERE request_id = ? FOR UPDATE")) {
                ps.setObject(1, requestId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        before = rs.getInt(1);
                    }
                }
            }
            removed += before == null ? 0 : before;
            List<ErasureReported.Kept> keptList = keptArchiving == 0
                    ? List.of()
                    : List.of(new ErasureReported.Kept("comment versions", "ARCHIVING", keptArchiving));
            update(
                    c,
                    "INSERT INTO erasure_applied (request_id, removed, kept, applied_at) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT (request_id) DO UPDATE SET removed = excluded.removed, kept = excluded.kept, "
                            + "applied_at = excluded.applied_at",
                    requestId,
                    removed,
                    EventJson.mapper().writeValueAsString(keptList),
                    Timestamp.from(now));
            outbox.publish(new ErasureReported(
                    event.requestId(),
                    ErasureRequested.keyOf(event.requestId()),
                    SERVICE,
                    removed,
                    keptList,
                    "comments, direct messages, their cases' spans and notes, and platform-action texts",
                    now));
            return new Outcome(removed, keptList);
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not apply the erasure request", e);
        }
    }

    private static String[] clean(List<String> values) {
        if (values == null) {
            return new String[0];
        }
        return values.stream()
                .filter(v -> v != null && !v.isBlank() && v.length() <= 200)
                .map(String::trim)
                .distinct()
                .toArray(String[]::new);
    }

    private static List<UUID> ids(Connection c, String sql, Object... params) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }
}
