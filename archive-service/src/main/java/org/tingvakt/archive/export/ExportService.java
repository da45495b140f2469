package org.tingvakt.archive.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Sort;
import org.tingvakt.archive.account.AccountRule;
import org.tingvakt.archive.audit.AuditLog;
import org.tingvakt.archive.record.ArchiveRecord;
import org.tingvakt.archive.storage.ArtefactKind;
import org.tingvakt.archive.storage.ArtefactStore;
import org.tingvakt.problem.ProblemException;

/**
 * Builds the export package for the public archive: one account's records captured in a date range (days in the
 * account's zone), each with its PDF/A, PNG and native JSON as stored. Records whose personal data was removed have no
 * artefacts left and are not exported. The export is audited with the package's METS fingerprint.
 */
@ApplicationScoped
public class ExportService {
    /** Above this, ask for a narrower range: the package is built in one go. */
    public static final int MAX_RECORDS = 5000;

    private final ArtefactStore store;
    private final AuditLog audit;

    public ExportService(ArtefactStore store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    @Transactional
    public ExportSummary export(String accountId, LocalDate from, LocalDate to, String actor, OutputStream out)
            throws IOException {
        if (to.isBefore(from)) {
            throw ProblemException.badRequest("to is before from");
        }
        AccountRule rule = AccountRule.forAccount(accountId);
        ZoneId zone = ZoneId.of(rule.zone);
        List<ArchiveRecord> records = ArchiveRecord.list(
                "accountId = ?1 and capturedAt >= ?2 and capturedAt < ?3 and personalDataRemovedAt is null",
                Sort.ascending("capturedAt"), accountId, from.atStartOfDay(zone).toInstant(),
                to.plusDays(1).atStartOfDay(zone).toInstant());
        if (records.size() > MAX_RECORDS) {
            throw ProblemException.badRequest(records.size() + " records in range; export at most " + MAX_RECORDS
                    + " at once (narrow the dates)");
        }
        List<ExportRecord> exported = new ArrayList<>(records.size());
        for (ArchiveRecord r : records) {
            exported.add(new ExportRecord(r.id.toString(), r.capturedAt, Optional.ofNullable(r.registrationNumber),
                    bytes(r, ArtefactKind.PDF), r.pdfSha256, bytes(r, ArtefactKind.PNG), r.pngSha256,
                    bytes(r, ArtefactKind.JSON), r.recordSha256));
        }
        ExportSummary summary;
        try {
            summary = new ExportPackageWriter(Clock.systemUTC()).write(
                    ExportScope.of(accountId, rule.accountName, from, to), exported, out);
        } catch (IllegalArgumentException changed) {
            throw ProblemException.conflict("export refused: " + changed.getMessage());
        }
        audit.append(actor, "EXPORTED", null, Map.of("accountId", accountId, "from", from.toString(),
                "to", to.toString(), "packageId", summary.packageId(), "records", summary.records(),
                "metsSha256", summary.metsSha256()));
        return summary;
    }

    private byte[] bytes(ArchiveRecord r, ArtefactKind kind) {
        return store.read(r.id, kind).orElseThrow(() -> ProblemException.conflict(
                "the " + kind + " of record " + r.id + " is missing"));
    }
}
