package org.tingvakt.moderation.actions;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A request for evidence of one exact comment version; the deletion waits for its verified record. */
@Entity
@Table(name = "archive_request")
public class ArchiveRequest extends PanacheEntityBase {
    public enum State {
        REQUESTED,
        ARCHIVED,
        REJECTED
    }

    @Id
    public UUID id;

    @Column(name = "case_id")
    public UUID caseId;

    @Column(name = "comment_version_id")
    public UUID commentVersionId;

    @Column(name = "content_sha256")
    public String contentSha256;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public State state;

    @Column(name = "record_id")
    public String recordId;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "archived_at")
    public Instant archivedAt;

    /** Delete on the platform once the verified record is in (false: keep hidden and archived for a moderator). */
    @Column(name = "delete_when_archived")
    public boolean deleteWhenArchived = true;

    /** Evidence before removal, or a registration of a comment that stays on the platform (never hidden or deleted). */
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public org.tingvakt.contracts.ArchivePurpose purpose = org.tingvakt.contracts.ArchivePurpose.REMOVAL_EVIDENCE;

    /** Why the record is to be registered (REGISTRATION requests). */
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(name = "registration_reason")
    public org.tingvakt.contracts.RegistrationReason registrationReason;

    /** The number the archive gave the record, from {@code RecordArchived}. */
    @Column(name = "registration_number")
    public String registrationNumber;
}
