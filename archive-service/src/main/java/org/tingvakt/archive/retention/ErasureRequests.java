package org.tingvakt.archive.retention;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.tingvakt.contracts.ErasureReported;
import org.tingvakt.eventing.EventConsumer;
import org.tingvakt.eventing.EventJson;
import org.tingvakt.problem.ProblemException;

/**
 * The erasure requests and their combined report. The archive's own part is stored when a request is placed; every
 * other service answers the {@code ErasureRequested} event with an {@link ErasureReported} that this consumer stores
 * (once per event, in the transaction that records the event's id). A request is complete when every service in
 * {@link #SERVICES} has answered.
 */
@ApplicationScoped
public class ErasureRequests {
    public static final String ARCHIVE = "archive-service";

    /** Every service that holds personal data and answers an erasure request. */
    public static final List<String> SERVICES = List.of(ARCHIVE, "moderation-service", "notifier-service");

    static final String CHANNEL = "erasure-reports";
    private static final String CONSUMER = "archive-erasure-reports";
    private static final TypeReference<List<ErasureReported.Kept>> KEPT = new TypeReference<>() {};

    private final DataSource dataSource;
    private final EventConsumer consumer;

    public ErasureRequests(DataSource dataSource, EventConsumer consumer) {
        this.dataSource = dataSource;
        this.consumer = consumer;
    }

    /** One service's answer as the requester sees it. */
    public record ServiceReport(
            String service, int removed, List<ErasureReported.Kept> kept, String note, Instant reportedAt) {}

    /** The combined report: the archive's details and every service's answer; complete when all have answered. */
    public record Combined(
            UUID requestId,
            String subjectKind,
            Instant requestedAt,
            boolean complete,
            List<String> waitingFor,
            List<ServiceReport> services,
            RetentionService.ErasureReport archive) {}

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        consumer.consume(CONSUMER, records, ErasureReported.class, (report, headers) -> received(report));
    }

    void received(ErasureReported report) {
        UUID requestId;
        try {
            requestId = UUID.fromString(report.requestId());
        } catch (RuntimeException e) {
            throw new org.tingvakt.eventing.PoisonEventException("an erasure report needs the request's id");
        }
        if (report.service() == null
                || report.service().isBlank()
                || report.service().length() > 100) {
            throw new org.tingvakt.eventing.PoisonEventException("an erasure report needs the service's name");
        }
        upsert(
                requestId,
                report.service(),
                report.removed(),
                report.kept() == null ? List.of() : report.kept(),
                report.note(),
                report.reportedAt() == null ? Instant.now() : report.reportedAt());
    }

    /** Stores a new request (or the archive's new report on a repeated one) in the caller's transaction. */
    void store(
            UUID requestId,
            boolean isNew,
            String kind,
            String subjectKey,
            String actor,
            Instant at,
            RetentionService.ErasureReport report) {
        String json = write(report);
        try (Connection c = dataSource.getConnection()) {
            if (isNew) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO erasure_request (id, subject_kind, subject_sha256, requested_by, requested_at, report) "
                                + "VALUES (?, ?, ?, ?, ?, ?)")) {
                    ps.setObject(1, requestId);
                    ps.setString(2, kind);
                    ps.setString(3, subjectKey);
                    ps.setString(4, actor);
                    ps.setTimestamp(5, Timestamp.from(at));
                    ps.setString(6, json);
                    ps.executeUpdate();
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement("UPDATE erasure_request SET report = ? WHERE id = ?")) {
                    ps.setString(1, json);
                    ps.setObject(2, requestId);
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the erasure request", e);
        }
        List<ErasureReported.Kept> kept = new ArrayList<>();
        group(kept, "records", report.kept());
        group(kept, "thread context in other records", report.contextKept());
        upsert(
                requestId,
                ARCHIVE,
                report.removed().size() + report.contextRedacted().size(),
                kept,
                report.alreadyRemoved().isEmpty()
                        ? null
                        : report.alreadyRemoved().size() + " records had lost their personal data before",
                at);
    }

    private static void group(List<ErasureReported.Kept> into, String what, List<RetentionService.Kept> kept) {
        kept.stream()
                .collect(Collectors.groupingBy(
                        RetentionService.Kept::why, java.util.TreeMap::new, Collectors.counting()))
                .forEach((why, n) -> into.add(new ErasureReported.Kept(what, why, n.intValue())));
    }

    private void upsert(
            UUID requestId, String service, int removed, List<ErasureReported.Kept> kept, String note, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO erasure_service_report (request_id, service, removed, kept, note, reported_at) "
                                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (request_id, service) DO UPDATE SET "
                                + "removed = excluded.removed, kept = excluded.kept, note = excluded.note, "
                                + "reported_at = excluded.reported_at")) {
            ps.setObject(1, requestId);
            ps.setString(2, service);
            ps.setInt(3, removed);
            ps.setString(4, write(kept));
            ps.setString(5, note);
            ps.setTimestamp(6, Timestamp.from(at));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the erasure report", e);
        }
    }

    /** One request in the list: whether its combined report is complete, and whom it still waits for. */
    public record Summary(
            UUID requestId, String subjectKind, Instant requestedAt, boolean complete, List<String> waitingFor) {}

    /** The newest requests first, at most {@code limit}; never the subject (only its kind). */
    public List<Summary> list(int limit) {
        List<Summary> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT e.id, e.subject_kind, e.requested_at, "
                        + "ARRAY(SELECT s.service FROM erasure_service_report s WHERE s.request_id = e.id) "
                        + "FROM erasure_request e ORDER BY e.requested_at DESC, e.id LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> waiting = new ArrayList<>(SERVICES);
                    waiting.removeAll(List.of((String[]) rs.getArray(4).getArray()));
                    out.add(new Summary(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getTimestamp(3).toInstant(),
                            waiting.isEmpty(),
                            waiting));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not list the erasure requests", e);
        }
        return out;
    }

    /** The combined report of one request. */
    public Combined combined(UUID requestId) {
        try (Connection c = dataSource.getConnection()) {
            String kind;
            Instant requestedAt;
            RetentionService.ErasureReport archive;
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT subject_kind, requested_at, report FROM erasure_request WHERE id = ?")) {
                ps.setObject(1, requestId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ProblemException.notFound("no erasure request " + requestId);
                    }
                    kind = rs.getString(1);
                    requestedAt = rs.getTimestamp(2).toInstant();
                    archive = read(rs.getString(3));
                }
            }
            List<ServiceReport> services = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT service, removed, kept, note, reported_at FROM erasure_service_report "
                            + "WHERE request_id = ? ORDER BY service")) {
                ps.setObject(1, requestId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        services.add(new ServiceReport(
                                rs.getString(1),
                                rs.getInt(2),
                                EventJson.mapper().readValue(rs.getString(3), KEPT),
                                rs.getString(4),
                                rs.getTimestamp(5).toInstant()));
                    }
                }
            }
            List<String> waiting = new ArrayList<>(SERVICES);
            services.forEach(s -> waiting.remove(s.service()));
            return new Combined(requestId, kind, requestedAt, waiting.isEmpty(), waiting, services, archive);
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not read the erasure request", e);
        }
    }

    private static RetentionService.ErasureReport read(String json) {
        if (json == null) {
            return null;
        }
        try {
            return EventJson.mapper().readValue(json, RetentionService.ErasureReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored erasure report is not readable", e);
        }
    }

    private static String write(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the erasure report", e);
        }
    }
}
