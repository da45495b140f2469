package org.tingvakt.notifier.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tingvakt.notifier.notification.channel.ChatWebhookChannel;
import org.tingvakt.notifier.notification.channel.WebhookTargets;

/** Teams and Slack payloads and their signature, against a real local HTTP server. */
class ChatWebhookChannelTest {
    private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private final ObjectMapper json = new ObjectMapper();
    private final ConcurrentLinkedQueue<String[]> requests = new ConcurrentLinkedQueue<>();
    private HttpServer server;
    private volatile int status = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new String[] {
                ex.getRequestHeaders().getFirst(ChatWebhookChannel.TIMESTAMP_HEADER),
                ex.getRequestHeaders().getFirst(ChatWebhookChannel.SIGNATURE_HEADER),
                body
            });
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Delivery delivery(String teams, String slack) {
        DueItem item = new DueItem(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "case-9",
                "acct-1",
                "DK",
                NotificationKind.ESCALATION_EDITORS,
                Instant.parse("2026-11-23T09:00:00Z"),
                Instant.parse("2026-11-23T09:00:00Z"),
                "Europe/Copenhagen",
                "QUESTION",
                0,
                Set.of());
        return new Delivery(
                new AccountNotifications(
                        "acct-1", "da", false, Optional.ofNullable(teams), Optional.ofNullable(slack), List.of()),
                List.of(item),
                false);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Test
    void teamsGetsASignedAdaptiveCardInTheAccountsLanguage() throws Exception {
        new ChatWebhookChannel(ChatWebhookChannel.Format.TEAMS, SECRET, json, CLOCK, WebhookTargets.allowingPrivate())
                .send(delivery(url(), null));
        assertThat(requests).hasSize(1);
        String[] r = requests.peek();
        assertThat(r[0]).isEqualTo(Long.toString(CLOCK.instant().getEpochSecond()));
        assertThat(r[1]).isEqualTo("sha256=" + ChatWebhookChannel.sign(SECRET, r[0], r[2]));
        assertThat(r[1]).isNotEqualTo("sha256=" + ChatWebhookChannel.sign("other".getBytes(), r[0], r[2]));
        JsonNode card = json.readTree(r[2]).at("/attachments/0/content");
        assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.at("/body/0/text").asText()).startsWith("Frist overskredet: sag case-9");
    }

    @Test
    void slackGetsTextAndBlocksAndAFailureThrowsForARetry() throws Exception {
        new ChatWebhookChannel(ChatWebhookChannel.Format.SLACK, SECRET, json, CLOCK, WebhookTargets.allowingPrivate())
                .send(delivery(null, url()));
        JsonNode msg = json.readTree(requests.peek()[2]);
        assertThat(msg.get("text").asText()).startsWith("Frist overskredet");
        assertThat(msg.at("/blocks/1/text/text").asText()).contains("Sag: case-9");

        status = 503;
        assertThatThrownBy(() -> new ChatWebhookChannel(
                                ChatWebhookChannel.Format.SLACK, SECRET, json, CLOCK, WebhookTargets.allowingPrivate())
                        .send(delivery(null, url())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("503");
    }

    @Test
    void anAccountWithoutThatWebhookIsLeftAlone() throws Exception {
        new ChatWebhookChannel(ChatWebhookChannel.Format.TEAMS, SECRET, json, CLOCK, WebhookTargets.allowingPrivate())
                .send(delivery(null, url()));
        assertThat(requests).isEmpty();
    }

    @Test
    void aStrictPolicyRefusesALocalTargetBeforeAnyRequestIsMade() {
        assertThatThrownBy(() -> new ChatWebhookChannel(
                                ChatWebhookChannel.Format.TEAMS, SECRET, json, CLOCK, WebhookTargets.strict())
                        .send(delivery(url(), null)))
                .isInstanceOf(WebhookTargets.RefusedTarget.class)
                .hasMessageContaining("https");
        String https = "https://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        assertThatThrownBy(() -> new ChatWebhookChannel(
                                ChatWebhookChannel.Format.TEAMS, SECRET, json, CLOCK, WebhookTargets.strict())
                        .send(delivery(https, null)))
                .isInstanceOf(WebhookTargets.RefusedTarget.class)
                .hasMessageContaining("private, loopback");
        assertThat(requests).isEmpty();
    }
}
