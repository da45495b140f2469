package org.tingvakt.archive.retention;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.tingvakt.archive.audit.AuditLog;
import org.tingvakt.archive.record.ArchiveRecord;
import org.tingvakt.archive.storage.ArtefactKind;
import org.tingvakt.archive.storage.ArtefactStore;
import org.tingvakt.eventing.EventJson;
import org.tingvakt.problem.ProblemException;

/**
 * An access request (GDPR Art. 15) answered from the archive: every record of the sender's platform id with what it
 * holds (the comment, its thread context, its registration and the decisions in its history) and the other records
 * that quote the person as thread context. The request itself is audited (who asked, how many records), never its
 * content.
 */
@ApplicationScoped
public class AccessRequests {
    private final RetentionService retention;
    private final ThreadContexts contexts;
    private final ArtefactStore store;
    private final AuditLog audit;

    public AccessRequests(RetentionService retention, ThreadContexts contexts, ArtefactStore store, AuditLog audit) {
        this.retention = retention;
        this.contexts = contexts;
        this.store = store;
        this.audit = audit;
    }

    /** One record as the person may see it; {@code content} is the request as captured, or null once removed. */
    public record RecordData(
            UUID recordId,
            String caseId,
            String commentId,
            String accountId,
            Instant postedAt,
            Instant capturedAt,
            List<String> labels,
            String reason,
            String registrationState,
            String registrationNumber,
            boolean legalHold,
            Instant personalDataRemovedAt,
            JsonNode content,
            List<AuditLog.Entry> history) {}

    /** The archive's answer to an access request. */
    public record Export(
            String subjectKind, Instant generatedAt, String service, List<RecordData> records, List<UUID> quotedIn) {}

    @Transactional
    public Export export(String platformId, String actor) {
        if (platformId == null || platformId.isBlank() || platformId.length() > 200) {
            throw ProblemException.badRequest("an access request needs the sender's platform id (at most 200 chars)");
        }
        String id = platformId.trim();
        List<RecordData> records = new ArrayList<>();
        List<String> commentIds = new ArrayList<>();
        for (UUID recordId : retention.recordsOfSender(id)) {
            ArchiveRecord r = ArchiveRecord.findById(recordId);
            commentIds.add(r.commentId);
            records.add(new RecordData(
                    r.id,
                    r.caseId,
                    r.commentId,
                    r.accountId,
                    r.postedAt,
                    r.capturedAt,
                    r.labels,
                    r.reason,
                    r.registrationState == null ? null : r.registrationState.name(),
                    r.registrationNumber,
                    r.legalHold,
                    r.personalDataRemovedAt,
                    content(r.id).orElse(null),
                    audit.forRecord(r.id)));
        }
        List<UUID> quotedIn = new ArrayList<>(contexts.quoting(id, commentIds));
        quotedIn.removeIf(q -> records.stream().anyMatch(r -> r.recordId().equals(q)));
        audit.append(
                actor,
                "ACCESS_REQUEST",
                null,
                Map.of("subjectHmac", contexts.authorKey(id), "records", records.size(), "quotedIn", quotedIn.size()));
        return new Export("PLATFORM_ID", Instant.now(), ErasureRequests.ARCHIVE, records, quotedIn);
    }

    private Optional<JsonNode> content(UUID recordId) {
        Optional<byte[]> json = store.read(recordId, ArtefactKind.JSON).or(() -> contexts.redactedJson(recordId));
        if (json.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(EventJson.mapper().readTree(json.get()).get("request"));
        } catch (IOException e) {
            throw new IllegalStateException("record " + recordId + " has no readable native JSON", e);
        }
    }
}
