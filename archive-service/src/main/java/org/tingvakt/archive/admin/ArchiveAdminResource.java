package org.tingvakt.archive.admin;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.archive.account.AccountRule;
import org.tingvakt.archive.account.AccountRules;
import org.tingvakt.archive.audit.AuditLog;
import org.tingvakt.archive.record.RecordChainVerifier;
import org.tingvakt.archive.registration.RegistrationNumberPattern;
import org.tingvakt.archive.retention.DisposalLog;
import org.tingvakt.archive.retention.ErasureRequests;
import org.tingvakt.archive.retention.RetentionJob;
import org.tingvakt.archive.retention.RetentionService;
import org.tingvakt.problem.ProblemException;
import org.tingvakt.security.Roles;

/** Whole-archive operations for archivists: chain and audit verification, retention, erasure, account rules. */
@RolesAllowed({Roles.ARCHIVIST, Roles.ADMIN})
@Path("/api")
@Tag(name = "Archive administration")
public class ArchiveAdminResource {
    /** Clock skew between the caller and the service that still counts as now. */
    private static final java.time.Duration FUTURE_TOLERANCE = java.time.Duration.ofMinutes(5);

    private final RecordChainVerifier chain;
    private final AuditLog audit;
    private final RetentionService retention;
    private final RetentionJob retentionJob;
    private final DisposalLog disposalLog;
    private final AccountRules accountRules;
    private final SecurityIdentity identity;
    private final ErasureRequests erasureRequests;

    public ArchiveAdminResource(
            RecordChainVerifier chain,
            AuditLog audit,
            RetentionService retention,
            RetentionJob retentionJob,
            DisposalLog disposalLog,
            AccountRules accountRules,
            SecurityIdentity identity,
            ErasureRequests erasureRequests) {
        this.erasureRequests = erasureRequests;
        this.chain = chain;
        this.audit = audit;
        this.retention = retention;
        this.retentionJob = retentionJob;
        this.disposalLog = disposalLog;
        this.accountRules = accountRules;
        this.identity = identity;
    }

    @GET
    @Path("/chain/verify")
    @Operation(summary = "Verify the whole record chain from genesis, re-hashing every stored native JSON")
    public RecordChainVerifier.ChainReport verifyChain() {
        return chain.verify();
    }

    @GET
    @Path("/audit/verify")
    @Operation(summary = "Verify the hash chain of the audit log")
    public AuditLog.Verification verifyAudit() {
        return audit.verify();
    }

    @POST
    @Path("/retention/run")
    @Operation(
            summary = "Run the retention rules now (as the daily job does), optionally as of another instant; an"
                    + " instant in the future culls records before their time and needs confirm=<the same instant>")
    public RetentionService.RetentionRun runRetention(
            @QueryParam("asOf") String asOf, @QueryParam("confirm") String confirm) {
        Instant now = Instant.now();
        Instant at;
        try {
            at = asOf == null ? now : Instant.parse(asOf);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("asOf must be an ISO-8601 instant");
        }
        // A run as of a future instant disposes of every record due by then, in one call: refused unless the caller
        // states the same instant a second time (the disposals name the actor, so it is audited).
        if (at.isAfter(now.plus(FUTURE_TOLERANCE)) && !asOf.equals(confirm)) {
            throw ProblemException.badRequest(
                    "asOf is in the future: that would dispose of records before they are due;"
                            + " to do it anyway, send confirm=" + asOf);
        }
        return retention.run(
                at, retentionJob.defaultMonths(), identity.getPrincipal().getName());
    }

    @GET
    @Path("/disposals")
    @Operation(summary = "The disposal log, newest first")
    public List<DisposalLog.Disposal> disposals(
            @QueryParam("accountId") String accountId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return disposalLog.list(accountId, page, size);
    }

    /** Who asks to be erased: a sender's platform id, or a national ID number (never stored in clear). */
    public record ErasureRequest(
            @NotNull RetentionService.SubjectKind subjectKind,
            @NotBlank @Size(max = 200) String subject) {}

    @POST
    @Path("/erasure-requests")
    @Operation(
            summary =
                    "Erase a person's personal data: every record of the sender id or holding the national ID "
                            + "number loses its content unless registered or on legal hold; the report says what was kept and why")
    public RetentionService.ErasureReport erase(@Valid @NotNull ErasureRequest body) {
        return retention.erase(
                body.subjectKind(), body.subject(), identity.getPrincipal().getName());
    }

    @GET
    @Path("/erasure-requests")
    @Operation(
            summary =
                    "The erasure requests, newest first (at most 200): kind of subject (never the subject), when, and "
                            + "whether the combined report is complete")
    public List<ErasureRequests.Summary> erasureRequests() {
        return erasureRequests.list(200);
    }

    @GET
    @Path("/erasure-requests/{requestId}")
    @Operation(
            summary = "The combined report of an erasure request: what each service removed and kept and why; "
                    + "complete once every service has answered")
    public ErasureRequests.Combined erasureReport(@PathParam("requestId") UUID requestId) {
        return erasureRequests.combined(requestId);
    }

    /** An account's archive rule. */
    public record AccountRuleBody(
            @Size(max = 200) String accountName,
            @Pattern(regexp = "da|sv|nb|nn|en") String language,
            @Size(max = 64) String zone,
            @Min(1) @Max(1200) Integer retentionMonths,
            @Size(max = 64) String registrationPattern) {}

    @PUT
    @Path("/accounts/{accountId}/rule")
    @Operation(
            summary =
                    "Set an account's archive rule: name, language, time zone, retention months, registration pattern")
    public AccountRule putRule(
            @PathParam("accountId") @Size(max = 200) String accountId, @Valid @NotNull AccountRuleBody body) {
        if (body.zone() != null) {
            try {
                ZoneId.of(body.zone());
            } catch (RuntimeException e) {
                throw ProblemException.badRequest("zone must be a time zone id such as Europe/Stockholm");
            }
        }
        if (body.registrationPattern() != null) {
            try {
                new RegistrationNumberPattern(body.registrationPattern());
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(e.getMessage());
            }
        }
        return accountRules.set(
                accountId,
                body.accountName(),
                body.language(),
                body.zone(),
                body.retentionMonths(),
                body.registrationPattern(),
                identity.getPrincipal().getName());
    }

    @GET
    @Path("/accounts/{accountId}/rule")
    @Operation(summary = "An account's archive rule (the defaults when none was set)")
    public AccountRule getRule(@PathParam("accountId") String accountId) {
        return accountRules.forAccount(accountId);
    }
}
