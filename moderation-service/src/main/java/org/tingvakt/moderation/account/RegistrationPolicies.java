package org.tingvakt.moderation.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.tingvakt.moderation.kernel.audit.AuditLog;
import org.tingvakt.problem.ProblemException;

/** Reads and sets an account's {@link RegistrationPolicy}; every change is audited. */
@ApplicationScoped
public class RegistrationPolicies {
    private final AuditLog audit;

    public RegistrationPolicies(AuditLog audit) {
        this.audit = audit;
    }

    public RegistrationPolicy get(UUID accountId) {
        requireAccount(accountId);
        return RegistrationPolicy.forAccount(accountId);
    }

    /**
     * Sets what the account registers automatically (label and intent names; an empty list registers nothing by itself,
     * moderators still can) and whether acknowledgements publish the number.
     */
    @Transactional
    public RegistrationPolicy set(UUID accountId, List<String> register, boolean publishNumber, String actor) {
        requireAccount(accountId);
        Set<String> names = new TreeSet<>();
        for (String n : register) {
            if (n == null || !n.matches("[A-Z_]{1,40}")) {
                throw ProblemException.badRequest("register lists label or intent names such as COMPLAINT or THREAT");
            }
            names.add(n);
        }
        RegistrationPolicy p = RegistrationPolicy.findById(accountId);
        if (p == null) {
            p = new RegistrationPolicy();
            p.accountId = accountId;
            p.persist();
        }
        p.register = List.copyOf(names);
        p.publishNumber = publishNumber;
        p.updatedAt = Instant.now();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("register", p.register);
        detail.put("publishNumber", publishNumber);
        audit.record(actor, "REGISTRATION_POLICY_CHANGED", "account", accountId.toString(), detail);
        return p;
    }

    private static void requireAccount(UUID accountId) {
        if (Account.findById(accountId) == null) {
            throw ProblemException.notFound("no account " + accountId);
        }
    }
}
