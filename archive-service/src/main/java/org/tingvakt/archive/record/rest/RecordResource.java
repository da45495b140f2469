package org.tingvakt.archive.record.rest;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.archive.audit.AuditLog;
import org.tingvakt.archive.record.ArchiveRecord;
import org.tingvakt.archive.record.ArchiveRecord.RegistrationState;
import org.tingvakt.archive.record.RecordVerifier;
import org.tingvakt.archive.registration.Registrar;
import org.tingvakt.archive.retention.RetentionService;
import org.tingvakt.archive.search.RecordSearch;
import org.tingvakt.archive.storage.ArtefactKind;
import org.tingvakt.archive.storage.ArtefactIntegrityException;
import org.tingvakt.archive.storage.ArtefactStore;
import org.tingvakt.problem.ProblemException;
import org.tingvakt.security.Roles;

/**
 * The archivists' view of evidence records: search, one record, its PDF/A, PNG and native JSON, verification, history,
 * the registration decision and legal holds.
 */
@RolesAllowed({Roles.ARCHIVIST, Roles.ADMIN})
@Path("/api/records")
@Tag(name = "Records")
public class RecordResource {
    private final RecordVerifier verifier;
    private final DataSource dataSource;
    private final ArtefactStore store;
    private final AuditLog audit;
    private final Registrar registrar;
    private final RetentionService retention;
    private final SecurityIdentity identity;

    public RecordResource(RecordVerifier verifier, DataSource dataSource, ArtefactStore store, AuditLog audit,
                          Registrar registrar, RetentionService retention, SecurityIdentity identity) {
        this.verifier = verifier;
        this.dataSource = dataSource;
        this.store = store;
        this.audit = audit;
        this.registrar = registrar;
        this.retention = retention;
        this.identity = identity;
    }

    /**
     * One page of search results, newest first. {@code next}: the cursor of the following page (pass it as {@code
     * after}), present when {@code hasMore}.
     */
    public record SearchResult(List<RecordView> items, int page, int size, boolean hasMore, String next) {
    }

