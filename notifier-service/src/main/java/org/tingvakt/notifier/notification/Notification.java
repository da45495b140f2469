package org.tingvakt.notifier.notification;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A reminder or escalation due at {@link #dueAt}: the durable schedule the {@link NotificationDispatcher} works off. */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {
    public enum State {
        PENDING,
        SENT,
        CANCELLED,
        FAILED
    }

    @Id
    public UUID id;

    @Column(name = "deadline_id")
    public UUID deadlineId;

    @Column(name = "account_id")
    public String accountId;

    @Enumerated(EnumType.STRING)
    public NotificationKind kind;

    @Column(name = "due_at")
    public Instant dueAt;

    @Enumerated(EnumType.STRING)
    public State state;

    public int attempts;
    public String delivered;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "sent_by")
    public String sentBy;
}
