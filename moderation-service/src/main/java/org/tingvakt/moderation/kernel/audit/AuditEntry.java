package org.tingvakt.moderation.kernel.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One line of the audit log: who did what to which thing, chained to the line before by its hash. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {
    @Id
    public long seq;

    public Instant at;
    public String actor;
    public String action;

    @Column(name = "target_type")
    public String targetType;

    @Column(name = "target_id")
    public String targetId;

    /** Canonical JSON (sorted keys), exactly as hashed. */
    public String detail;

    @Column(name = "prev_hash")
    public String prevHash;

    public String hash;
}
