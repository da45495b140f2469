package org.tingvakt.archive.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What the archive needs to know of an account (a public body's page): how its records are shown (name, language, time
 * zone), how long personal data is kept, and its registration number pattern. Accounts without a row use the defaults.
 */
@Entity
@Table(name = "account_rule")
public class AccountRule extends PanacheEntityBase {
    @Id
    @Column(name = "account_id")
    public String accountId;

    @Column(name = "account_name")
    public String accountName;

    public String language = "da";

    public String zone = "Europe/Copenhagen";

    @Column(name = "retention_months")
    public int retentionMonths = 18;

    /** Null: the service's default pattern. */
    @Column(name = "registration_pattern")
    public String registrationPattern;

    /** The organisation (public body) that owns the account; null for an account nobody assigned. */
    @Column(name = "organisation_id")
    public String organisationId;

    /**
     * The registration series (diarium / journal) the account registers into, shared with the organisation's other
     * accounts; null: numbers per account and year with the account's or the service's pattern.
     */
    @Column(name = "registration_series")
    public String registrationSeries;

    /** The account's rule, or the defaults for an account nobody configured (not persisted). */
    public static AccountRule forAccount(String accountId) {
        AccountRule rule = findById(accountId);
        if (rule != null) {
            return rule;
        }
        AccountRule defaults = new AccountRule();
        defaults.accountId = accountId;
        return defaults;
    }
}
