package org.tingvakt.archive.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
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

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.archive.account.AccountRule;
import org.tingvakt.archive.audit.AuditLog;
import org.tingvakt.archive.proof.ChainLink;
import org.tingvakt.archive.proof.ChainVerification;
import org.tingvakt.archive.proof.HashChain;
import org.tingvakt.archive.registration.RegistrationNumberPattern;
import org.tingvakt.archive.retention.RetentionJob;
import org.tingvakt.archive.retention.RetentionService;
import org.tingvakt.problem.ProblemException;
import org.tingvakt.security.Roles;

/** Whole-archive operations for archivists: chain and audit verification, retention, erasure, account rules. */
@RolesAllowed({Roles.ARCHIVIST, Roles.ADMIN})
@Path("/api")
@Tag(name = "Archive administration")
public class ArchiveAdminResource {
    private final DataSource dataSource;
    private final AuditLog audit;
    private final RetentionService retention;
    private final RetentionJob retentionJob;
    private final SecurityIdentity identity;

    public ArchiveAdminResource(DataSource dataSource, AuditLog audit, RetentionService retention,
                                RetentionJob retentionJob, SecurityIdentity identity) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.retention = retention;
        this.retentionJob = retentionJob;
        this.identity = identity;
    }

    /** The whole chain's verification: intact with its head, or the first broken link. */
    public record ChainReport(boolean intact, int links, String headChainHash, Integer brokenAt, String brokenRecordId,
                              String reason) {
    }

    @GET
    @Path("/chain/verify")
    @Operation(summary = "Verify the whole record chain from genesis, re-hashing every stored native JSON")
    public ChainReport verifyChain() {
        List<ChainLink> links = new ArrayList<>();
        Map<String, byte[]> json = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT r.id, r.record_sha256, r.chain_hash, a.content FROM archive_record r "
                        + "LEFT JOIN artefact a ON a.record_id = r.id AND a.kind = 'JSON' ORDER BY r.chain_seq")) {
            ps.setFetchSize(500);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    links.add(new ChainLink(id, rs.getString(2), rs.getString(3)));
                    byte[] content = rs.getBytes(4);
                    if (content != null) {
                        json.put(id, content);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the chain", e);
        }
        ChainVerification v = HashChain.verify(HashChain.GENESIS, links, id -> Optional.ofNullable(json.get(id)));
        if (v instanceof ChainVerification.Broken b) {
            return new ChainReport(false, links.size(), null, b.index(), b.recordId(), b.reason().name());
        }
        ChainVerification.Intact ok = (ChainVerification.Intact) v;
        return new ChainReport(true, ok.links(), ok.headChainHash(), null, null, null);
    }

    @GET
    @Path("/audit/verify")
    @Operation(summary = "Verify the hash chain of the audit log")
    public AuditLog.Verification verifyAudit() {
        return audit.verify();
    }

    @POST
    @Path("/retention/run")
    @Operation(summary = "Run the retention rules now (as the daily job does), optionally as of another instant")
    public RetentionService.RetentionRun runRetention(@QueryParam("asOf") String asOf) {
        Instant at;
        try {
            at = asOf == null ? Instant.now() : Instant.parse(asOf);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("asOf must be an ISO-8601 instant");
        }
        return retention.run(at, retentionJob.defaultMonths(), identity.getPrincipal().getName());
    }

    /** One logged disposal: what was removed, when, under which rule (never the content). */
    public record Disposal(String recordId, String accountId, Instant disposedAt, String rule, String removed) {
    }

    @GET
    @Path("/disposals")
    @Operation(summary = "The disposal log, newest first")
    public List<Disposal> disposals(@QueryParam("accountId") String accountId,
                                    @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                    @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        List<Disposal> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT record_id, account_id, disposed_at, rule, removed FROM disposal_log "
                        + "WHERE (?::text IS NULL OR account_id = ?) ORDER BY id DESC LIMIT ? OFFSET ?")) {
            ps.setString(1, accountId);
            ps.setString(2, accountId);
            ps.setInt(3, size);
            ps.setLong(4, (long) page * size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Disposal(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            rs.getString(4), rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the disposal log", e);
        }
        return out;
    }

    /** Who asks to be erased: a sender's platform id, or a national ID number (never stored in clear). */
    public record ErasureRequest(@NotNull RetentionService.SubjectKind subjectKind,
                                 @NotBlank @Size(max = 200) String subject) {
    }

    @POST
    @Path("/erasure-requests")
    @Operation(summary = "Erase a person's personal data: every record of the sender id or holding the national ID "
            + "number loses its content unless registered or on legal hold; the report says what was kept and why")
    public RetentionService.ErasureReport erase(@Valid @NotNull ErasureRequest body) {
        return retention.erase(body.subjectKind(), body.subject(), identity.getPrincipal().getName());
    }

    /** An account's archive rule. */
    public record AccountRuleBody(@Size(max = 200) String accountName,
                                  @Pattern(regexp = "da|sv|nb|nn|en") String language,
                                  @Size(max = 64) String zone,
                                  @Min(1) @Max(1200) Integer retentionMonths,
                                  @Size(max = 64) String registrationPattern) {
    }

    @PUT
    @Path("/accounts/{accountId}/rule")
    @Transactional
    @Operation(summary = "Set an account's archive rule: name, language, time zone, retention months, registration pattern")
    public AccountRule putRule(@PathParam("accountId") @Size(max = 200) String accountId,
                               @Valid @NotNull AccountRuleBody body) {
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
        AccountRule rule = AccountRule.findById(accountId);
        if (rule == null) {
            rule = new AccountRule();
            rule.accountId = accountId;
            rule.persist();
        }
        rule.accountName = body.accountName();
        rule.language = body.language() == null ? "da" : body.language();
        rule.zone = body.zone() == null ? "Europe/Copenhagen" : body.zone();
        rule.retentionMonths = body.retentionMonths() == null ? retentionJob.defaultMonths() : body.retentionMonths();
        rule.registrationPattern = body.registrationPattern();
        audit.append(identity.getPrincipal().getName(), "ACCOUNT_RULE_SET", null, Map.of("accountId", accountId,
                "retentionMonths", rule.retentionMonths, "registrationPattern",
                rule.registrationPattern == null ? "" : rule.registrationPattern));
        return rule;
    }

    @GET
    @Path("/accounts/{accountId}/rule")
    @Operation(summary = "An account's archive rule (the defaults when none was set)")
    public AccountRule getRule(@PathParam("accountId") String accountId) {
        return AccountRule.forAccount(accountId);
    }
}
