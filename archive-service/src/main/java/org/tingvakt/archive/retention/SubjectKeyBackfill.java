package org.tingvakt.archive.retention;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.tingvakt.archive.account.AccountRule;
import org.tingvakt.archive.config.ArchiveConfig;
import org.tingvakt.archive.proof.HashChain;
import org.tingvakt.archive.record.RecordDocument;
import org.tingvakt.archive.storage.ArtefactKind;
import org.tingvakt.archive.storage.ArtefactStore;

/**
 * Indexes the national ID numbers of records that are not indexed under the running key: records captured before the
 * index existed (V4) and, after {@code TINGVAKT_ARCHIVE_SUBJECT_KEY} was changed, every record indexed under the old
 * key ({@code archive_record.subject_keys_key} names the key, V8), so that erasure requests stop scanning their JSON.
 * Batched, resumable and idempotent: each batch is one transaction that takes up to {@code batch-size} such records
 * with {@code FOR UPDATE SKIP LOCKED} (two instances of the service share the work instead of waiting for each other),
 * reads each record's native JSON back from the store and checks it against its recorded SHA-256, finds the numbers in
 * the comment and its thread exactly as the recorder does at capture ({@link SubjectKeys#textsOf}), replaces the
 * record's keys with them and names the running key on the record. That name is the progress: a crash rolls back the
 * batch in hand and the next run starts with it again. A record whose personal data is already removed has nothing to
 * index and is only named. A record whose JSON cannot be read back intact (changed bytes, an object missing from the
 * bucket) is left unindexed, so the JSON scan still covers it, and is skipped for the rest of the run; it is named (by
 * id only) in a WARN line.
 *
 * <p>Records indexed before V8 are marked {@code v4} (their key was not recorded). A run first checks up to
 * {@value #ADOPTION_SAMPLE} of those that have keys against the running key: when every one's stored keys are the keys
 * its JSON gives under the running key, all of them are adopted (named with the running key, nothing re-indexed); when
 * any differs, the key was changed with the upgrade and all of them are re-indexed.
 *
 * <p>Runs every {@code tingvakt.archive.subject-key-backfill.every} (default 5 minutes, {@code off} disables it)
 * until nothing is left; once every record is indexed under the running key a run costs two index lookups.
 */
@ApplicationScoped
public class SubjectKeyBackfill {
    private static final Logger LOG = Logger.getLogger(SubjectKeyBackfill.class);

    /** What one batch did: records indexed, records skipped (JSON not readable intact), the last id it looked at. */
    public record Batch(int indexed, int skipped, Optional<UUID> lastId) {}

    /** What a run did. */
    public record Run(int indexed, int skipped, int batches) {}

    private final DataSource dataSource;
    private final ArtefactStore store;
    private final SubjectKeys subjectKeys;
    private final int batchSize;
    static final int ADOPTION_SAMPLE = 20;

    @Inject
    public SubjectKeyBackfill(
            DataSource dataSource, ArtefactStore store, SubjectKeys subjectKeys, ArchiveConfig config) {
        this(dataSource, store, subjectKeys, config.subjectKeyBackfill().batchSize());
    }

