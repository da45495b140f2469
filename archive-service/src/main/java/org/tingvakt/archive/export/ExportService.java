package org.tingvakt.archive.export;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.tingvakt.archive.account.AccountRule;
import org.tingvakt.archive.audit.AuditLog;
import org.tingvakt.archive.config.ArchiveConfig;
import org.tingvakt.archive.record.ArchiveRecord;
import org.tingvakt.archive.record.RegistrationState;
import org.tingvakt.archive.storage.ArtefactKind;
import org.tingvakt.archive.storage.ArtefactStore;
import org.tingvakt.problem.ProblemException;

/**
 * Exports one account's records captured in a date range (days in the account's zone) as E-ARK SIPs: each record's
 * PDF/A, PNG and native JSON as stored, and its history (capture, registration, legal hold) from the audit log as PREMIS
 * events. Records whose personal data was removed have no artefacts left and are not exported.
 *
 * <p>Records are read in pages of {@value #PAGE} (keyset on capture time and id, the persistence context cleared after
 * each page) and their artefacts one record at a time, so the export's memory does not grow with the range. The export
 * is split into packages of at most {@code tingvakt.archive.export.max-records-per-package} records (and
 * {@code max-bytes-per-package} bytes of artefacts) with an {@code index.json}; each package is audited with its METS
 * fingerprint.
 *
 * <p>Profile: {@code tingvakt.archive.export.profile} (E-ARK-SIP-2.2 or FGS-2.0), overridden per account by
 * {@code tingvakt.archive.export.profile."<accountId>"}, and per request by the {@code profile} parameter.
 */
@ApplicationScoped
public class ExportService {
    static final int PAGE = 200;

    private final ArtefactStore store;
    private final AuditLog audit;
    private final EntityManager em;
    private final Config config;
    private final String defaultProfile;
    private final int maxRecordsPerPackage;
    private final long maxBytesPerPackage;
    private final Optional<String> submitterName;
    private final Optional<String> submitterId;
    private final Optional<String> submissionAgreement;
    private final String version;

    public ExportService(ArtefactStore store, AuditLog audit, EntityManager em, Config config, ArchiveConfig settings) {
        this.store = store;
        this.audit = audit;
        this.em = em;
        this.config = config;
        this.defaultProfile = settings.export().profile();
        this.maxRecordsPerPackage = settings.export().maxRecordsPerPackage();
        this.maxBytesPerPackage = settings.export().maxBytesPerPackage();
        this.submitterName = settings.export().submitterName();
        this.submitterId = settings.export().submitterId();
        this.submissionAgreement = settings.export().submissionAgreement();
        this.version = config.getOptionalValue("quarkus.application.version", String.class)
                .orElse("development");
        EarkProfile.parse(defaultProfile); // fail at start-up on a bad setting
    }

    /** The profile an account's exports use: the account's own setting, else the service's. */
    public EarkProfile profileFor(String accountId) {
        return EarkProfile.parse(
                config.getOptionalValue("tingvakt.archive.export.profile.\"" + accountId + "\"", String.class)
                        .orElse(defaultProfile));
    }

    /** How the records are read and split: records a page, records a package (null: the configured limit). */
    public record Limits(int pageSize, Integer maxRecordsPerPackage) {
        public static final Limits DEFAULT = new Limits(PAGE, null);

        public Limits {
            if (pageSize < 1) {
                throw new IllegalArgumentException("pageSize must be at least 1");
            }
        }
    }

    /**
     * Writes the packages and {@code index.json} into {@code folder}.
     *
     * @param profile the profile to use, or null for the account's
     */
    @Transactional
    public ExportSeries.Result export(
            String accountId, LocalDate from, LocalDate to, EarkProfile profile, String actor, Path folder)
            throws IOException {
        return export(accountId, from, to, profile, actor, folder, Limits.DEFAULT);
    }

    /** As {@link #export(String, LocalDate, LocalDate, EarkProfile, String, Path)}, with the page and package sizes. */
    @Transactional
    public ExportSeries.Result export(
            String accountId,
            LocalDate from,
            LocalDate to,
            EarkProfile profile,
            String actor,
            Path folder,
            Limits limits)
            throws IOException {
        if (to.isBefore(from)) {
            throw ProblemException.badRequest("to is before from");
        }
        AccountRule rule = AccountRule.forAccount(accountId);
        ZoneId zone = ZoneId.of(rule.zone);
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        long count = ArchiveRecord.count(
                "accountId = ?1 and capturedAt >= ?2 and capturedAt < ?3 and personalDataRemovedAt is null",
                accountId,
                start,
                end);
        if (count == 0) {
            // A package must hold content (CSIP66: a file group is not empty): nothing to export is not a package.
            throw ProblemException.notFound("no records of account " + accountId + " captured " + from + " to " + to
                    + " (or their personal data was removed)");
        }
        ExportSettings settings = new ExportSettings(
                profile == null ? profileFor(accountId) : profile,
                rule.language,
                submitterName.orElse(""),
                submitterId.orElse(""),
                submissionAgreement,
                version,
                limits.maxRecordsPerPackage() == null ? maxRecordsPerPackage : limits.maxRecordsPerPackage(),
                maxBytesPerPackage);
        ExportScope scope = ExportScope.of(accountId, rule.accountName, from, to);
        ExportSeries.Result result;
        try {
            result = new ExportSeries(new ExportPackageWriter(Clock.systemUTC(), settings))
                    .write(scope, count, new Pages(accountId, start, end, limits.pageSize()), folder);
        } catch (IllegalArgumentException changed) {
            throw ProblemException.conflict("export refused: " + changed.getMessage());
        }
        int n = 0;
        for (ExportSeries.Package p : result.packages()) {
            n++;
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("accountId", accountId);
            detail.put("from", from.toString());
            detail.put("to", to.toString());
            detail.put("profile", settings.profile().id());
            detail.put("packageId", p.summary().packageId());
            detail.put("package", n + "/" + result.packages().size());
            detail.put("records", p.summary().records());
            detail.put("metsSha256", p.summary().metsSha256());
            detail.put("zipSha256", p.zipSha256());
            audit.append(actor, "EXPORTED", null, detail);
        }
        return result;
    }

