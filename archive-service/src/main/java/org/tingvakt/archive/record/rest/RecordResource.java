package org.tingvakt.archive.record.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.archive.audit.AuditLog;
import org.tingvakt.archive.record.RecordRepository;
import org.tingvakt.archive.record.RecordVerifier;
import org.tingvakt.archive.record.RegistrationState;
import org.tingvakt.archive.search.RecordSearch;
import org.tingvakt.archive.storage.ArtefactIntegrityException;
import org.tingvakt.archive.storage.ArtefactKind;
import org.tingvakt.archive.storage.ArtefactStore;
import org.tingvakt.problem.ProblemException;
import org.tingvakt.security.Roles;

/**
 * The archivists' view of evidence records: search, one record, its PDF/A, PNG and native JSON, verification and
 * history. The registration decision and legal holds on a record are their features' own resources
 * ({@code registration.rest}, {@code retention.rest}).
 */
@RolesAllowed({Roles.ARCHIVIST, Roles.ADMIN})
@Path("/api/records")
@Tag(name = "Records")
public class RecordResource {
    private final RecordVerifier verifier;
    private final RecordRepository records;
    private final ArtefactStore store;
    private final AuditLog audit;

    public RecordResource(RecordVerifier verifier, RecordRepository records, ArtefactStore store, AuditLog audit) {
        this.verifier = verifier;
        this.records = records;
        this.store = store;
        this.audit = audit;
    }

    /**
     * One page of search results, newest first. {@code next}: the cursor of the following page (pass it as {@code
     * after}), present when {@code hasMore}.
     */
    public record SearchResult(List<RecordView> items, int page, int size, boolean hasMore, String next) {}

    @GET
    @Operation(
            summary = "Search records: full text (Danish, Swedish, Norwegian, English stemming; websearch syntax) and "
                    + "filters (account, label, capture dates in UTC, registration state, sender id or name, comment), newest first. "
                    + "Paging: 'after' = the previous answer's 'next' (any depth, the cost of a first page), or 'page' for the "
                    + "first 10,000 results (page × size ≤ 10,000)")
    public SearchResult search(
            @QueryParam("q") @Size(max = 500) String q,
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
            Optional<RecordSearch.Cursor> cursor = after == null || after.isBlank()
                    ? Optional.empty()
                    : Optional.of(RecordSearch.Cursor.decode(after.trim()));
            criteria = new RecordSearch.Criteria(
                    Optional.ofNullable(q),
                    Optional.ofNullable(accountId),
                    Optional.ofNullable(label),
                    date("from", from),
                    date("to", to),
                    Optional.ofNullable(registration),
                    Optional.ofNullable(sender),
                    Optional.ofNullable(commentId),
                    cursor,
                    page,
                    size);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        RecordRepository.Found found = records.search(criteria);
        return new SearchResult(
                found.records().stream().map(RecordView::of).toList(),
                page,
                size,
                found.hasMore(),
                found.next().map(RecordSearch.Cursor::encode).orElse(null));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One record's metadata")
    public RecordView get(@PathParam("id") UUID id) {
        return RecordView.of(records.find(id));
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
        records.find(id);
        return audit.forRecord(id);
    }

    Response artefact(UUID id, ArtefactKind kind) {
        var r = records.find(id);
        byte[] bytes;
        try {
            bytes = store.read(id, kind)
                    .orElseThrow(() -> ProblemException.notFound("the " + kind + " of record " + id + " was removed"
                            + (r.removalRule == null ? "" : " (" + r.removalRule + ")")));
        } catch (ArtefactIntegrityException e) {
            // Never hand out bytes that are not the ones recorded; GET /verify reports which check fails.
            throw ProblemException.conflict(e.getMessage());
        }
        return Response.ok(bytes, kind.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + id + "." + kind.extension() + "\"")
                .build();
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
}
