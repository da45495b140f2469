package org.tingvakt.notifier.tracking;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A promise to answer one comment by {@link #dueAt}, kept in the database so that no restart forgets it. */
@Entity
@Table(name = "reply_deadline")
public class ReplyDeadline extends PanacheEntityBase {
    /** OPEN until closed; MET when answered in time, LATE when answered after it; CLOSED when no answer is needed. */
    public enum State {
        OPEN,
        MET,
        LATE,
        CLOSED
    }

    @Id
    public UUID id;

    @Column(name = "case_id")
    public String caseId;

    @Column(name = "comment_id")
    public String commentId;

    public String platform;

    @Column(name = "account_id")
    public String accountId;

    @Column(name = "thread_key")
    public String threadKey;

    public String intent;
    public String rule;
    public String country;

    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "due_at")
    public Instant dueAt;

    @Enumerated(EnumType.STRING)
    public State state;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "closed_by")
    public String closedBy;
}
