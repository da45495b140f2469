package org.tingvakt.moderation.account.connection;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.tingvakt.contracts.Platform;

/**
 * A connected page or Instagram account: its page access token sealed ({@link TokenKeyring}), the Facebook page whose
 * webhook subscription serves it, and what the last health check found. The token is never in {@link #toString()}.
 */
@Entity
@Table(name = "page_connection")
public class PageConnection extends PanacheEntityBase {
    @Id
    @Column(name = "account_id")
    public UUID accountId;

    @Enumerated(EnumType.STRING)
    public Platform platform;

    @Column(name = "external_id")
    public String externalId;

    /** The page itself, or for Instagram the page the account is linked to (its token and subscription serve both). */
    @Column(name = "page_id")
    public String pageId;

    @Column(name = "sealed_token")
    public String sealedToken;

    @Column(name = "key_id")
    public String keyId;

    @Column(name = "subscribed_fields")
    public String subscribedFields;

    /** The system user's tasks on the page (MODERATE, MANAGE, …), comma-separated. */
    public String tasks = "";

    @Column(name = "connected_by")
    public String connectedBy;

    @Column(name = "connected_at")
    public Instant connectedAt;

    @Column(name = "checked_at")
    public Instant checkedAt;

    @Column(name = "token_expires_at")
    public Instant tokenExpiresAt;

    /** The token's permissions at the last check, comma-separated. */
    public String scopes = "";

    /** {@link HealthFlag} names the last check raised, comma-separated; empty: healthy (or never checked). */
    @Column(name = "health_flags")
    public String healthFlags = "";

    /** The flags the admins were told about, so each is told once until it clears. */
    @Column(name = "notified_flags")
    public String notifiedFlags = "";

    /** {@code PLATFORM:id}, the associated data the token is sealed with. */
    public String sealedFor() {
        return platform.name() + ":" + externalId;
    }

    public List<HealthFlag> flags() {
        return split(healthFlags).stream().map(HealthFlag::valueOf).toList();
    }

    static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.asList(csv.split(","));
    }

    @Override
    public String toString() {
        return "PageConnection[" + platform + ":" + externalId + ", page " + pageId + ", key " + keyId + "]";
    }
}
