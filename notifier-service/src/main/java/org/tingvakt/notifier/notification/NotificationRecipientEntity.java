package org.tingvakt.notifier.notification;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** One e-mail address that gets an account's reminders (moderator), escalations (editor) or late escalations (owner). */
@Entity
@Table(name = "notification_recipient")
public class NotificationRecipientEntity extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "account_id")
    public String accountId;

    public String email;

    @Enumerated(EnumType.STRING)
    public RecipientRole role;
}
