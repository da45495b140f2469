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
     * Registered on arrival by default (ARCHITECTURE invariant 5): complaints, which must be registered and cannot be
     * rejected. Threats are registered by default when they leave public view instead (see {@link #reasonFor(Set, Set,
     * boolean)} and docs/archive-records.md, "Threats"): a classifier's label is no assessment, a registration cannot be
     * undone, and the guidelines ask for the assessment before removal. An account adds THREAT to register threats on
     * arrival.
     */
    public static final List<String> DEFAULT_REGISTER = List.of("COMPLAINT");

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
        return reasonFor(labels, intents, false);
    }

    /**
     * As {@link #reasonFor(Set, Set)}, and a threat that the policy takes out of public view ({@code hiddenNow}: hidden
     * without an archive request, which would register it by itself) is registered whatever the account lists: what is
     * removed is assessed for registration first.
     */
    public Optional<RegistrationReason> reasonFor(Set<String> labels, Set<String> intents, boolean hiddenNow) {
        Optional<RegistrationReason> chosen = chosenReason(labels, intents);
        if (chosen.isEmpty() && hiddenNow && labels.contains("THREAT")) {
            return Optional.of(RegistrationReason.THREAT);
        }
        return chosen;
    }

    private Optional<RegistrationReason> chosenReason(Set<String> labels, Set<String> intents) {
        Set<String> chosen = Set.copyOf(register == null ? List.of() : register);
        if (intents.contains("COMPLAINT") && chosen.contains("COMPLAINT")) {
            return Optional.of(RegistrationReason.COMPLAINT);
        }
        if (labels.contains("THREAT") && chosen.contains("THREAT")) {
            return Optional.of(RegistrationReason.THREAT);
        }
        boolean other =
                labels.stream().anyMatch(chosen::contains) || intents.stream().anyMatch(chosen::contains);
        return other ? Optional.of(RegistrationReason.ACCOUNT_POLICY) : Optional.empty();
    }
}
