package org.tingvakt.notifier.notification.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.tingvakt.notifier.notification.Delivery;
import org.tingvakt.notifier.notification.DueItem;
import org.tingvakt.notifier.notification.NotificationChannel;
import org.tingvakt.notifier.notification.NotificationTexts;
import org.tingvakt.signatures.Hmac;

/**
 * A chat webhook in Microsoft Teams (Adaptive Card message, as Teams workflows accept) or Slack (incoming-webhook
 * {@code text} + {@code blocks}) format. Every request is signed: {@code X-Tingvakt-Timestamp} (epoch seconds) and
 * {@code X-Tingvakt-Signature: sha256=<hex HMAC-SHA256 of "timestamp.body" with the shared secret>}, so a receiver that
 * relays to the chat can check it came from us and is fresh. Retries are the dispatcher's (durable, with backoff): a
 * non-2xx answer or a network error throws.
 *
 * <p>The JDK's HttpClient is enough for one POST with a timeout; a REST client library would add nothing here.
 */
public final class ChatWebhookChannel implements NotificationChannel {
    public enum Format {
        TEAMS,
        SLACK
    }

    public static final String SIGNATURE_HEADER = "X-Tingvakt-Signature";
    public static final String TIMESTAMP_HEADER = "X-Tingvakt-Timestamp";

    private final Format format;
    private final byte[] secret;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Clock clock;
    private final WebhookTargets targets;

    public ChatWebhookChannel(Format format, byte[] secret, ObjectMapper json, Clock clock, WebhookTargets targets) {
        this.format = format;
        this.targets = targets;
        this.secret = secret.clone();
        this.json = json;
        this.clock = clock;
        // Redirect.NEVER: a public endpoint must not be able to bounce the request to an internal one.
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String name() {
        return format.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void send(Delivery delivery) throws IOException, InterruptedException {
        Optional<String> url = format == Format.TEAMS
                ? delivery.account().teamsWebhookUrl()
                : delivery.account().slackWebhookUrl();
        if (url.isEmpty()) {
            return;
        }
        URI target = URI.create(url.get());
        targets.checkBeforeSending(target);
        String lang = delivery.account().language();
        String title;
        String text;
        if (delivery.digest() || delivery.items().size() > 1) {
            title = NotificationTexts.digestSubject(
                    lang, delivery.account().accountId(), delivery.items().size());
            text = delivery.items().stream()
                    .map(i -> "• " + NotificationTexts.subject(lang, i))
                    .collect(Collectors.joining("\n"));
        } else {
            DueItem item = delivery.items().get(0);
            title = NotificationTexts.subject(lang, item);
            text = NotificationTexts.body(lang, item);
        }
        String body = payload(title, text);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header(TIMESTAMP_HEADER, timestamp)
                .header(SIGNATURE_HEADER, "sha256=" + sign(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(name() + " webhook answered " + response.statusCode());
        }
    }

    String payload(String title, String text) throws JsonProcessingException {
        Object message = switch (format) {
            case TEAMS ->
                Map.of(
                        "type",
                        "message",
                        "attachments",
                        List.of(Map.of(
                                "contentType",
                                "application/vnd.microsoft.card.adaptive",
                                "content",
                                Map.of(
                                        "type",
                                        "AdaptiveCard",
                                        "version",
                                        "1.4",
                                        "$schema",
                                        "http://adaptivecards.io/schemas/adaptive-card.json",
                                        "body",
                                        List.of(
                                                Map.of(
                                                        "type",
                                                        "TextBlock",
                                                        "text",
                                                        title,
                                                        "weight",
                                                        "Bolder",
                                                        "wrap",
                                                        true),
                                                Map.of("type", "TextBlock", "text", text, "wrap", true))))));
            case SLACK ->
                Map.of(
                        "text",
                        title,
                        "blocks",
                        List.of(
                                Map.of(
                                        "type",
                                        "header",
                                        "text",
                                        Map.of("type", "plain_text", "text", truncate(title, 150))),
                                Map.of(
                                        "type",
                                        "section",
                                        "text",
                                        Map.of("type", "plain_text", "text", truncate(text, 3000)))));
        };
        return json.writeValueAsString(message);
    }

    /** Hex HMAC-SHA256 of {@code timestamp + "." + body}. */
    public static String sign(byte[] secret, String timestamp, String body) {
        return HexFormat.of()
                .formatHex(Hmac.sha256(
                        secret,
                        (timestamp + ".").getBytes(StandardCharsets.UTF_8),
                        body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
