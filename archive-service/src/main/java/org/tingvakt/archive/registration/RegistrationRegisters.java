package org.tingvakt.archive.registration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import org.tingvakt.archive.account.AccountRule;
import org.tingvakt.archive.audit.AuditLog;
import org.tingvakt.problem.ProblemException;

/**
 * The organisations' registers: defines registration series and assigns accounts to their organisation and series.
 * Every change is audited. A series' pattern can change (new numbers use it); numbers already given never change.
 */
@ApplicationScoped
public class RegistrationRegisters {
    private final AuditLog audit;

    public RegistrationRegisters(AuditLog audit) {
        this.audit = audit;
    }

    public List<RegistrationSeries> series() {
        return RegistrationSeries.listAll(
                io.quarkus.panache.common.Sort.by("organisationId").and("id"));
    }

    /** Creates or changes a series. The organisation of an existing series cannot change (its numbers are its own). */
    @Transactional
    public RegistrationSeries defineSeries(
            String id,
            String organisationId,
            String unit,
            String name,
            String pattern,
            boolean restartYearly,
            String actor) {
        try {
            new RegistrationNumberPattern(pattern);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        RegistrationSeries s = RegistrationSeries.findById(id);
        boolean created = s == null;
        if (created) {
            s = new RegistrationSeries();
            s.id = id;
            s.organisationId = organisationId;
        } else if (!s.organisationId.equals(organisationId)) {
            throw ProblemException.conflict("series " + id + " belongs to organisation " + s.organisationId);
        }
        s.unit = unit;
        s.name = name;
        s.pattern = pattern;
        s.restartYearly = restartYearly;
        if (created) {
            // Persisted complete: the audit append below flushes, and the pattern is NOT NULL.
            s.persist();
        }
        audit.append(
                actor,
                "REGISTRATION_SERIES_SET",
                null,
                Map.of(
                        "series",
                        id,
                        "organisationId",
                        organisationId,
                        "pattern",
                        pattern,
                        "restartYearly",
                        restartYearly));
        return s;
    }

    /** Puts an account under its organisation and (optionally) a series of that organisation. */
    @Transactional
    public AccountRule assign(String accountId, String organisationId, String seriesId, String actor) {
        if (seriesId != null) {
            RegistrationSeries s = RegistrationSeries.findById(seriesId);
            if (s == null) {
                throw ProblemException.badRequest("no registration series " + seriesId);
            }
            if (!s.organisationId.equals(organisationId)) {
                throw ProblemException.badRequest("series " + seriesId + " belongs to another organisation");
            }
        }
        AccountRule rule = AccountRule.findById(accountId);
        if (rule == null) {
            rule = new AccountRule();
            rule.accountId = accountId;
            rule.persist();
        }
        rule.organisationId = organisationId;
        rule.registrationSeries = seriesId;
        audit.append(
                actor,
                "ACCOUNT_REGISTER_SET",
                null,
                Map.of(
                        "accountId",
                        accountId,
                        "organisationId",
                        organisationId,
                        "series",
                        seriesId == null ? "" : seriesId));
        return rule;
    }
}
