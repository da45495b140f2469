package org.tingvakt.moderation.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.PolicyAction;
import org.tingvakt.contracts.ReplyPolicy;

/** A page or account a public body moderates: the platform's id, its country, language, office hours and reply rule. */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {
    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public Platform platform;

    @Column(name = "external_id")
    public String externalId;

    public String name;
    public String country;
    public String language;

    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "office_open")
    public LocalTime officeOpen;

    @Column(name = "office_close")
    public LocalTime officeClose;

    @Column(name = "reply_rule")
    public String replyRule;

    @Column(name = "rules_url")
    public String rulesUrl;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The people who can edit the page; guidelines ask for at least two (see {@link #MIN_EDITORS}). */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Editor> editors = new ArrayList<>();

    /** The configured action per label name; labels without a rule get {@link #policyUnlisted}. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, PolicyAction> policy = new LinkedHashMap<>();

    @Enumerated(EnumType.STRING)
    @Column(name = "policy_unlisted")
    public PolicyAction policyUnlisted = PolicyAction.REVIEW;

    @Column(name = "auto_delete_enabled")
    public boolean autoDeleteEnabled;

    /** Days the offices are closed beyond the country calendar, ISO dates (yyyy-MM-dd). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "extra_closed_days")
    public List<String> extraClosedDays = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(name = "signature_style")
    public ReplySignature.Style signatureStyle = ReplySignature.Style.FIRST_NAME_AND_UNIT;

    @Column(name = "signature_unit")
    public String signatureUnit = "";

    @Column(name = "updated_at")
    public Instant updatedAt;

    /**
     * The secure channels of the standard DM reply per language code (da, sv, nb, nn, en), in the order to list them;
     * a language without an entry uses the service-wide {@code tingvakt.dm-reply.channels}.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "dm_channels")
    public DmChannels dmChannels = new DmChannels(Map.of());

    /**
     * The per-language table, wrapped in a record so the JSON column is read back with its element types (a bare
     * {@code Map<String, List<DmChannel>>} column came back with untyped elements).
     */
    public record DmChannels(Map<String, List<DmChannel>> perLanguage) {
        public Map<String, List<DmChannel>> table() {
            return perLanguage == null ? Map.of() : perLanguage;
        }
    }

    /** Guidelines: keep at least two editors on every account. */
    public static final int MIN_EDITORS = 2;

    /** An editor of the page: a name and where to reach them. */
    public record Editor(String name, String email) {}

    /**
     * A secure channel as the admin registers it: the kind, and what to write to or where (e-mail address, phone
     * number, a link or a short text); see {@link org.tingvakt.moderation.account.SecureChannel}.
     */
    public record DmChannel(org.tingvakt.moderation.account.SecureChannelType type, String address) {}

    /** The account's own channels for this language, if it has any. */
    public Optional<List<org.tingvakt.moderation.account.SecureChannel>> dmChannelsFor(String languageCode) {
        List<DmChannel> own = dmChannels == null ? null : dmChannels.table().get(languageCode);
        if (own == null || own.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(own.stream()
                .map(c -> org.tingvakt.moderation.account.SecureChannel.of(c.type(), c.address()))
                .toList());
    }

    public static Optional<Account> findByPlatformId(Platform platform, String externalId) {
        return find("platform = ?1 and externalId = ?2", platform, externalId).firstResultOptional();
    }

    public ReplyPolicy replyPolicy() {
        List<LocalDate> closed = extraClosedDays == null
                ? List.of()
                : extraClosedDays.stream().map(LocalDate::parse).sorted().toList();
        return new ReplyPolicy(country, timeZone, replyRule, officeOpen, officeClose, closed);
    }

    @jakarta.persistence.PrePersist
    @jakarta.persistence.PreUpdate
    void touch() {
        updatedAt = Instant.now();
        if (createdAt == null) {
            createdAt = updatedAt;
        }
    }

    public AccountPolicy policy() {
        return new AccountPolicy(policy, policyUnlisted, autoDeleteEnabled);
    }

    public ReplySignature signature() {
        return new ReplySignature(signatureStyle == null ? ReplySignature.Style.NONE : signatureStyle, signatureUnit);
    }
}
