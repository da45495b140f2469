package org.tingvakt.archive.retention;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
    /** What replaces another person's name and text in the thread context of the person's records. */
    public static final String WITHHELD = "[another person: withheld]";

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
            // A map, not Jackson's JsonNode: the OpenAPI document then says "a free-form object", where JsonNode would
            // be described by its own introspection properties and become a broken model in generated clients.
            @Schema(description = "The archive request as captured; null once removed")
            Map<String, Object> content,

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
        List<ArchiveRecord> found = new ArrayList<>();
        for (UUID recordId : retention.recordsOfSender(id)) {
            ArchiveRecord r = ArchiveRecord.findById(recordId);
            found.add(r);
            commentIds.add(r.commentId);
        }
        for (ArchiveRecord r : found) {
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
                    content(r.id, id, commentIds).orElse(null),
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

    /**
     * The records that hold a national ID number (the keyed index the erasure uses, and a scan of records not indexed
     * under the running key). The number itself is neither stored nor logged: the audit entry holds its keyed HMAC. In
     * each record the thread items that do not hold the number are withheld, as are, for a request by platform id,
     * other people's items.
     */
    @Transactional
    public Export exportByNationalId(String nationalId, String actor) {
        if (nationalId == null || nationalId.isBlank() || nationalId.length() > 200) {
            throw ProblemException.badRequest("an access request needs the national ID number (at most 200 chars)");
        }
        String digits = nationalId.replaceAll("[^0-9]", "");
        java.util.regex.Pattern holds = java.util.regex.Pattern.compile(RetentionService.digitsPattern(digits));
        List<RecordData> records = new ArrayList<>();
        for (UUID recordId : retention.recordsHoldingNationalId(nationalId)) {
            ArchiveRecord r = ArchiveRecord.findById(recordId);
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
                    content(
                                    r.id,
                                    item -> holds.matcher(item.path("text").asText(""))
                                            .find())
                            .orElse(null),
                    audit.forRecord(r.id)));
        }
        audit.append(
                actor,
                "ACCESS_REQUEST",
                null,
                Map.of(
                        "subjectHmac",
                        retention.subjectKey(RetentionService.SubjectKind.NATIONAL_ID, nationalId),
                        "records",
                        records.size(),
                        "quotedIn",
                        0));
        return new Export("NATIONAL_ID", Instant.now(), ErasureRequests.ARCHIVE, records, List.of());
    }

    /**
     * The record's request as captured, with the thread context of other people withheld (Art. 15(4): the copy must
     * not disclose others' data); the item stays, marked {@link #WITHHELD}, so the package shows that context existed.
     */
    private Optional<Map<String, Object>> content(UUID recordId, String platformId, List<String> ownCommentIds) {
        return content(
                recordId,
                item -> platformId.equals(item.path("authorId").asText(null))
                        || ownCommentIds.contains(item.path("itemId").asText("")));
    }

    private Optional<Map<String, Object>> content(UUID recordId, java.util.function.Predicate<JsonNode> theirs) {
        Optional<byte[]> json = store.read(recordId, ArtefactKind.JSON).or(() -> contexts.redactedJson(recordId));
        if (json.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode request = EventJson.mapper().readTree(json.get()).get("request");
            if (request != null) {
                for (JsonNode item : request.path("thread")) {
                    if (item instanceof ObjectNode o && !theirs.test(o)) {
                        o.put("authorName", WITHHELD);
                        o.put("text", WITHHELD);
                        o.putNull("authorId");
                    }
                }
            }
            return Optional.ofNullable(request)
                    .map(node -> EventJson.mapper().convertValue(node, new TypeReference<Map<String, Object>>() {}));
        } catch (IOException e) {
            throw new IllegalStateException("record " + recordId + " has no readable native JSON", e);
        }
    }
}
