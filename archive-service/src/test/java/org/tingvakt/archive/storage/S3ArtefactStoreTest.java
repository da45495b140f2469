package org.tingvakt.archive.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.tingvakt.archive.proof.ChainLink;
import org.tingvakt.archive.proof.HashChain;
import org.tingvakt.archive.record.RecordChainVerifier;
import org.tingvakt.archive.record.RecordChainVerifier.ChainReport;
import org.tingvakt.devstack.DevStack;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The S3 store against a real S3 server: S3Proxy in-process (Jetty, SigV4 authentication) over a filesystem blob store in
 * a temporary folder, and the archive's real schema on the devstack's PostgreSQL. No mocks.
 */
class S3ArtefactStoreTest {
    static DevStack stack;
    static S3Proxy proxy;
    static Path blobs;
    static S3Client s3;
    static PGSimpleDataSource db;

    /** Transaction outcomes are played by hand: work registered for after commit / rollback waits here. */
    final List<Runnable> afterCommit = new ArrayList<>();

    final List<Runnable> afterRollback = new ArrayList<>();
    S3ArtefactStore store;

    @BeforeAll
    static void start() throws Exception {
        stack = DevStack.start(DevStack.Options.forTests());
        Flyway.configure()
                .dataSource(stack.jdbcUrl("archive"), stack.username(), stack.password())
                .locations("classpath:db/eventing", "classpath:db/migration")
                .load()
                .migrate();
        db = new PGSimpleDataSource();
        db.setUrl(stack.jdbcUrl("archive"));
        db.setUser(stack.username());
        db.setPassword(stack.password());

        blobs = Files.createTempDirectory("tingvakt-s3-");
        Properties p = new Properties();
        p.setProperty("jclouds.filesystem.basedir", blobs.toString());
        BlobStoreContext context =
                ContextBuilder.newBuilder("filesystem").overrides(p).build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "test-access", "test-secret-key")
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        s3 = ArtefactStores.s3Client(
                Optional.of("http://127.0.0.1:" + proxy.getPort()),
                "us-east-1",
                Optional.of("test-access"),
                Optional.of("test-secret-key"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (proxy != null) {
            proxy.stop();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void newStore() {
        store = new S3ArtefactStore(s3, "archive-test", db, new S3ArtefactStore.TransactionHooks() {
                    @Override
                    public void afterCommit(Runnable work) {
                        afterCommit.add(work);
                    }

                    @Override
                    public void afterRollback(Runnable work) {
                        afterRollback.add(work);
                    }
                })
                .ensureBucket();
    }

    private static UUID newRecord() throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO archive_record (id, request_id, case_id, comment_id, comment_version, platform, account_id, "
                                + "thread_key, content_sha256, record_sha256, chain_seq, previous_chain_hash, chain_hash, "
                                + "captured_at) VALUES (?, ?, 'case', 'c', 1, 'FACEBOOK', 'acc', 'FACEBOOK:p', 'x', 'y', "
                                + "(SELECT coalesce(max(chain_seq), 0) + 1 FROM archive_record), 'p', 'h', now())")) {
            ps.setObject(1, id);
            ps.setString(2, "req-" + id);
            ps.executeUpdate();
        }
        return id;
    }

    private static String objectKeyColumn(UUID id, ArtefactKind kind) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT object_key, content IS NULL FROM artefact WHERE record_id = ? AND kind = ?")) {
            ps.setObject(1, id);
            ps.setString(2, kind.name());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(2)).as("no content in PostgreSQL").isTrue();
                return rs.getString(1);
            }
        }
    }

    private static boolean objectExists(String key) {
        try {
            s3.headObject(b -> b.bucket("archive-test").key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Test
    void storesInTheBucketKeepsTheHashInPostgresAndReadsBack() throws Exception {
        UUID id = newRecord();
        byte[] pdf = "%PDF-1.7 evidence".getBytes(StandardCharsets.US_ASCII);
        store.put(id, ArtefactKind.PDF, pdf, HashChain.sha256(pdf));

        String key = objectKeyColumn(id, ArtefactKind.PDF);
        assertThat(key).isEqualTo("records/" + id + ".pdf");
        assertThat(objectExists(key)).isTrue();
        assertThat(s3.getObjectAsBytes(b -> b.bucket("archive-test").key(key)).asByteArray())
                .isEqualTo(pdf);
        assertThat(store.read(id, ArtefactKind.PDF)).contains(pdf);
        assertThat(store.recordedSha256(id, ArtefactKind.PDF)).contains(HashChain.sha256(pdf));
        assertThat(store.read(id, ArtefactKind.PNG)).isEmpty();
    }

    @Test
    void aChangedObjectIsRefusedOnRead() throws Exception {
        UUID id = newRecord();
        byte[] json = "{\"recordId\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        store.put(id, ArtefactKind.JSON, json, HashChain.sha256(json));
        byte[] changed = json.clone();
        changed[3] ^= 0x01;
        s3.putObject(
                b -> b.bucket("archive-test").key(S3ArtefactStore.objectKey(id, ArtefactKind.JSON)),
                RequestBody.fromBytes(changed));

        assertThatThrownBy(() -> store.read(id, ArtefactKind.JSON))
                .isInstanceOf(ArtefactIntegrityException.class)
                .hasMessageContaining(id.toString());

        // Put back as it was: read again.
        s3.putObject(
                b -> b.bucket("archive-test").key(S3ArtefactStore.objectKey(id, ArtefactKind.JSON)),
                RequestBody.fromBytes(json));
        assertThat(store.read(id, ArtefactKind.JSON)).contains(json);

        // Gone from the bucket although recorded as stored: refused too, not taken for "removed".
        s3.deleteObject(b -> b.bucket("archive-test").key(S3ArtefactStore.objectKey(id, ArtefactKind.JSON)));
        assertThatThrownBy(() -> store.read(id, ArtefactKind.JSON)).isInstanceOf(ArtefactIntegrityException.class);
    }

    @Test
    void removalDeletesTheObjectOnlyAfterCommit() throws Exception {
        UUID id = newRecord();
        byte[] png = new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        store.put(id, ArtefactKind.PNG, png, HashChain.sha256(png));
        String key = S3ArtefactStore.objectKey(id, ArtefactKind.PNG);

        assertThat(store.removeContent(id, ArtefactKind.PNG, Instant.now())).isTrue();
        assertThat(store.read(id, ArtefactKind.PNG)).isEmpty();
        assertThat(objectExists(key))
                .as("still there until the removal commits")
                .isTrue();
        afterCommit.forEach(Runnable::run);
        assertThat(objectExists(key)).isFalse();
        assertThat(store.recordedSha256(id, ArtefactKind.PNG)).contains(HashChain.sha256(png));
        assertThat(store.removeContent(id, ArtefactKind.PNG, Instant.now())).isFalse();
    }

    @Test
    void aFailedDeletionIsQueuedAndRetriedUntilTheObjectIsGone() throws Exception {
        UUID id = newRecord();
        byte[] pdf = "%PDF-1.7 evidence".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        store.put(id, ArtefactKind.PDF, pdf, HashChain.sha256(pdf));
        String key = S3ArtefactStore.objectKey(id, ArtefactKind.PDF);
        // The object store is unreachable when the removal commits.
        try (S3Client down = ArtefactStores.s3Client(
                Optional.of("http://127.0.0.1:1"),
                "us-east-1",
                Optional.of("test-access"),
                Optional.of("test-secret-key"))) {
            List<Runnable> commits = new ArrayList<>();
            S3ArtefactStore unreachable =
                    new S3ArtefactStore(down, "archive-test", db, new S3ArtefactStore.TransactionHooks() {
                        @Override
                        public void afterCommit(Runnable work) {
                            commits.add(work);
                        }

                        @Override
                        public void afterRollback(Runnable work) {}
                    });
            assertThat(unreachable.removeContent(id, ArtefactKind.PDF, Instant.now()))
                    .isTrue();
            assertThat(pendingAttempts(key)).as("queued with the removal").isZero();
            commits.forEach(Runnable::run);
            assertThat(pendingAttempts(key))
                    .as("still queued after the failed attempt")
                    .isEqualTo(1);
            assertThat(unreachable.retryPendingDeletions(Instant.now().plusSeconds(3600), 10))
                    .isZero();
            assertThat(pendingAttempts(key)).isEqualTo(2);
        }
        assertThat(objectExists(key)).isTrue();
        assertThat(store.read(id, ArtefactKind.PDF))
                .as("removed for readers at once")
                .isEmpty();

        // Not due yet: the retry backs off.
        assertThat(store.retryPendingDeletions(Instant.now(), 10)).isZero();
        assertThat(objectExists(key)).isTrue();
        // Due: the store is back, the object goes and so does its queue row.
        assertThat(store.retryPendingDeletions(Instant.now().plusSeconds(7200), 10))
                .isEqualTo(1);
        assertThat(objectExists(key)).isFalse();
        assertThat(pendingAttempts(key)).isNull();
    }

    private static Integer pendingAttempts(String key) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT attempts FROM pending_object_deletion WHERE object_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    @Test
    void anObjectPutInARolledBackTransactionIsDeletedAgain() throws Exception {
        UUID id = newRecord();
        byte[] pdf = "%PDF-1.7 rolled back".getBytes(StandardCharsets.US_ASCII);
        store.put(id, ArtefactKind.PDF, pdf, HashChain.sha256(pdf));
        assertThat(objectExists(S3ArtefactStore.objectKey(id, ArtefactKind.PDF)))
                .isTrue();
        afterRollback.forEach(Runnable::run);
        assertThat(objectExists(S3ArtefactStore.objectKey(id, ArtefactKind.PDF)))
                .isFalse();
    }

    @Test
    void artefactsStoredInPostgresBeforeTheMoveToS3AreStillReadAndRemoved() throws Exception {
        UUID id = newRecord();
        byte[] json = "{\"stored\":\"before\"}".getBytes(StandardCharsets.UTF_8);
        new PostgresArtefactStore(db).put(id, ArtefactKind.JSON, json, HashChain.sha256(json));
        assertThat(store.read(id, ArtefactKind.JSON)).contains(json);
        assertThat(store.removeContent(id, ArtefactKind.JSON, Instant.now())).isTrue();
        assertThat(store.read(id, ArtefactKind.JSON)).isEmpty();
        assertThat(new PostgresArtefactStore(db).read(id, ArtefactKind.JSON))
                .as("content gone from the row")
                .isEmpty();
    }

    @Test
    void aRegisteredRecordsObjectIsNotRemoved() throws Exception {
        UUID id = newRecord();
        byte[] pdf = "%PDF-1.7 registered".getBytes(StandardCharsets.US_ASCII);
        store.put(id, ArtefactKind.PDF, pdf, HashChain.sha256(pdf));
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE archive_record SET registration_state = 'REGISTERED', registration_number = ? WHERE id = ?")) {
            ps.setString(1, "KS-2026-" + id);
            ps.setObject(2, id);
            ps.executeUpdate();
        }
        assertThatThrownBy(() -> store.removeContent(id, ArtefactKind.PDF, Instant.now()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(afterCommit).isEmpty();
        assertThat(store.read(id, ArtefactKind.PDF)).contains(pdf);
    }

    /**
     * The chain's verification re-hashes what the store holds now, in either store: an artefact altered behind the
     * archive's back (an object overwritten in the bucket, a row's bytes changed in PostgreSQL) makes the record it
     * belongs to the broken link, on whatever page it is; an object deleted from the bucket counts as changed, not as
     * removed. Each store gets a chain of its own in a fresh database, so other tests' records do not enter it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"s3", "postgres"})
    void chainVerificationReHashesEveryStoredRecordAndNamesOneAlteredBehindTheArchivesBack(String kind)
            throws Exception {
        PGSimpleDataSource chainDb = freshArchiveDatabase("chain_" + kind + "_" + System.nanoTime());
        String bucket = "chain-" + System.nanoTime();
        ArtefactStore chainStore = "s3".equals(kind)
                ? new S3ArtefactStore(s3, bucket, chainDb, new S3ArtefactStore.TransactionHooks() {
                            @Override
                            public void afterCommit(Runnable work) {}

                            @Override
                            public void afterRollback(Runnable work) {}
                        })
                        .ensureBucket()
                : new PostgresArtefactStore(chainDb);
        List<UUID> ids = new ArrayList<>();
        List<byte[]> jsons = new ArrayList<>();
        String previous = HashChain.GENESIS;
        for (int i = 0; i < 5; i++) {
            UUID id = UUID.randomUUID();
            byte[] json = ("{\"recordId\":\"" + id + "\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
            String sha = HashChain.sha256(json);
            ChainLink link = HashChain.append(previous, id.toString(), sha);
            insertLink(chainDb, id, i + 1, previous, link);
            chainStore.put(id, ArtefactKind.JSON, json, sha);
            ids.add(id);
            jsons.add(json);
            previous = link.chainHash();
        }
        RecordChainVerifier verifier = new RecordChainVerifier(chainDb, chainStore, 2);
        ChainReport intact = new ChainReport(true, 5, previous, null, null, null);
        assertThat(verifier.verify()).isEqualTo(intact);

        UUID altered = ids.get(3);
        byte[] changed = jsons.get(3).clone();
        changed[changed.length - 2] ^= 0x01;
        alter(kind, chainDb, bucket, altered, changed);
        assertThat(verifier.verify())
                .as("the altered record, on the second page")
                .isEqualTo(new ChainReport(false, 5, null, 3, altered.toString(), "RECORD_CHANGED"));

        alter(kind, chainDb, bucket, altered, jsons.get(3));
        assertThat(verifier.verify()).as("put back as it was").isEqualTo(intact);

        if ("s3".equals(kind)) {
            s3.deleteObject(b -> b.bucket(bucket).key(S3ArtefactStore.objectKey(ids.get(1), ArtefactKind.JSON)));
            assertThat(verifier.verify())
                    .as("an object gone from the bucket")
                    .isEqualTo(new ChainReport(false, 5, null, 1, ids.get(1).toString(), "RECORD_CHANGED"));
        }
        // Content removed through the store (retention, erasure) leaves the link, which still verifies.
        UUID removed = ids.get("s3".equals(kind) ? 2 : 1);
        assertThat(chainStore.removeContent(removed, ArtefactKind.JSON, Instant.now()))
                .isTrue();
        assertThat(chainStore.currentSha256(List.of(removed), ArtefactKind.JSON))
                .isEmpty();
    }

    private static void alter(String kind, PGSimpleDataSource chainDb, String bucket, UUID id, byte[] bytes)
            throws Exception {
        if ("s3".equals(kind)) {
            s3.putObject(
                    b -> b.bucket(bucket).key(S3ArtefactStore.objectKey(id, ArtefactKind.JSON)),
                    RequestBody.fromBytes(bytes));
        } else {
            try (Connection c = chainDb.getConnection();
                    PreparedStatement ps = c.prepareStatement(
                            "UPDATE artefact SET content = ? WHERE record_id = ? AND kind = 'JSON'")) {
                ps.setBytes(1, bytes);
                ps.setObject(2, id);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }
    }

    private static boolean templateMigrated;

    /** A new database with the archive's schema and no records: a copy of a template migrated once (faster than Flyway). */
    private static synchronized PGSimpleDataSource freshArchiveDatabase(String name) throws Exception {
        if (!templateMigrated) {
            createDatabase("CREATE DATABASE chain_template");
            Flyway.configure()
                    .dataSource(stack.jdbcUrl("chain_template"), stack.username(), stack.password())
                    .locations("classpath:db/eventing", "classpath:db/migration")
                    .load()
                    .migrate();
            templateMigrated = true;
        }
        createDatabase("CREATE DATABASE " + name + " TEMPLATE chain_template");
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(stack.jdbcUrl(name));
        ds.setUser(stack.username());
        ds.setPassword(stack.password());
        return ds;
    }

    private static void createDatabase(String sql) throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(
                        stack.jdbcUrl("postgres"), stack.username(), stack.password());
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static void insertLink(PGSimpleDataSource ds, UUID id, long seq, String previous, ChainLink link)
            throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO archive_record (id, request_id, case_id, comment_id, comment_version, platform, account_id, "
                                + "thread_key, content_sha256, record_sha256, chain_seq, previous_chain_hash, chain_hash, "
                                + "captured_at) VALUES (?, ?, 'case', 'c', 1, 'FACEBOOK', 'acc', 'FACEBOOK:p', 'x', ?, ?, ?, ?, now())")) {
            ps.setObject(1, id);
            ps.setString(2, "req-" + id);
            ps.setString(3, link.recordSha256());
            ps.setLong(4, seq);
            ps.setString(5, previous);
            ps.setString(6, link.chainHash());
            ps.executeUpdate();
        }
    }
}
