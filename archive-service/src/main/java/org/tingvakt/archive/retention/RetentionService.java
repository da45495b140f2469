package org.tingvakt.archive.retention;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.tingvakt.archive.audit.AuditLog;
import org.tingvakt.archive.config.ArchiveConfig;
import org.tingvakt.archive.record.ArchiveRecord;
import org.tingvakt.archive.record.RegistrationState;
import org.tingvakt.archive.storage.ArtefactKind;
import org.tingvakt.archive.storage.ArtefactStore;
import org.tingvakt.contracts.ErasureRequested;
import org.tingvakt.eventing.Outbox;
import org.tingvakt.problem.ProblemException;

/**
 * Retention and the rights of the people in the records: legal holds, culling of personal data after the account's
 * retention period, and erasure requests. Removing personal data removes the artefacts' content, the indexed text and
 * the sender's identity; the record's metadata and hashes stay, so the hash chain still verifies. Registered records and
 * records on legal hold are never touched. Every disposal is logged (what, when, which rule) without the content.
 */
@ApplicationScoped
public class RetentionService {
    /** What a disposal removes. */
    public static final String REMOVED = "PDF,PNG,JSON,search_text,sender_id,sender_name,reason";

    private final DataSource dataSource;
    private final ArtefactStore store;
    private final AuditLog audit;
    private final SubjectKeys subjectKeys;
    private final int batchSize;
    private final ThreadContexts contexts;
    private final ErasureRequests requests;
    private final Outbox outbox;

    public RetentionService(
            DataSource dataSource,
            ArtefactStore store,
            AuditLog audit,
            SubjectKeys subjectKeys,
            ThreadContexts contexts,
            ErasureRequests requests,
            Outbox outbox,
            ArchiveConfig config) {
        this.batchSize = config.retention().batchSize();
        this.contexts = contexts;
        this.requests = requests;
        this.outbox = outbox;
        this.subjectKeys = subjectKeys;
        this.dataSource = dataSource;
        this.store = store;
        this.audit = audit;
    }

