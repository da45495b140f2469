package org.tingvakt.archive.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.net.URI;
import java.util.Optional;
import javax.sql.DataSource;
import org.tingvakt.archive.config.ArchiveConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Chooses the artefact store by configuration: {@code tingvakt.archive.storage.kind} = {@code postgres} (the default:
 * content in the {@code artefact} table) or {@code s3} (S3-compatible object storage; see docs/archive-records.md).
 */
@ApplicationScoped
public class ArtefactStores {

    @Produces
    @ApplicationScoped
    ArtefactStore store(DataSource dataSource, TransactionSynchronizationRegistry transactions, ArchiveConfig config) {
        String kind = config.storage().kind();
        ArchiveConfig.Storage.S3 s3 = config.storage().s3();
        return switch (kind) {
            case "postgres" -> new PostgresArtefactStore(dataSource);
            case "s3" ->
                new S3ArtefactStore(
                                s3Client(s3.endpoint(), s3.region(), s3.accessKey(), s3.secretKey()),
                                s3.bucket(),
                                dataSource,
                                jtaHooks(transactions))
                        .ensureBucket();
            default ->
                throw new IllegalStateException("tingvakt.archive.storage.kind must be postgres or s3, not " + kind);
        };
    }

    /** An S3 client for MinIO and other S3-compatible servers: path-style URLs, checksums only where the API needs them. */
    public static S3Client s3Client(
            Optional<String> endpoint, String region, Optional<String> accessKey, Optional<String> secretKey) {
        S3ClientBuilder b = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(region))
                .forcePathStyle(true)
                // SDK 2.30+ adds CRC checksums to every upload by default, which several S3-compatible servers refuse;
                // the archive verifies its own SHA-256 on every read instead.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        endpoint.ifPresent(e -> b.endpointOverride(URI.create(e)));
        if (accessKey.isPresent() && secretKey.isPresent()) {
            b.credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey.get(), secretKey.get())));
        } else {
            b.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return b.build();
    }

    private static S3ArtefactStore.TransactionHooks jtaHooks(TransactionSynchronizationRegistry transactions) {
        return new S3ArtefactStore.TransactionHooks() {
            @Override
            public void afterCommit(Runnable work) {
                on(Status.STATUS_COMMITTED, work);
            }

            @Override
            public void afterRollback(Runnable work) {
                on(Status.STATUS_ROLLEDBACK, work);
            }

            private void on(int status, Runnable work) {
                transactions.registerInterposedSynchronization(new Synchronization() {
                    @Override
                    public void beforeCompletion() {}

                    @Override
                    public void afterCompletion(int outcome) {
                        if (outcome == status) {
                            work.run();
                        }
                    }
                });
            }
        };
    }
}
