package org.tingvakt.archive.retention.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.archive.config.ArchiveConfig;
import org.tingvakt.archive.retention.DataDeletionPage;
import org.tingvakt.archive.retention.MetaDataDeletions;
import org.tingvakt.problem.ProblemException;

/**
 * Meta's data-deletion callback and the public status page of its confirmation codes. Both are public (Meta calls the
 * first, the person opens the second) and rate-limited per client like every {@code /api/public/} path.
 */
@PermitAll
@Path("/api/public")
@Tag(name = "Data deletion")
public class MetaDataDeletionResource {
    static final String STATUS_PATH = "/api/public/data-deletion/";

    private final MetaDataDeletions deletions;
    private final Optional<String> publicUrl;

    public MetaDataDeletionResource(MetaDataDeletions deletions, ArchiveConfig config) {
        this.deletions = deletions;
        this.publicUrl = config.publicUrl().filter(u -> !u.isBlank()).map(u -> u.replaceAll("/+$", ""));
    }

    /** Meta's expected answer. */
    public record CallbackAnswer(
            String url, @JsonProperty("confirmation_code") String confirmationCode) {}

    /** The status behind a code, for machines. */
    public record StatusAnswer(
            @JsonProperty("confirmation_code") String confirmationCode, MetaDataDeletions.Status status) {}

    @POST
    @Path("/meta/data-deletion")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Meta's data-deletion callback: a signed_request (HMAC-SHA256 with the app secret) naming a user"
                    + " id places an erasure request for that platform id; answers the status URL and a confirmation"
                    + " code")
    public CallbackAnswer callback(@FormParam("signed_request") String signedRequest, @Context UriInfo uri) {
        MetaDataDeletions.Confirmation c = deletions.accept(signedRequest);
        String base = publicUrl.orElseGet(() -> uri.getBaseUri().toString().replaceAll("/+$", ""));
        return new CallbackAnswer(base + STATUS_PATH + c.code(), c.code());
    }

    @GET
    @Path("/data-deletion/{code}")
    @Produces({MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
    @Operation(
            summary = "The status of a data-deletion confirmation code (in progress, completed, completed with records"
                    + " the law keeps); a page in da, sv, nb, nn or en (lang, else Accept-Language), or JSON")
    public Response status(
            @PathParam("code") String code, @QueryParam("lang") String lang, @Context HttpHeaders headers) {
        MetaDataDeletions.Status status = deletions
                .status(code)
                .orElseThrow(() -> ProblemException.notFound("no data-deletion request has this confirmation code"));
        boolean json = headers.getAcceptableMediaTypes().stream()
                .findFirst()
                .map(t -> t.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !t.isWildcardType())
                .orElse(false);
        if (json) {
            return Response.ok(new StatusAnswer(code, status), MediaType.APPLICATION_JSON_TYPE)
                    .build();
        }
        String language = DataDeletionPage.language(lang, headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        return Response.ok(DataDeletionPage.render(language, code, status), "text/html;charset=UTF-8")
                .header("Content-Language", language)
                .header("Cache-Control", "no-store")
                .build();
    }
}