    public SubjectKeyBackfill(DataSource dataSource, ArtefactStore store, SubjectKeys subjectKeys, int batchSize) {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalStateException("tingvakt.archive.subject-key-backfill.batch-size must be 1-10000");
        }
        this.dataSource = dataSource;
        this.store = store;
        this.subjectKeys = subjectKeys;
        this.batchSize = batchSize;
    }

    @Scheduled(
            every = "{tingvakt.archive.subject-key-backfill.every}",
            delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Run run = runUntilDone();
        if (run.indexed() > 0 || run.skipped() > 0) {
            LOG.infof(
                    "National ID backfill: %d records indexed, %d left for the JSON scan, in %d batches",
                    run.indexed(), run.skipped(), run.batches());
        }
    }

    /** Batches until no unindexed record is left (records skipped in this run are not taken again in it). */
    public Run runUntilDone() {
        return runUntilDone(batchSize);
    }

    /** {@link #runUntilDone()} with another batch size. */
    public Run runUntilDone(int size) {
        QuarkusTransaction.requiringNew().run(this::adoptPreV8Records);
        int indexed = 0;
        int skipped = 0;
        int batches = 0;
        Optional<UUID> after = Optional.empty();
        while (true) {
            Optional<UUID> from = after;
            Batch b = QuarkusTransaction.requiringNew().call(() -> batch(from, size));
            indexed += b.indexed();
            skipped += b.skipped();
            if (b.lastId().isEmpty()) {
                return new Run(indexed, skipped, batches);
            }
            batches++;
            after = b.lastId();
        }
    }

    /**
     * One batch in the caller's transaction: up to {@code batch-size} unindexed records with an id above {@code after}
     * (ids in order, so a run moves past records it had to skip), locked, indexed and flagged.
     */
    public Batch batch(Optional<UUID> after, int size) {
        List<UUID> taken = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id, account_id FROM archive_record WHERE (subject_keys_key IS NULL OR subject_keys_key <> ?)"
                                + (after.isPresent() ? " AND id > ?" : "")
                                + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
            int i = 1;
            ps.setString(i++, subjectKeys.fingerprint());
            if (after.isPresent()) {
                ps.setObject(i++, after.get());
            }
            ps.setInt(i, size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    taken.add(rs.getObject(1, UUID.class));
                    accounts.add(rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not take a backfill batch", e);
        }
        int indexed = 0;
        int skipped = 0;
        for (int i = 0; i < taken.size(); i++) {
            UUID id = taken.get(i);
            Optional<Set<String>> keys = keysFromJson(id, accounts.get(i));
            if (keys.isEmpty()) {
                skipped++;
                continue;
            }
            subjectKeys.index(id, keys.get());
            indexed++;
        }
        return new Batch(
                indexed, skipped, taken.isEmpty() ? Optional.empty() : Optional.of(taken.get(taken.size() - 1)));
    }

    /**
     * The keys the record's native JSON gives under the running key, as capture computes them (none once its personal
     * data is removed), or empty when its JSON cannot be read back intact (the record is then left to the JSON scan).
     */
    private Optional<Set<String>> keysFromJson(UUID id, String account) {
        Optional<byte[]> json;
        try {
            json = store.read(id, ArtefactKind.JSON);
        } catch (RuntimeException e) { // ArtefactIntegrityException and unreadable objects alike
            LOG.warnf(
                    "National ID backfill: record %s left to the JSON scan (%s)",
                    id, e.getClass().getSimpleName());
            return Optional.empty();
        }
        if (json.isPresent()
                && !store.recordedSha256(id, ArtefactKind.JSON).equals(Optional.of(HashChain.sha256(json.get())))) {
            // Changed bytes (the S3 store refuses them on read; PostgreSQL's content is checked here): keys from
            // them would not be the record's.
            LOG.warnf("National ID backfill: record %s left to the JSON scan (its JSON does not match its hash)", id);
            return Optional.empty();
        }
        if (json.isEmpty()) {
            return Optional.of(Set.of()); // personal data removed: nothing left to key
        }
        RecordDocument.Parsed doc;
        try {
            doc = RecordDocument.read(json.get());
        } catch (RuntimeException e) {
            LOG.warnf("National ID backfill: record %s left to the JSON scan (unreadable JSON)", id);
            return Optional.empty();
        }
        return Optional.of(
                subjectKeys.keysIn(SubjectKeys.textsOf(doc.request()), AccountRule.forAccount(account).language));
    }

    /**
     * Records indexed before V8 ({@code subject_keys_key = 'v4'}): adopted under the running key when a sample of those
     * with keys agrees with it, else marked unindexed so that the batches re-index them. In the caller's transaction.
     */
    void adoptPreV8Records() {
        List<UUID> sample = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT r.id, r.account_id FROM archive_record r WHERE r.subject_keys_key = 'v4' AND EXISTS "
                                + "(SELECT 1 FROM record_subject_key k WHERE k.record_id = r.id) ORDER BY r.id LIMIT ?")) {
            ps.setInt(1, ADOPTION_SAMPLE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sample.add(rs.getObject(1, UUID.class));
                    accounts.add(rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not sample the records indexed before V8", e);
        }
        boolean agrees = true;
        for (int i = 0; i < sample.size() && agrees; i++) {
            Optional<Set<String>> keys = keysFromJson(sample.get(i), accounts.get(i));
            // an unreadable record proves nothing either way; a readable one must give exactly its stored keys
            agrees = keys.isEmpty() || keys.get().equals(subjectKeys.storedKeys(sample.get(i)));
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE archive_record SET subject_keys_key = ? WHERE subject_keys_key = 'v4'")) {
            ps.setString(1, agrees ? subjectKeys.fingerprint() : null);
            int n = ps.executeUpdate();
            if (n > 0) {
                LOG.infof(
                        agrees
                                ? "National ID index: %d records indexed before V8 adopted under the running key"
                                : "National ID index: the running key does not match the index of %d records made before V8;"
                                        + " they will be re-indexed",
                        n);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not adopt the records indexed before V8", e);
        }
    }
}
