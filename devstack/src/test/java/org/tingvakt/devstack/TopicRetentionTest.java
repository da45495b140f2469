package org.tingvakt.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.Topics;

/** Every topic and dead-letter topic of a local run keeps its events 7 days, as in production, unless configured. */
class TopicRetentionTest {

    @Test
    void everyTopicAndDeadLetterTopicKeepsSevenDays() throws Exception {
        DevStack stack = DevStackTestResource.stack();
        List<ConfigResource> topics = new ArrayList<>();
        for (String t : Topics.ALL) {
            topics.add(new ConfigResource(ConfigResource.Type.TOPIC, t));
            topics.add(new ConfigResource(ConfigResource.Type.TOPIC, Topics.deadLetter(t)));
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            Map<ConfigResource, Config> configs =
                    admin.describeConfigs(topics).all().get(30, TimeUnit.SECONDS);
            assertThat(configs).hasSize(2 * Topics.ALL.size());
            configs.forEach((topic, config) -> {
                ConfigEntry retention = config.get(TopicConfig.RETENTION_MS_CONFIG);
                assertThat(retention.value())
                        .as("retention.ms of " + topic.name())
                        .isEqualTo("604800000");
                // set on the topic itself, not inherited from a broker default that a broker image may change
                assertThat(retention.source())
                        .as(topic.name())
                        .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
            });
        }
    }

    @Test
    void theRetentionIsConfigurableAndNeverUnlimited() {
        assertThat(Topology.retentionMs(null, null)).isEqualTo(604_800_000L);
        assertThat(Topology.retentionMs(null, "86400000")).isEqualTo(86_400_000L);
        assertThat(Topology.retentionMs("3600000", "86400000"))
                .as("the system property wins")
                .isEqualTo(3_600_000L);
        assertThat(Topology.retentionMs(" ", "")).isEqualTo(604_800_000L);
        assertThatThrownBy(() -> Topology.retentionMs("-1", null)).hasMessageContaining("positive");
        assertThatThrownBy(() -> Topology.retentionMs("7d", null)).hasMessageContaining("milliseconds");
    }
}
