package org.tingvakt.moderation.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.tingvakt.contracts.Intent;
import org.tingvakt.contracts.Label;
import org.tingvakt.contracts.RegistrationReason;

/**
 * What an account registers by itself (labels and intents whose comments are sent to the archive for registration while
 * they stay on the page) and whether an acknowledgement may publish the registration number. An account without a row
 * registers complaints and does not publish the number.
 */
@Entity
@Table(name = "account_registration_policy")
public class RegistrationPolicy extends PanacheEntityBase {
    /**
     * Registered by default (ARCHITECTURE invariant 5). Threats are not in the default: the archive registers a threat
     * at capture when its evidence is archived (label rule), and a threat also sent for registration on arrival would
     * give most threats two records (registration, then removal evidence). An account adds THREAT to register threats
     * that stay visible.
     */
    public static final List<String> DEFAULT_REGISTER = List.of(Intent.COMPLAINT.name());

    @Id
    @Column(name = "account_id")
    public UUID accountId;

    /** Label and intent names (THREAT, COMPLAINT, HATE, …). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> register = DEFAULT_REGISTER;

    /**
     * Whether the public acknowledgement reply may name the registration number. Off by default: on a public thread the
     * number links the citizen to a case file, which the authority decides.
     */
    @Column(name = "publish_number")
    public boolean publishNumber;

    @Column(name = "updated_at")
    public Instant updatedAt = Instant.now();

    /** The account's policy, or the defaults (not persisted). */
    public static RegistrationPolicy forAccount(UUID accountId) {
        RegistrationPolicy p = findById(accountId);
        if (p != null) {
            return p;
        }
        RegistrationPolicy defaults = new RegistrationPolicy();
        defaults.accountId = accountId;
        return defaults;
    }

    /**
     * Why this classified comment is registered automatically, or empty. A complaint names COMPLAINT, a threat THREAT,
     * anything else the account chose ACCOUNT_POLICY.
     */
    public Optional<RegistrationReason> reasonFor(Set<String> labels, Set<String> intents) {
        Set<String> chosen = Set.copyOf(register == null ? List.of() : register);
        if (Intent.COMPLAINT.in(intents) && Intent.COMPLAINT.in(chosen)) {
            return Optional.of(RegistrationReason.COMPLAINT);
        }
        if (Label.THREAT.in(labels) && Label.THREAT.in(chosen)) {
            return Optional.of(RegistrationReason.THREAT);
        }
        boolean other =
                labels.stream().anyMatch(chosen::contains) || intents.stream().anyMatch(chosen::contains);
        return other ? Optional.of(RegistrationReason.ACCOUNT_POLICY) : Optional.empty();
    }
}