    /** The range's records, a page at a time (keyset on capturedAt, id), each with its artefacts and history. */
    private final class Pages implements ExportSeries.RecordSource {
        private final String accountId;
        private final Instant start;
        private final Instant end;
        private final int size;
        private final Deque<ArchiveRecord> page = new ArrayDeque<>();
        private Instant lastAt;
        private UUID lastId;
        private boolean done;

        Pages(String accountId, Instant start, Instant end, int size) {
            this.accountId = accountId;
            this.start = start;
            this.end = end;
            this.size = size;
        }

        @Override
        public ExportRecord next() {
            if (page.isEmpty() && !done) {
                em.clear(); // the previous page's entities go
                List<ArchiveRecord> rows = lastAt == null
                        ? em.createQuery(
                                        "from ArchiveRecord r where r.accountId = ?1 and r.capturedAt >= ?2 "
                                                + "and r.capturedAt < ?3 and r.personalDataRemovedAt is null "
                                                + "order by r.capturedAt, r.id",
                                        ArchiveRecord.class)
                                .setParameter(1, accountId)
                                .setParameter(2, start)
                                .setParameter(3, end)
                                .setMaxResults(size)
                                .getResultList()
                        : em.createQuery(
                                        "from ArchiveRecord r where r.accountId = ?1 and r.capturedAt < ?3 "
                                                + "and (r.capturedAt > ?2 or (r.capturedAt = ?2 and r.id > ?4)) "
                                                + "and r.personalDataRemovedAt is null order by r.capturedAt, r.id",
                                        ArchiveRecord.class)
                                .setParameter(1, accountId)
                                .setParameter(2, lastAt)
                                .setParameter(3, end)
                                .setParameter(4, lastId)
                                .setMaxResults(size)
                                .getResultList();
                page.addAll(rows);
                done = rows.size() < size;
            }
            ArchiveRecord r = page.poll();
            if (r == null) {
                return null;
            }
            lastAt = r.capturedAt;
            lastId = r.id;
            return new ExportRecord(
                    r.id.toString(),
                    r.capturedAt,
                    Optional.ofNullable(r.registrationNumber),
                    bytes(r, ArtefactKind.PDF),
                    r.pdfSha256,
                    bytes(r, ArtefactKind.PNG),
                    r.pngSha256,
                    bytes(r, ArtefactKind.JSON),
                    r.recordSha256,
                    events(r));
        }
    }

    /** The record's history as PREMIS events: from the audit log, with the record's own state where the log is silent. */
    private List<RecordEvent> events(ArchiveRecord r) {
        List<RecordEvent> events = new ArrayList<>();
        boolean captured = false;
        boolean assessed = false;
        for (AuditLog.Entry e : audit.forRecord(r.id)) {
            switch (e.action()) {
                case "CAPTURED" -> {
                    captured = true;
                    events.add(new RecordEvent(
                            "capture",
                            e.at(),
                            "captured before removal; chain link " + r.chainSeq,
                            ExportSettings.SOFTWARE));
                }
                case "REGISTERED" -> {
                    assessed = true;
                    events.add(new RecordEvent(
                            "registration",
                            e.at(),
                            "registered" + (r.registrationNumber == null ? "" : " as " + r.registrationNumber),
                            "organization"));
                }
                case "REGISTRATION_NOT_REQUIRED" -> {
                    assessed = true;
                    events.add(new RecordEvent(
                            "appraisal", e.at(), "registration assessed as not required", "organization"));
                }
                case "HOLD_PLACED" ->
                    events.add(new RecordEvent("legal hold", e.at(), "legal hold placed", "organization"));
                case "HOLD_RELEASED" ->
                    events.add(new RecordEvent("legal hold", e.at(), "legal hold released", "organization"));
                case "DISPOSED" ->
                    events.add(new RecordEvent("deletion", e.at(), "personal data disposed of", "organization"));
                default -> {
                    // erasure requests and exports are not events of the record's content
                }
            }
        }
        if (!captured) {
            events.add(
                    0,
                    new RecordEvent(
                            "capture",
                            r.capturedAt,
                            "captured before removal; chain link " + r.chainSeq,
                            ExportSettings.SOFTWARE));
        }
        if (!assessed && r.assessedAt != null && r.registrationState == RegistrationState.REGISTERED) {
            events.add(new RecordEvent(
                    "registration", r.assessedAt, "registered as " + r.registrationNumber, "organization"));
        }
        return events;
    }

    private byte[] bytes(ArchiveRecord r, ArtefactKind kind) {
        return store.read(r.id, kind)
                .orElseThrow(() -> ProblemException.conflict("the " + kind + " of record " + r.id + " is missing"));
    }
}
