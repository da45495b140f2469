package org.tingvakt.archive.retention;

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

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tingvakt.archive.account.AccountRule;
import org.tingvakt.archive.proof.HashChain;
import org.tingvakt.archive.record.RecordDocument;
import org.tingvakt.archive.storage.ArtefactKind;
import org.tingvakt.archive.storage.ArtefactStore;

/**
 * Indexes the national ID numbers of records captured before the index existed ({@code subject_keys_indexed = false},
 * V4), so that erasure requests stop scanning their JSON. Batched, resumable and idempotent: each batch is one
 * transaction that takes up to {@code batch-size} unindexed records with {@code FOR UPDATE SKIP LOCKED} (two instances
 * of the service share the work instead of waiting for each other), reads each record's native JSON back from the
 * store and checks it against its recorded SHA-256, finds the numbers in the comment and its thread exactly as the recorder does at capture ({@link
 * SubjectKeys#textsOf}), stores their keys ({@code ON CONFLICT DO NOTHING}) and sets the flag. The flag is the
 * progress: a crash rolls back the batch in hand and the next run starts with it again. A record whose personal data
 * is already removed has nothing to index and is only flagged. A record whose JSON cannot be read back intact (changed
 * bytes, an object missing from the bucket) is left unindexed, so the JSON scan still covers it, and is skipped for the
 * rest of the run; it is named (by id only) in a WARN line.
 *
 * <p>Runs every {@code tingvakt.archive.subject-key-backfill.every} (default 5 minutes, {@code off} disables it)
 * until nothing is left; once every record is indexed a run costs one index lookup.
 */
@ApplicationScoped
public class SubjectKeyBackfill {
    private static final Logger LOG = Logger.getLogger(SubjectKeyBackfill.class);

    /** What one batch did: records indexed, records skipped (JSON not readable intact), the last id it looked at. */
    public record Batch(int indexed, int skipped, Optional<UUID> lastId) {
    }

    /** What a run did. */
    public record Run(int indexed, int skipped, int batches) {
    }

    private final DataSource dataSource;
    private final ArtefactStore store;
    private final SubjectKeys subjectKeys;
    private final int batchSize;

    public SubjectKeyBackfill(DataSource dataSource, ArtefactStore store, SubjectKeys subjectKeys,
                              @ConfigProperty(name = "tingvakt.archive.subject-key-backfill.batch-size",
                                      defaultValue = "500") int batchSize) {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalStateException("tingvakt.archive.subject-key-backfill.batch-size must be 1-10000");
        }
        this.dataSource = dataSource;
        this.store = store;
        this.subjectKeys = subjectKeys;
        this.batchSize = batchSize;
    }

    @Scheduled(every = "{tingvakt.archive.subject-key-backfill.every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Run run = runUntilDone();
        if (run.indexed() > 0 || run.skipped() > 0) {
            LOG.infof("National ID backfill: %d records indexed, %d left for the JSON scan, in %d batches",
                    run.indexed(), run.skipped(), run.batches());
        }
    }

    /** Batches until no unindexed record is left (records skipped in this run are not taken again in it). */
    public Run runUntilDone() {
        return runUntilDone(batchSize);
    }

    /** {@link #runUntilDone()} with another batch size. */
    public Run runUntilDone(int size) {
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
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, account_id FROM archive_record WHERE NOT subject_keys_indexed"
                        + (after.isPresent() ? " AND id > ?" : "") + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
            int i = 1;
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
            Optional<byte[]> json;
            try {
                json = store.read(id, ArtefactKind.JSON);
            } catch (RuntimeException e) { // ArtefactIntegrityException and unreadable objects alike
                LOG.warnf("National ID backfill: record %s left to the JSON scan (%s)", id, e.getClass().getSimpleName());
                skipped++;
                continue;
            }
            if (json.isPresent() && !store.recordedSha256(id, ArtefactKind.JSON)
                    .equals(Optional.of(HashChain.sha256(json.get())))) {
                // Changed bytes (the S3 store refuses them on read; PostgreSQL's content is checked here): keys from
                // them would not be the record's.
                LOG.warnf("National ID backfill: record %s left to the JSON scan (its JSON does not match its hash)", id);
                skipped++;
                continue;
            }
            Set<String> keys;
            if (json.isEmpty()) {
                keys = Set.of(); // personal data removed: nothing left to key
            } else {
                RecordDocument.Parsed doc;
                try {
                    doc = RecordDocument.read(json.get());
                } catch (RuntimeException e) {
                    LOG.warnf("National ID backfill: record %s left to the JSON scan (unreadable JSON)", id);
                    skipped++;
                    continue;
                }
                keys = subjectKeys.keysIn(SubjectKeys.textsOf(doc.request()),
                        AccountRule.forAccount(accounts.get(i)).language);
            }
            subjectKeys.index(id, keys);
            indexed++;
        }
        return new Batch(indexed, skipped,
                taken.isEmpty() ? Optional.empty() : Optional.of(taken.get(taken.size() - 1)));
    }
}
