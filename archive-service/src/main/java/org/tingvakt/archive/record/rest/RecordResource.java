package org.tingvakt.archive.record.rest;

import org.tingvakt.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.archive.record.ArchiveRecord;
import org.tingvakt.archive.record.RecordVerifier;
import org.tingvakt.problem.ProblemException;

/** The archivists' view of evidence records: list, one record, its native JSON, and a verification. */
@RolesAllowed({Roles.ARCHIVIST, Roles.ADMIN})
@Path("/api/records")
@Tag(name = "Records")
public class RecordResource {
    private final RecordVerifier verifier;

    public RecordResource(RecordVerifier verifier) {
        this.verifier = verifier;
    }

    @GET
    @Operation(summary = "Records, newest first, optionally for one comment or account")
    public List<RecordView> list(@QueryParam("commentId") String commentId, @QueryParam("accountId") String accountId,
                                 @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                 @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        Sort sort = Sort.descending("capturedAt");
        var query = commentId != null ? ArchiveRecord.<ArchiveRecord>find("commentId", sort, commentId)
                : accountId != null ? ArchiveRecord.<ArchiveRecord>find("accountId", sort, accountId)
                : ArchiveRecord.<ArchiveRecord>findAll(sort);
        return query.page(Page.of(page, size)).list().stream().map(RecordView::of).toList();
    }

    @GET
    @Path("/{id}")
    public RecordView get(@PathParam("id") UUID id) {
        return RecordView.of(find(id));
    }

    @GET
    @Path("/{id}/json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The record's native JSON, byte for byte as stored and hashed")
    public Response nativeJson(@PathParam("id") UUID id) {
        return Response.ok(find(id).nativeJson).build();
    }

    @GET
    @Path("/{id}/verify")
    @Operation(summary = "Recompute the record's hashes from the stored bytes and check its chain link")
    public RecordVerifier.Verification verify(@PathParam("id") UUID id) {
        return verifier.verify(id);
    }

    private static ArchiveRecord find(UUID id) {
        return ArchiveRecord.<ArchiveRecord>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("no record " + id));
    }

    /** A record's metadata (the comment itself is in its native JSON). */
    public record RecordView(UUID id, String requestId, String caseId, String commentId, int commentVersion,
                             String platform, String accountId, List<String> labels, String reason,
                             String contentSha256, String recordSha256, long chainSeq, String chainHash,
                             Instant postedAt, Instant capturedAt) {
        static RecordView of(ArchiveRecord r) {
            return new RecordView(r.id, r.requestId, r.caseId, r.commentId, r.commentVersion, r.platform, r.accountId,
                    r.labels, r.reason, r.contentSha256, r.recordSha256, r.chainSeq, r.chainHash, r.postedAt,
                    r.capturedAt);
        }
    }
}
