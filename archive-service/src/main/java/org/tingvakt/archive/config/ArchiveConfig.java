package org.tingvakt.archive.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The archive's own settings ({@code tingvakt.archive.*} in {@code application.properties}), typed and in one place,
 * so that a wrong value stops the start-up with the setting's name instead of failing later. Ranges are checked at
 * start-up (Hibernate Validator). Every {@code tingvakt.archive.*} setting is listed, so that a misspelt one stops the
 * start-up too (SmallRye refuses a property under the prefix that maps to nothing); the schedules
 * ({@code retention.cron}, {@code subject-key-backfill.every}, {@code storage.deletion-retry.every}) are listed for that
 * reason and read by {@code @Scheduled} itself.
 */
@ConfigMapping(prefix = "tingvakt.archive")
public interface ArchiveConfig {
    /**
     * The secret under which national ID numbers are keyed for the subject index (from the environment; at least 16
     * characters, checked by {@code SubjectKeys}).
     */
    String subjectKey();

    /** The archive's Ed25519 private key, which signs {@code RecordArchived} (from the environment). */
    String signingKey();

    /** Moderation's Ed25519 public key(s), comma-separated, that an {@code ArchiveRequested} must verify under. */
    String moderationVerifyKey();

    /** The archive's public address, for the data-deletion status URL answered to Meta; else the request's own. */
    Optional<String> publicUrl();

    /** Threads that render evidence PDFs. */
    @WithDefault("2")
    @Min(1)
    @Max(64)
    int renderThreads();

    Registration registration();

    Retention retention();

    SubjectKeyBackfill subjectKeyBackfill();

    ChainVerify chainVerify();

    Access access();

    Export export();

    Storage storage();

    interface Registration {
        /** The registration-number pattern of accounts without their own. */
        @WithDefault("KS-{year}-{number:5}")
        String pattern();
    }

    interface Retention {
        /** Months a record keeps its personal data in accounts without their own rule. */
        @WithDefault("18")
        @Min(1)
        @Max(1200)
        int defaultMonths();

        /** Records disposed of per transaction. */
        @WithDefault("500")
        @Min(1)
        @Max(10_000)
        int batchSize();

        /** When the daily run starts (a Quartz cron expression, or {@code off}). */
        String cron();
    }

    interface SubjectKeyBackfill {
        /** How often the backfill runs ({@code off}: never). */
        String every();

        /** Records indexed per transaction. */
        @WithDefault("500")
        @Min(1)
        @Max(10_000)
        int batchSize();
    }

    interface ChainVerify {
        /** Records read per page when the whole chain is verified. */
        @WithDefault("500")
        @Min(1)
        @Max(10_000)
        int pageSize();
    }

    /** Where the other services answer their part of an access request; unset, that part is left out. */
    interface Access {
        Optional<URI> moderationUrl();

        Optional<URI> notifierUrl();
    }

    interface Export {
        /** The E-ARK profile of accounts without their own. */
        @WithDefault("E-ARK-SIP-2.2")
        String profile();

        /** An account's own profile, {@code export.profile."<accountId>"}, by account id (see {@code ExportService}). */
        @WithName("profile")
        Map<String, String> profiles();

        @WithDefault("2000")
        @Min(1)
        int maxRecordsPerPackage();

        @WithDefault("2147483648")
        @Min(1)
        long maxBytesPerPackage();

        Optional<String> submitterName();

        Optional<String> submitterId();

        Optional<String> submissionAgreement();
    }

    interface Storage {
        /** {@code postgres} or {@code s3}. */
        @WithDefault("postgres")
        String kind();

        S3 s3();

        DeletionRetry deletionRetry();

        /** How often objects whose deletion failed are tried again. */
        interface DeletionRetry {
            @WithDefault("60s")
            String every();
        }

        interface S3 {
            Optional<String> endpoint();

            @WithDefault("us-east-1")
            String region();

            @WithDefault("tingvakt-archive")
            String bucket();

            Optional<String> accessKey();

            Optional<String> secretKey();
        }
    }
}
