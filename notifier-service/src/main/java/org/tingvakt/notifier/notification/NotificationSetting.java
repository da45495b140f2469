package org.tingvakt.notifier.notification;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** How the notifier tells an account's people about its deadlines; managed by admins through the notifier's API. */
@Entity
@Table(name = "notification_setting")
public class NotificationSetting extends PanacheEntityBase {
    @Id
    @Column(name = "account_id")
    public String accountId;

    public String language;

    /** Reminder specs, comma-separated: {@code 50%,PT2H}. */
    public String reminders;

    /** ISO-8601 duration after the deadline at which the owner is told: {@code PT4H}. */
    @Column(name = "owner_escalation_after")
    public String ownerEscalationAfter;

    public boolean digest;

    @Column(name = "last_digest_at")
    public Instant lastDigestAt;

    @Column(name = "teams_webhook_url")
    public String teamsWebhookUrl;

    @Column(name = "slack_webhook_url")
    public String slackWebhookUrl;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
