package org.tingvakt.archive.registration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.tingvakt.archive.account.AccountRule;
import org.tingvakt.archive.audit.AuditLog;
import org.tingvakt.archive.config.ArchiveConfig;
import org.tingvakt.archive.record.ArchiveRecord;
import org.tingvakt.archive.record.RegistrationState;
import org.tingvakt.contracts.Intent;
import org.tingvakt.contracts.Label;
import org.tingvakt.problem.ProblemException;

/**
 * Registration (diarieföring / journalisering / journalføring): decides a record's assessment and gives registered
 * records a number per account and year. Threats and complaints are registered by default when captured; everything else
 * waits as an assessment task for an archivist. A registered record is immutable (also enforced by a database trigger).
 */
@ApplicationScoped
public class Registrar {
    /** Labels and intents that are registered by default (ARCHITECTURE invariant 5 for complaints). */
    public static final Set<String> REGISTER_BY_DEFAULT = Set.of(Label.THREAT.name(), Intent.COMPLAINT.name());

    private final DataSource dataSource;
    private final AuditLog audit;
    private final RegistrationNumberPattern defaultPattern;

    public Registrar(DataSource dataSource, AuditLog audit, ArchiveConfig config) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.defaultPattern =
                new RegistrationNumberPattern(config.registration().pattern());
    }

    /** Whether an event's labels or intents name a threat or a complaint; unknown names are ignored. */
    public static boolean registeredByDefault(java.util.List<String> labelsOrIntents) {
        return Label.THREAT.in(labelsOrIntents) || Intent.COMPLAINT.in(labelsOrIntents);
    }

    /**
     * Whether a request is registered at capture: a threat or complaint label, a COMPLAINT intent (a complaint is an
     * intent, not a label, so labels alone never saw it), or a request moderation sent for registration.
     */
    public static boolean registeredAtCapture(org.tingvakt.contracts.ArchiveRequested request) {
        return registeredByDefault(request.labels())
                || registeredByDefault(request.intents())
                || request.registration() != null
                || request.purpose() == org.tingvakt.contracts.ArchivePurpose.REGISTRATION;
    }

    /** The reason written with a registration at capture (audit log and record). */
    public static String captureReason(org.tingvakt.contracts.ArchiveRequested request) {
        if (request.registration() != null) {
            return "registered at capture: " + request.registration().name();
        }
        return "default for threats and complaints";
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
            throw ProblemException.conflict(
                    "record " + id + " is registered as " + r.registrationNumber + " and immutable");
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
        apply(r, decision, reason, actor, null);
    }

    /**
     * As {@link #apply(ArchiveRecord, RegistrationState, String, String)} with a number already taken in this
     * transaction by {@link #take} (capture takes it before rendering, so the evidence shows it); null: take one now.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(
            ArchiveRecord r, RegistrationState decision, String reason, String actor, RegistrationNumber taken) {
        r.registrationState = decision;
        r.registrationReason = reason;
        r.assessedBy = actor;
        r.assessedAt = Instant.now();
        if (decision == RegistrationState.REGISTERED) {
            RegistrationNumber number = taken != null ? taken : take(r.accountId, r.capturedAt);
            r.registrationNumber = number.number();
            r.registrationSeries = number.series();
        }
        audit.append(
                actor,
                decision == RegistrationState.REGISTERED ? "REGISTERED" : "REGISTRATION_NOT_REQUIRED",
                r.id,
                r.registrationNumber == null
                        ? Map.of("reason", reason == null ? "" : reason)
                        : Map.of(
                                "registrationNumber",
                                r.registrationNumber,
                                "reason",
                                reason == null ? "" : reason,
                                "series",
                                r.registrationSeries == null ? "" : r.registrationSeries));
    }

    /**
     * Takes the next number for a record of this account captured at this time, in the caller's transaction: from the
     * account's series (shared with its organisation's other accounts) if it has one, else per account and year. The
     * counter row stays locked until the transaction ends, so the number is unique and, if the transaction rolls back,
     * given back (no gaps).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public RegistrationNumber take(String accountId, Instant capturedAt) {
        AccountRule rule = AccountRule.forAccount(accountId);
        int year = capturedAt.atZone(zoneOf(rule)).getYear();
        if (rule.registrationSeries != null) {
            RegistrationSeries series = RegistrationSeries.findById(rule.registrationSeries);
            if (series == null) {
                throw new IllegalStateException("account " + accountId + " names an unknown registration series");
            }
            int number = nextInSeries(series.id, series.restartYearly ? year : 0);
            return new RegistrationNumber(
                    series.id, new RegistrationNumberPattern(series.pattern).format(accountId, year, number));
        }
        RegistrationNumberPattern pattern = rule.registrationPattern == null
                ? defaultPattern
                : new RegistrationNumberPattern(rule.registrationPattern);
        return new RegistrationNumber(null, pattern.format(accountId, year, nextNumber(accountId, year)));
    }

    private static ZoneId zoneOf(AccountRule rule) {
        try {
            return ZoneId.of(rule.zone);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    private int nextInSeries(String seriesId, int year) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO registration_series_counter (series_id, year, last_number) VALUES (?, ?, 1) "
                                + "ON CONFLICT (series_id, year) DO UPDATE "
                                + "SET last_number = registration_series_counter.last_number + 1 RETURNING last_number")) {
            ps.setString(1, seriesId);
            ps.setInt(2, year);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not take a registration number", e);
        }
    }

    /** Gapless per account and year: the counter row is locked by the upsert until the registering transaction ends. */
    private int nextNumber(String accountId, int year) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
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
