package org.tingvakt.archive.registration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tingvakt.archive.account.AccountRule;
import org.tingvakt.archive.audit.AuditLog;
import org.tingvakt.archive.record.ArchiveRecord;
import org.tingvakt.archive.record.RegistrationState;
import org.tingvakt.problem.ProblemException;

/**
 * Registration (diarieföring / journalisering / journalføring): decides a record's assessment and gives registered
 * records a number per account and year. Threats and complaints are registered by default when captured; everything else
 * waits as an assessment task for an archivist. A registered record is immutable (also enforced by a database trigger).
 */
@ApplicationScoped
public class Registrar {
    /** Labels that are registered by default (ARCHITECTURE invariant 5 for complaints). */
    public static final Set<String> REGISTER_BY_DEFAULT = Set.of("THREAT", "COMPLAINT");

    private final DataSource dataSource;
    private final AuditLog audit;
    private final RegistrationNumberPattern defaultPattern;

    public Registrar(DataSource dataSource, AuditLog audit,
                     @ConfigProperty(name = "tingvakt.archive.registration.pattern", defaultValue = "KS-{year}-{number:5}")
                     String defaultPattern) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.defaultPattern = new RegistrationNumberPattern(defaultPattern);
    }

    public static boolean registeredByDefault(java.util.List<String> labels) {
        return labels != null && labels.stream().anyMatch(l -> l != null && REGISTER_BY_DEFAULT.contains(l.toUpperCase()));
    }

    /** The archivist's decision on a pending record. */
    @Transactional
    public ArchiveRecord decide(java.util.UUID id, RegistrationState decision, String reason, String actor) {
        ArchiveRecord r = ArchiveRecord.<ArchiveRecord>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("no record " + id));
        if (decision == null || decision == RegistrationState.PENDING) {
            throw ProblemException.badRequest("decision must be REGISTERED or NOT_REQUIRED");
        }
        if (r.registrationState == RegistrationState.REGISTERED) {
            throw ProblemException.conflict("record " + id + " is registered as " + r.registrationNumber + " and immutable");
        }
        if (r.personalDataRemovedAt != null && decision == RegistrationState.REGISTERED) {
            throw ProblemException.conflict("record " + id + " was disposed of; it can no longer be registered");
        }
        if (decision == RegistrationState.NOT_REQUIRED && (reason == null || reason.isBlank())) {
            throw ProblemException.badRequest("a record that need not be registered needs a reason");
        }
        apply(r, decision, reason, actor);
        return r;
    }

    /** Applies a decision in the caller's transaction, with its audit entry. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(ArchiveRecord r, RegistrationState decision, String reason, String actor) {
        r.registrationState = decision;
        r.registrationReason = reason;
        r.assessedBy = actor;
        r.assessedAt = Instant.now();
        if (decision == RegistrationState.REGISTERED) {
            AccountRule rule = AccountRule.forAccount(r.accountId);
            int year = r.capturedAt.atZone(ZoneId.of(rule.zone)).getYear();
            RegistrationNumberPattern pattern = rule.registrationPattern == null ? defaultPattern
                    : new RegistrationNumberPattern(rule.registrationPattern);
            r.registrationNumber = pattern.format(r.accountId, year, nextNumber(r.accountId, year));
        }
        audit.append(actor, decision == RegistrationState.REGISTERED ? "REGISTERED" : "REGISTRATION_NOT_REQUIRED", r.id,
                r.registrationNumber == null ? Map.of("reason", reason == null ? "" : reason)
                        : Map.of("registrationNumber", r.registrationNumber, "reason", reason == null ? "" : reason));
    }

    /** Gapless per account and year: the counter row is locked by the upsert until the registering transaction ends. */
    private int nextNumber(String accountId, int year) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO registration_counter (account_id, year, last_number) VALUES (?, ?, 1) "
                        + "ON CONFLICT (account_id, year) DO UPDATE SET last_number = registration_counter.last_number + 1 "
                        + "RETURNING last_number")) {
            ps.setString(1, accountId);
            ps.setInt(2, year);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not take a registration number", e);
        }
    }
}
