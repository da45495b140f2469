package org.tingvakt.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.tingvakt.signatures.HubSignature;

/**
 * Builds and sends a Facebook Page feed webhook in Meta's own format, signed as Meta signs it; for tests and for
 * {@code ./tingvakt sample}.
 */
public final class SampleWebhook {
    /** The demo page that a local run creates. */
    public static final String DEMO_PAGE_ID = "100000000000001";

    private SampleWebhook() {}

    public static String comment(
            String pageId, String postId, String commentId, String senderId, String senderName, String message) {
        return comment(pageId, postId, commentId, senderId, senderName, message, "add");
    }

    public static String comment(
            String pageId,
            String postId,
            String commentId,
            String senderId,
            String senderName,
            String message,
            String verb) {
        long now = Instant.now().getEpochSecond();
        return "{\"object\":\"page\",\"entry\":[{\"id\":\"" + esc(pageId) + "\",\"time\":" + now + ",\"changes\":[{"
                + "\"field\":\"feed\",\"value\":{\"from\":{\"id\":\"" + esc(senderId) + "\",\"name\":\""
                + esc(senderName)
                + "\"},\"post\":{\"status_type\":\"added_photos\",\"is_published\":true,\"id\":\"" + esc(postId)
                + "\"},"
                + "\"message\":\"" + esc(message) + "\",\"post_id\":\"" + esc(postId) + "\",\"comment_id\":\""
                + esc(commentId) + "\",\"created_time\":" + now + ",\"item\":\"comment\",\"parent_id\":\""
                + esc(postId) + "\",\"verb\":\"" + esc(verb) + "\"}}]}]}";
    }

    /**
     * The page's own post ({@code item: status}, sent by the page itself), as Meta sends it on the {@code feed} field;
     * {@code verb} {@code add} or {@code edited}.
     */
    public static String pagePost(String pageId, String postId, String message, String verb) {
        long now = Instant.now().getEpochSecond();
        return "{\"object\":\"page\",\"entry\":[{\"id\":\"" + esc(pageId) + "\",\"time\":" + now + ",\"changes\":[{"
                + "\"field\":\"feed\",\"value\":{\"from\":{\"id\":\"" + esc(pageId) + "\",\"name\":\"Kommunen\"},"
                + "\"item\":\"status\",\"post_id\":\"" + esc(postId) + "\",\"verb\":\"" + esc(verb) + "\","
                + "\"published\":1,\"created_time\":" + now + ",\"message\":\"" + esc(message) + "\"}}]}]}";
    }

    /** Meta's {@code X-Hub-Signature-256} value for this body. */
    public static String signature(String appSecret, byte[] body) {
        return new HubSignature(appSecret).header(body);
    }

    /** POSTs a signed body to {@code baseUrl/webhooks/meta}; returns the status and body. */
    public static HttpResponse<String> post(String baseUrl, String appSecret, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/meta"))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", signature(appSecret, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("could not reach " + baseUrl, e);
        }
    }

    private static String esc(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
