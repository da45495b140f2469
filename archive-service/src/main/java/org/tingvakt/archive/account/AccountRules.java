package org.tingvakt.archive.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import org.tingvakt.archive.audit.AuditLog;
import org.tingvakt.archive.config.ArchiveConfig;

/** Reads and sets accounts' archive rules; every change is audited. */
@ApplicationScoped
public class AccountRules {
    private final AuditLog audit;
    private final int defaultRetentionMonths;

    public AccountRules(AuditLog audit, ArchiveConfig config) {
        this.audit = audit;
        this.defaultRetentionMonths = config.retention().defaultMonths();
    }

    /** The account's rule, or the defaults when none was set. */
    public AccountRule forAccount(String accountId) {
        return AccountRule.forAccount(accountId);
    }

    /**
     * Creates or replaces an account's rule; a value left null takes its default (Danish, Europe/Copenhagen, the
     * service's retention months, the service's registration pattern). The caller has validated zone and pattern.
     */
    @Transactional
    public AccountRule set(
            String accountId,
            String accountName,
            String language,
            String zone,
            Integer retentionMonths,
            String registrationPattern,
            String actor) {
        AccountRule rule = AccountRule.findById(accountId);
        if (rule == null) {
            rule = new AccountRule();
            rule.accountId = accountId;
            rule.persist();
        }
        rule.accountName = accountName;
        rule.language = language == null ? "da" : language;
        rule.zone = zone == null ? "Europe/Copenhagen" : zone;
        rule.retentionMonths = retentionMonths == null ? defaultRetentionMonths : retentionMonths;
        rule.registrationPattern = registrationPattern;
        audit.append(
                actor,
                "ACCOUNT_RULE_SET",
                null,
                Map.of(
                        "accountId",
                        accountId,
                        "retentionMonths",
                        rule.retentionMonths,
                        "registrationPattern",
                        rule.registrationPattern == null ? "" : rule.registrationPattern));
        return rule;
    }
}