    @Transactional
    public ArchiveRecord placeHold(UUID id, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.badRequest("a legal hold needs a reason");
        }
        ArchiveRecord r = find(id);
        if (r.personalDataRemovedAt != null) {
            throw ProblemException.conflict("record " + id + " was already disposed of");
        }
        r.legalHold = true;
        r.legalHoldReason = reason;
        audit.append(actor, "HOLD_PLACED", id, Map.of("reason", reason));
        return r;
    }

    @Transactional
    public ArchiveRecord releaseHold(UUID id, String actor) {
        ArchiveRecord r = find(id);
        if (!r.legalHold) {
            throw ProblemException.conflict("record " + id + " has no legal hold");
        }
        r.legalHold = false;
        r.legalHoldReason = null;
        audit.append(actor, "HOLD_RELEASED", id, Map.of());
        return r;
    }

    /**
     * The outcome of a retention run: how many records it disposed of, in how many batches (each its own short
     * transaction), and how many records past their retention period it kept because their registration is still to be
     * assessed (an archivist decides them first: a record that must be registered may not be culled).
     */
    public record RetentionRun(Instant asOf, int disposed, int batches, long keptPendingAssessment) {
        public RetentionRun(Instant asOf, int disposed) {
            this(asOf, disposed, 0, 0);
        }
    }

    private static final String DUE = "FROM archive_record r LEFT JOIN account_rule a ON a.account_id = r.account_id "
            + "WHERE r.personal_data_removed_at IS NULL AND r.registration_state = ? "
            + "AND NOT r.legal_hold AND r.captured_at < ?::timestamptz "
            + "- make_interval(months => coalesce(a.retention_months, ?))";

    /**
     * Culls personal data from every record past its account's retention period (default 18 months after capture)
     * whose registration was assessed as not required and that is not on legal hold. Registered records, records on
     * legal hold and records still pending their registration assessment are kept (the last are counted in the
     * outcome). Works in batches of {@code tingvakt.archive.retention.batch-size} records, each in its own transaction,
     * so an interrupted run leaves only whole batches done and the next run resumes with the rest.
     */
    public RetentionRun run(Instant asOf, int defaultMonths, String actor) {
        QuarkusTransaction.requiringNew().run(this::renameStrippedDmThreads);
        int disposed = 0;
        int batches = 0;
        while (true) {
            int n = QuarkusTransaction.requiringNew().call(() -> runBatch(asOf, defaultMonths, actor));
            if (n == 0) {
                break;
            }
            disposed += n;
            batches++;
            if (n < batchSize) {
                break;
            }
        }
        long pending = count("SELECT count(*) " + DUE, asOf, defaultMonths, RegistrationState.PENDING);
        return new RetentionRun(asOf, disposed, batches, pending);
    }

    private int runBatch(Instant asOf, int defaultMonths, String actor) {
        List<UUID> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT r.id " + DUE + " ORDER BY r.captured_at LIMIT ? FOR UPDATE OF r SKIP LOCKED")) {
            ps.setString(1, RegistrationState.NOT_REQUIRED.name());
            ps.setTimestamp(2, Timestamp.from(asOf));
            ps.setInt(3, defaultMonths);
            ps.setInt(4, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not find records due for culling", e);
        }
        for (UUID id : due) {
            ArchiveRecord r = find(id);
            dispose(r, "RETENTION " + months(r.accountId, defaultMonths) + " months after capture", asOf, actor);
        }
        ArchiveRecord.flush();
        return due.size();
    }

    private long count(String sql, Instant asOf, int defaultMonths, RegistrationState state) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, state.name());
            ps.setTimestamp(2, Timestamp.from(asOf));
            ps.setInt(3, defaultMonths);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the records kept for assessment", e);
        }
    }

    private static int months(String accountId, int defaultMonths) {
        org.tingvakt.archive.account.AccountRule rule = org.tingvakt.archive.account.AccountRule.findById(accountId);
        return rule == null ? defaultMonths : rule.retentionMonths;
    }

    /** Who an erasure request is about. */
    public enum SubjectKind {
        PLATFORM_ID,
        NATIONAL_ID
    }

    /**
     * What an erasure request found and did in the archive: the person's own records removed, kept (and why) or removed
     * before; and other people's records that quoted the person as thread context, redacted or kept (and why). A
     * repeated request for the same person is the same request: the same id and, when nothing new was found, the same
     * report.
     */
    public record ErasureReport(
            UUID requestId,
            SubjectKind subjectKind,
            int found,
            List<UUID> removed,
            List<Kept> kept,
            List<UUID> alreadyRemoved,
            List<UUID> contextRedacted,
            List<Kept> contextKept) {}

    /** A record kept despite the request, and why (REGISTERED or LEGAL_HOLD). */
    public record Kept(UUID recordId, String why, String registrationNumber) {}

    /**
     * Removes the subject's personal data from every record that holds it and that is neither registered nor on legal
     * hold, and (for a platform id) redacts the person's comments quoted as thread context in other people's records
     * under the same rule, in batches of {@code tingvakt.archive.retention.batch-size} records, each its own transaction.
     * Then, in one transaction, stores the request with the archive's report and publishes an {@link ErasureRequested}
     * through the outbox, so that moderation-service and notifier-service erase what they hold and report back
     * ({@link ErasureRequests}). A request interrupted by a crash is resumed by placing it again; a repeated request
     * for the same person keeps the first request's id. The subject is stored and audited only as its keyed HMAC
     * ({@link SubjectKeys}), never in clear or as a plain hash; a national ID number never leaves the archive: the event
     * carries the ids of the comments that hold it.
     */
    public ErasureReport erase(SubjectKind kind, String subject, String actor) {
        if (kind == null || subject == null || subject.isBlank() || subject.length() > 200) {
            throw ProblemException.badRequest(
                    "an erasure request needs subjectKind (PLATFORM_ID or NATIONAL_ID) and subject");
        }
        String subjectKey = subjectKey(kind, subject);
        Optional<UUID> earlier = requestOf(subjectKey);
        // The id follows from the keyed subject, so a request interrupted between its batches (before it was stored)
        // is resumed under the same id when placed again: the records its first batches removed carry that id's rule
        // and are reported as removed by it, not as removed before.
        UUID requestId = earlier.orElseGet(() -> UUID.nameUUIDFromBytes(
                ("erasure-request:" + subjectKey).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        String rule = "ERASURE_REQUEST " + requestId;
        Set<UUID> found = kind == SubjectKind.PLATFORM_ID ? bySender(subject.trim()) : byNationalId(subject);
        found.addAll(ids("SELECT id FROM archive_record WHERE removal_rule = ?", rule));
        // Read and report inside transactions: each has its own persistence context, so no entity read here is stale
        // after the batches below changed it.
        Set<String> commentIds = new LinkedHashSet<>();
        QuarkusTransaction.requiringNew().run(() -> found.forEach(id -> commentIds.add(find(id).commentId)));
        Instant now = Instant.now();
        List<UUID> all = new ArrayList<>(found);
        for (int from = 0; from < all.size(); from += batchSize) {
            List<UUID> batch = all.subList(from, Math.min(all.size(), from + batchSize));
            QuarkusTransaction.requiringNew().run(() -> {
                for (UUID id : batch) {
                    ArchiveRecord r = find(id);
                    if (r.registrationState != RegistrationState.REGISTERED
                            && !r.legalHold
                            && r.personalDataRemovedAt == null) {
                        dispose(r, rule, now, actor);
                    }
                }
                ArchiveRecord.flush();
            });
        }
        List<UUID> context = new ArrayList<>();
        if (kind == SubjectKind.PLATFORM_ID) {
            context.addAll(contexts.quoting(subject.trim(), commentIds));
            context.removeAll(found);
            for (int from = 0; from < context.size(); from += batchSize) {
                List<UUID> batch = context.subList(from, Math.min(context.size(), from + batchSize));
                QuarkusTransaction.requiringNew().run(() -> {
                    for (UUID id : batch) {
                        ArchiveRecord r = find(id);
                        if (r.registrationState != RegistrationState.REGISTERED
                                && !r.legalHold
                                && r.personalDataRemovedAt == null
                                && !contexts.redactedBy(id, requestId)) {
                            contexts.redact(id, requestId, subject.trim(), commentIds, now, actor);
                        }
                    }
                });
            }
        }
        ErasureReport report = QuarkusTransaction.requiringNew().call(() -> reportOf(requestId, kind, found, context));
        List<String> senderIds = kind == SubjectKind.PLATFORM_ID ? List.of(subject.trim()) : List.of();
        List<String> eventCommentIds = kind == SubjectKind.NATIONAL_ID ? List.copyOf(commentIds) : List.of();
        QuarkusTransaction.requiringNew().run(() -> {
            requests.store(requestId, earlier.isEmpty(), kind.name(), subjectKey, actor, now, report);
            outbox.publish(new ErasureRequested(
                    requestId.toString(),
                    ErasureRequested.keyOf(requestId.toString()),
                    senderIds,
                    eventCommentIds,
                    now));
            audit.append(
                    actor,
                    "ERASURE_REQUEST",
                    null,
                    Map.of(
                            "requestId",
                            requestId.toString(),
                            "subjectKind",
                            kind.name(),
                            "subjectHmac",
                            subjectKey,
                            "found",
                            report.found(),
                            "removed",
                            report.removed().size(),
                            "kept",
                            report.kept().size(),
                            "contextRedacted",
                            report.contextRedacted().size()));
        });
        return report;
    }

    /** The archive's part of a request as it stands: the same whenever it is asked again with nothing new. */
    private ErasureReport reportOf(UUID requestId, SubjectKind kind, Set<UUID> foundIds, List<UUID> contextIds) {
        String rule = "ERASURE_REQUEST " + requestId;
        List<UUID> found = foundIds.stream().sorted().toList();
        List<UUID> context = contextIds.stream().sorted().toList();
        List<UUID> removed = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        List<UUID> already = new ArrayList<>();
        for (UUID id : found) {
            ArchiveRecord r = find(id);
            if (rule.equals(r.removalRule)) {
                removed.add(id);
            } else if (r.registrationState == RegistrationState.REGISTERED) {
                kept.add(new Kept(id, "REGISTERED", r.registrationNumber));
            } else if (r.legalHold) {
                kept.add(new Kept(id, "LEGAL_HOLD", null));
            } else {
                already.add(id);
            }
        }
        List<UUID> redacted =
                contexts.redactedByRequest(requestId).stream().sorted().toList();
        List<Kept> contextKept = new ArrayList<>();
        for (UUID id : context) {
            if (redacted.contains(id)) {
                continue;
            }
            ArchiveRecord r = find(id);
            if (r.registrationState == RegistrationState.REGISTERED) {
                contextKept.add(new Kept(id, "REGISTERED", r.registrationNumber));
            } else if (r.legalHold) {
                contextKept.add(new Kept(id, "LEGAL_HOLD", null));
            }
        }
        return new ErasureReport(requestId, kind, found.size(), removed, kept, already, redacted, contextKept);
    }

    /** The earliest request for this (keyed) subject, if any. */
    private Optional<UUID> requestOf(String subjectKey) {
        Set<UUID> earlier = ids(
                "SELECT id FROM erasure_request WHERE subject_sha256 = ? ORDER BY requested_at LIMIT 1", subjectKey);
        return earlier.stream().findFirst();
    }

    /**
     * The subject as the erasure log keeps it: an HMAC-SHA256 under the archive's subject key. A national ID number is
     * keyed in its canonical form (the same key the record index holds), so a plain hash that anyone could reverse by
     * trying every possible number is never stored.
     */
    String subjectKey(SubjectKind kind, String subject) {
        if (kind == SubjectKind.NATIONAL_ID) {
            return subjectKeys.keyOf(SubjectKeys.canonical(subject).orElse(subject.replaceAll("[^0-9]", "")));
        }
        return subjectKeys.keyOf("platform-id:" + subject.trim());
    }

    private void dispose(ArchiveRecord r, String rule, Instant at, String actor) {
        for (ArtefactKind kind : EnumSet.allOf(ArtefactKind.class)) {
            store.removeContent(r.id, kind, at);
        }
        subjectKeys.forget(r.id);
        r.searchText = null;
        r.senderId = null;
        r.senderName = null;
        r.reason = null;
        r.threadKey = withoutSender(r.threadKey);
        r.personalDataRemovedAt = at;
        r.removalRule = rule;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO disposal_log (record_id, account_id, disposed_at, rule, removed) VALUES (?, ?, ?, ?, ?)")) {
            ps.setObject(1, r.id);
            ps.setString(2, r.accountId);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setString(4, rule);
            ps.setString(5, REMOVED);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not log the disposal", e);
        }
        audit.append(actor, "DISPOSED", r.id, Map.of("rule", rule, "removed", REMOVED));
    }

    /** What a DM thread is called once its sender is removed: a DM thread is named after the sender's id. */
    public static final String REMOVED_DM_THREAD = "dm-removed";

    /**
     * The thread key without the sender: a direct message's thread is {@code <platform>:dm-<sender id>}, so it loses
     * the id with the record's other personal data; a comment thread's key names a post and stays.
     */
    static String withoutSender(String threadKey) {
        if (threadKey == null) {
            return null;
        }
        int colon = threadKey.indexOf(':');
        String thread = threadKey.substring(colon + 1);
        return thread.startsWith("dm-") ? threadKey.substring(0, colon + 1) + REMOVED_DM_THREAD : threadKey;
    }

    /**
     * Records stripped of their sender before the thread key followed it (or by a release that did not yet rename it)
     * still name a DM thread after the sender; every run renames them. A backfill here, not in a migration: migrations
     * only add (the previous release runs beside the new one during an upgrade).
     */
    void renameStrippedDmThreads() {
        String thread = "substr(thread_key, position(':' in thread_key) + 1)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE archive_record SET thread_key = "
                        + "substr(thread_key, 1, position(':' in thread_key)) || ? WHERE sender_id IS NULL "
                        + "AND personal_data_removed_at IS NOT NULL AND " + thread + " LIKE 'dm-%' AND " + thread
                        + " <> ?")) {
            ps.setString(1, REMOVED_DM_THREAD);
            ps.setString(2, REMOVED_DM_THREAD);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not rename the DM threads of stripped records", e);
        }
    }

    /** The records that hold this national ID number (keyed index, then a scan of records not indexed under it). */
    public Set<UUID> recordsHoldingNationalId(String nationalId) {
        return byNationalId(nationalId);
    }

    /** The records whose sender is this platform id (those not yet stripped of it). */
    public Set<UUID> recordsOfSender(String platformId) {
        return bySender(platformId);
    }

    private Set<UUID> bySender(String platformId) {
        return ids("SELECT id FROM archive_record WHERE sender_id = ?", platformId);
    }

    /**
     * Records that hold the number: an index lookup of its keyed hash ({@link SubjectKeys}), which the recorder filled at
     * capture from the comment and its thread. Records not indexed under the running key (captured before that index
     * existed, or indexed under a key since changed, until the backfill has re-indexed them) are found by scanning their
     * native JSON for the number, written with or without separators (a Swedish 12-digit personnummer also in its
     * 10-digit form).
     */
    private Set<UUID> byNationalId(String nationalId) {
        String digits = nationalId.replaceAll("[^0-9]", "");
        if (digits.length() < 9 || digits.length() > 12) {
            throw ProblemException.badRequest("a national ID number has 9 to 12 digits");
        }
        Set<UUID> found = new LinkedHashSet<>();
        SubjectKeys.canonical(nationalId).ifPresent(canonical -> found.addAll(subjectKeys.recordsOf(canonical)));
        String unindexed = "SELECT a.record_id FROM artefact a JOIN archive_record r ON r.id = a.record_id "
                + "WHERE (r.subject_keys_key IS NULL OR r.subject_keys_key <> ?) AND a.kind = 'JSON' "
                + "AND a.content IS NOT NULL AND convert_from(a.content, 'UTF8') ~ ?";
        found.addAll(ids(unindexed, subjectKeys.fingerprint(), digitsPattern(digits)));
        if (digits.length() == 12 && (digits.startsWith("19") || digits.startsWith("20"))) {
            found.addAll(ids(unindexed, subjectKeys.fingerprint(), digitsPattern(digits.substring(2))));
        }
        return found;
    }

    /** The digits with optional space, hyphen or plus between them, not inside a longer number. */
    static String digitsPattern(String digits) {
        StringBuilder p = new StringBuilder("(^|[^0-9])");
        for (int i = 0; i < digits.length(); i++) {
            p.append(i == 0 ? "" : "[ +-]?").append(digits.charAt(i));
        }
        return p.append("([^0-9]|$)").toString();
    }

    private Set<UUID> ids(String sql, String... params) {
        Set<UUID> ids = new LinkedHashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not search the records", e);
        }
        return ids;
    }

    private static ArchiveRecord find(UUID id) {
        return ArchiveRecord.<ArchiveRecord>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("no record " + id));
    }
}
