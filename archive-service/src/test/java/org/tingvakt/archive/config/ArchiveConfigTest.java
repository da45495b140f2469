package org.tingvakt.archive.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The archive's settings keep their names and defaults, an account's own export profile is still a setting, and a
 * misspelt {@code tingvakt.archive.*} setting is refused instead of ignored.
 */
class ArchiveConfigTest {
    private static Map<String, String> required() {
        Map<String, String> p = new HashMap<>();
        p.put("tingvakt.archive.subject-key", "a-test-key-of-enough-length");
        p.put("tingvakt.archive.signing-key", "signing");
        p.put("tingvakt.archive.moderation-verify-key", "verify");
        p.put("tingvakt.archive.retention.cron", "off");
        p.put("tingvakt.archive.subject-key-backfill.every", "off");
        return p;
    }

    private static ArchiveConfig load(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(ArchiveConfig.class)
                .withValidateUnknown(true)
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(ArchiveConfig.class);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        ArchiveConfig c = load(required());
        assertThat(c.registration().pattern()).isEqualTo("KS-{year}-{number:5}");
        assertThat(c.retention().defaultMonths()).isEqualTo(18);
        assertThat(c.retention().batchSize()).isEqualTo(500);
        assertThat(c.chainVerify().pageSize()).isEqualTo(500);
        assertThat(c.renderThreads()).isEqualTo(2);
        assertThat(c.export().profile()).isEqualTo("E-ARK-SIP-2.2");
        assertThat(c.export().maxRecordsPerPackage()).isEqualTo(2000);
        assertThat(c.export().maxBytesPerPackage()).isEqualTo(2_147_483_648L);
        assertThat(c.storage().kind()).isEqualTo("postgres");
        assertThat(c.storage().s3().region()).isEqualTo("us-east-1");
        assertThat(c.storage().s3().bucket()).isEqualTo("tingvakt-archive");
        assertThat(c.access().moderationUrl()).isEmpty();
    }

    @Test
    void anAccountsOwnExportProfileStandsBesideTheServicesOwn() {
        Map<String, String> p = required();
        p.put("tingvakt.archive.export.profile", "E-ARK-SIP-2.2");
        p.put("tingvakt.archive.export.profile.\"acct-1\"", "E-ARK-SIP-2.1");
        ArchiveConfig c = load(p);
        assertThat(c.export().profile()).isEqualTo("E-ARK-SIP-2.2");
        assertThat(c.export().profiles()).containsExactly(Map.entry("acct-1", "E-ARK-SIP-2.1"));
    }

    @Test
    void aMisspeltSettingStopsTheStartUp() {
        Map<String, String> p = required();
        p.put("tingvakt.archive.retention.batch-sise", "20");
        assertThatThrownBy(() -> load(p)).hasMessageContaining("tingvakt.archive.retention.batch-sise");
    }
}
