package org.tingvakt.archive.record;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * Evidence of one exact comment version, kept before its deletion: the request as received (native JSON) with its
 * hashes and its link in the hash chain.
 */
@Entity
@Table(name = "archive_record")
public class ArchiveRecord extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "case_id")
    public String caseId;

    @Column(name = "comment_id")
    public String commentId;

    @Column(name = "comment_version")
    public int commentVersion;

    public String platform;

    @Column(name = "account_id")
    public String accountId;

    @Column(name = "thread_key")
    public String threadKey;

    @Column(name = "sender_id")
    public String senderId;

    @Column(name = "sender_name")
    public String senderName;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> labels;

    public String reason;

    @Column(name = "content_sha256")
    public String contentSha256;

    @Column(name = "record_sha256")
    public String recordSha256;

    @Column(name = "chain_seq")
    public long chainSeq;

    @Column(name = "previous_chain_hash")
    public String previousChainHash;

    @Column(name = "chain_hash")
    public String chainHash;

    @Column(name = "posted_at")
    public Instant postedAt;

    @Column(name = "captured_at")
    public Instant capturedAt;

    @Column(name = "pdf_sha256")
    public String pdfSha256;

    @Column(name = "png_sha256")
    public String pngSha256;

    /** The comment's text, indexed for full-text search (personal data: removed by retention and erasure). */
    @Column(name = "search_text")
    public String searchText;

    @Enumerated(EnumType.STRING)
    @Column(name = "registration_state")
    public RegistrationState registrationState = RegistrationState.PENDING;

    @Column(name = "registration_number")
    public String registrationNumber;

    /** The series (diarium / journal) whose number the record holds; null for numbers per account. */
    @Column(name = "registration_series")
    public String registrationSeries;

    @Column(name = "registration_reason")
    public String registrationReason;

    @Column(name = "assessed_by")
    public String assessedBy;

    @Column(name = "assessed_at")
    public Instant assessedAt;

    @Column(name = "legal_hold")
    public boolean legalHold;

    @Column(name = "legal_hold_reason")
    public String legalHoldReason;

    @Column(name = "personal_data_removed_at")
    public Instant personalDataRemovedAt;

    @Column(name = "removal_rule")
    public String removalRule;
}