    @GET
    @Transactional
    @Operation(summary = "Search records: full text (Danish, Swedish, Norwegian, English stemming; websearch syntax) and "
            + "filters (account, label, capture dates in UTC, registration state, sender id or name, comment), newest first. "
            + "Paging: 'after' = the previous answer's 'next' (any depth, the cost of a first page), or 'page' for the "
            + "first 10,000 results (page × size ≤ 10,000)")
    public SearchResult search(@QueryParam("q") @Size(max = 500) String q,
                               @QueryParam("accountId") String accountId,
                               @QueryParam("label") String label,
                               @QueryParam("from") String from,
                               @QueryParam("to") String to,
                               @QueryParam("registration") String registration,
                               @QueryParam("sender") String sender,
                               @QueryParam("commentId") String commentId,
                               @QueryParam("after") @Size(max = 200) String after,
                               @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10000) int page,
                               @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        if (registration != null) {
            state(registration);
        }
        RecordSearch.Criteria criteria;
        try {
            Optional<RecordSearch.Cursor> cursor = after == null || after.isBlank() ? Optional.empty()
                    : Optional.of(RecordSearch.Cursor.decode(after.trim()));
            criteria = new RecordSearch.Criteria(Optional.ofNullable(q), Optional.ofNullable(accountId),
                    Optional.ofNullable(label), date("from", from), date("to", to), Optional.ofNullable(registration),
                    Optional.ofNullable(sender), Optional.ofNullable(commentId), cursor, page, size);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        RecordSearch.Page found;
        try (Connection c = dataSource.getConnection()) {
            found = RecordSearch.run(c, criteria);
        } catch (SQLException e) {
            throw new IllegalStateException("search failed", e);
        }
        Map<UUID, ArchiveRecord> byId = found.ids().isEmpty() ? Map.of()
                : ArchiveRecord.<ArchiveRecord>list("id in ?1", found.ids()).stream()
                        .collect(Collectors.toMap(r -> r.id, Function.identity()));
        List<RecordView> items = found.ids().stream().map(byId::get).filter(java.util.Objects::nonNull)
                .map(RecordView::of).toList();
        return new SearchResult(items, page, size, found.hasMore(),
                found.next().map(RecordSearch.Cursor::encode).orElse(null));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One record's metadata")
    public RecordView get(@PathParam("id") UUID id) {
        return RecordView.of(find(id));
    }

    @GET
    @Path("/{id}/json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The record's native JSON, byte for byte as stored and hashed")
    public Response nativeJson(@PathParam("id") UUID id) {
        return artefact(id, ArtefactKind.JSON);
    }

    @GET
    @Path("/{id}/pdf")
    @Produces("application/pdf")
    @Operation(summary = "The record's PDF/A-2b rendering")
    public Response pdf(@PathParam("id") UUID id) {
        return artefact(id, ArtefactKind.PDF);
    }

    @GET
    @Path("/{id}/png")
    @Produces("image/png")
    @Operation(summary = "The record's PNG rendering (a screenshot of the same pages)")
    public Response png(@PathParam("id") UUID id) {
        return artefact(id, ArtefactKind.PNG);
    }

    @GET
    @Path("/{id}/verify")
    @Operation(summary = "Recompute the hashes of the record's stored PDF, PNG and JSON and check its chain link")
    public RecordVerifier.Verification verify(@PathParam("id") UUID id) {
        return verifier.verify(id);
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "The record's history from the audit log: capture, registration, holds, disposal")
    public List<AuditLog.Entry> history(@PathParam("id") UUID id) {
        find(id);
        return audit.forRecord(id);
    }

    /** The assessment: register, or not required with a reason. */
    public record RegistrationDecision(@NotNull RegistrationState decision, @Size(max = 2000) String reason) {
    }

    @POST
    @Path("/{id}/registration")
    @Operation(summary = "Decide the registration assessment: REGISTERED (gets a number; immutable from then on) or "
            + "NOT_REQUIRED with a reason")
    public RecordView decide(@PathParam("id") UUID id, @Valid @NotNull RegistrationDecision body) {
        return RecordView.of(registrar.decide(id, body.decision(), body.reason(), actor()));
    }

    /** Why a record is held. */
    public record HoldRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    @PUT
    @Path("/{id}/hold")
    @Operation(summary = "Place a legal hold: retention and erasure leave the record as it is")
    public RecordView hold(@PathParam("id") UUID id, @Valid @NotNull HoldRequest body) {
        return RecordView.of(retention.placeHold(id, body.reason(), actor()));
    }

    @DELETE
    @Path("/{id}/hold")
    @Operation(summary = "Release a legal hold")
    public RecordView release(@PathParam("id") UUID id) {
        return RecordView.of(retention.releaseHold(id, actor()));
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    Response artefact(UUID id, ArtefactKind kind) {
        ArchiveRecord r = find(id);
        byte[] bytes;
        try {
            bytes = store.read(id, kind).orElseThrow(() -> ProblemException.notFound("the " + kind
                    + " of record " + id + " was removed" + (r.removalRule == null ? "" : " (" + r.removalRule + ")")));
        } catch (ArtefactIntegrityException e) {
            // Never hand out bytes that are not the ones recorded; GET /verify reports which check fails.
            throw ProblemException.conflict(e.getMessage());
        }
        return Response.ok(bytes, kind.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + id + "." + kind.extension() + "\"")
                .build();
    }

    private static ArchiveRecord find(UUID id) {
        return ArchiveRecord.<ArchiveRecord>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("no record " + id));
    }

    private static Optional<LocalDate> date(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be a date (YYYY-MM-DD)");
        }
    }

    private static RegistrationState state(String value) {
        try {
            return RegistrationState.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("registration must be PENDING, REGISTERED or NOT_REQUIRED");
        }
    }

    /** A record's metadata (the comment itself is in its artefacts). */
    public record RecordView(UUID id, String requestId, String caseId, String commentId, int commentVersion,
                             String platform, String accountId, String senderId, String senderName,
                             List<String> labels, String reason, String contentSha256, String recordSha256,
                             String pdfSha256, String pngSha256, long chainSeq, String chainHash,
                             Instant postedAt, Instant capturedAt, RegistrationState registrationState,
                             String registrationNumber, String registrationReason, String assessedBy,
                             Instant assessedAt, boolean legalHold, String legalHoldReason,
                             Instant personalDataRemovedAt, String removalRule) {
        public static RecordView of(ArchiveRecord r) {
            return new RecordView(r.id, r.requestId, r.caseId, r.commentId, r.commentVersion, r.platform, r.accountId,
                    r.senderId, r.senderName, r.labels, r.reason, r.contentSha256, r.recordSha256, r.pdfSha256,
                    r.pngSha256, r.chainSeq, r.chainHash, r.postedAt, r.capturedAt, r.registrationState,
                    r.registrationNumber, r.registrationReason, r.assessedBy, r.assessedAt, r.legalHold,
                    r.legalHoldReason, r.personalDataRemovedAt, r.removalRule);
        }
    }
}
