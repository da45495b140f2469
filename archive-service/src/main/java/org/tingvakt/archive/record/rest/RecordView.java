package org.tingvakt.archive.record.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.tingvakt.archive.record.ArchiveRecord;
import org.tingvakt.archive.record.RegistrationState;

/** A record's metadata as the archivists' API shows it (the comment itself is in its artefacts). */
public record RecordView(
        UUID id,
        String requestId,
        String caseId,
        String commentId,
        int commentVersion,
        String platform,
        String accountId,
        String senderId,
        String senderName,
        List<String> labels,
        String reason,
        String contentSha256,
        String recordSha256,
        String pdfSha256,
        String pngSha256,
        long chainSeq,
        String chainHash,
        Instant postedAt,
        Instant capturedAt,
        RegistrationState registrationState,
        String registrationNumber,
        String registrationReason,
        String assessedBy,
        Instant assessedAt,
        boolean legalHold,
        String legalHoldReason,
        Instant personalDataRemovedAt,
        String removalRule) {
    public static RecordView of(ArchiveRecord r) {
        return new RecordView(
                r.id,
                r.requestId,
                r.caseId,
                r.commentId,
                r.commentVersion,
                r.platform,
                r.accountId,
                r.senderId,
                r.senderName,
                r.labels,
                r.reason,
                r.contentSha256,
                r.recordSha256,
                r.pdfSha256,
                r.pngSha256,
                r.chainSeq,
                r.chainHash,
                r.postedAt,
                r.capturedAt,
                r.registrationState,
                r.registrationNumber,
                r.registrationReason,
                r.assessedBy,
                r.assessedAt,
                r.legalHold,
                r.legalHoldReason,
                r.personalDataRemovedAt,
                r.removalRule);
    }
}
