package org.tingvakt.moderation.intake.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.contracts.CommentReceived.ItemKind;
import org.tingvakt.contracts.Platform;
import org.tingvakt.eventing.Tracing;
import org.tingvakt.problem.ProblemException;
import org.tingvakt.signatures.TimestampedSignature;

/**
 * A signed JSON webhook for platforms without a connector of their own (a forum, a citizen portal's comments):
 * <pre>
 * POST /webhooks/generic
 * X-Tingvakt-Timestamp: 1795400000
 * X-Tingvakt-Signature: sha256=&lt;hex HMAC-SHA256(secret, "1795400000." + body)&gt;
 * {"accountId": "forum-1", "items": [{"verb": "add", "commentId": "c1", "postId": "p1", "parentId": null,
 *   "sender": {"id": "u1", "name": "Anna", "profileUrl": "https://…"}, "text": "…", "permalink": "https://…",
 *   "createdAt": "2026-11-23T10:00:00Z"}]}
 * </pre>
 * {@code X-Tingvakt-Signature: t=1795400000,v1=<hex>} (Stripe's one-header form, same bytes signed) is accepted too.
 * Each account has its own secret ({@link GenericWebhookSecrets}); the same signed request twice is refused with 409
 * ({@link GenericWebhookIntake}). The account must be registered with platform GENERIC. Every item is checked before any is stored: one bad item refuses
 * the whole request with 400 and stores nothing.
 */
@PermitAll
@Path("/webhooks/generic")
@Tag(name = "Webhooks")
public class GenericWebhookResource {
    static final int MAX_ITEMS = 100;
    private static final int MAX_ID = 200;

    private final GenericWebhookSecrets secrets;
    private final ObjectMapper json;
    private final GenericWebhookIntake intake;
    private final MeterRegistry metrics;
    private final Tracing tracing;

    public GenericWebhookResource(
            GenericWebhookSecrets secrets,
            ObjectMapper json,
            GenericWebhookIntake intake,
            MeterRegistry metrics,
            Tracing tracing) {
        this.tracing = tracing;
        this.secrets = secrets;
        this.json = json;
        this.intake = intake;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Comments from other platforms: JSON signed with the account's own secret (HMAC-SHA256 over "
                    + "timestamp and body); timestamps outside the replay window and repeated requests refused")
    public MetaWebhookResource.WebhookReceipt receive(
            @HeaderParam("X-Tingvakt-Timestamp") String timestamp,
            @HeaderParam("X-Tingvakt-Signature") String signatureHeader,
            byte[] body) {
        boolean oneHeader = signatureHeader != null && signatureHeader.startsWith("t=");
        if (signatureHeader == null || body == null || (!oneHeader && timestamp == null)) {
            reject("unsigned");
            throw new ProblemException(401, "Unauthorized", "X-Tingvakt-Timestamp or X-Tingvakt-Signature is missing");
        }
        // The account names the secret, so the body is read before it is trusted: only its accountId, and the body is
        // bounded by quarkus.http.limits.max-body-size.
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            reject("malformed");
            throw ProblemException.badRequest("the body is not valid JSON");
        }
        String accountId =
                root != null && root.isObject() && root.path("accountId").isTextual()
                        ? root.get("accountId").asText()
                        : null;
        if (accountId == null || accountId.isBlank()) {
            reject("malformed");
            throw ProblemException.badRequest("accountId is required");
        }
        TimestampedSignature signature = secrets.of(accountId).orElse(null);
        if (signature == null) {
            reject("no_secret");
            throw new ProblemException(
                    403, "Forbidden", "no webhook secret is configured for this account; ask the operator for one");
        }
        Instant now = Instant.now();
        TimestampedSignature.Result checked = oneHeader
                ? signature.check(signatureHeader, body, now)
                : signature.check(timestamp, signatureHeader, body, now);
        switch (checked.verdict()) {
            case MISSING -> {
                reject("unsigned");
                throw new ProblemException(
                        401, "Unauthorized", "X-Tingvakt-Signature has no timestamp (t=) or no signature (v1=)");
            }
            case STALE -> {
                reject("stale");
                throw new ProblemException(
                        401, "Unauthorized", "X-Tingvakt-Timestamp is not a Unix time within the replay window");
            }
            case BAD_SIGNATURE -> {
                reject("bad_signature");
                throw new ProblemException(
                        403,
                        "Forbidden",
                        "X-Tingvakt-Signature does not match timestamp and body with this account's secret");
            }
            case VALID -> {
                // go on
            }
        }
        List<PlatformItem> items;
        try {
            items = parse(root);
        } catch (IllegalArgumentException e) {
            reject("malformed");
            throw ProblemException.badRequest(e.getMessage());
        }
        // Kept a minute past the window, so a replay is refused as stale or as repeated, never accepted.
        Instant keepUntil = Instant.ofEpochSecond(checked.timestamp())
                .plus(secrets.window())
                .plusSeconds(60);
        return tracing.inSpan(
                        "POST /webhooks/generic",
                        SpanKind.SERVER,
                        () -> intake.receiveOnce(accountId, accountId + ":" + checked.signatureHex(), keepUntil, items))
                .map(outcome -> MetaWebhookResource.WebhookReceipt.of(outcome, 0, 0))
                .orElseThrow(() -> {
                    reject("replay");
                    return ProblemException.conflict(
                            "this signed request was received before (a replay); send a new one with a new timestamp");
                });
    }

    static List<PlatformItem> parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        String accountId = required(root, "accountId", "");
        JsonNode items = root.get("items");
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw new IllegalArgumentException("'items' must be a non-empty array");
        }
        if (items.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("at most " + MAX_ITEMS + " items per request");
        }
        List<PlatformItem> out = new ArrayList<>();
        int i = 0;
        for (JsonNode item : items) {
            String at = "items[" + i++ + "].";
            if (!item.isObject()) {
                throw new IllegalArgumentException(at + " must be an object");
            }
            PlatformItem.Verb verb = switch (required(item, "verb", at)) {
                case "add" -> PlatformItem.Verb.ADD;
                case "edit" -> PlatformItem.Verb.EDIT;
                case "remove" -> PlatformItem.Verb.REMOVE;
                default -> throw new IllegalArgumentException(at + "verb must be add, edit or remove");
            };
            String commentId = required(item, "commentId", at);
            String postId = required(item, "postId", at);
            String parentId = optional(item, "parentId", at);
            JsonNode sender = item.get("sender");
            String senderId = sender == null || !sender.isObject() ? null : optional(sender, "id", at + "sender.");
            String senderName = sender == null || !sender.isObject() ? null : optional(sender, "name", at + "sender.");
            String profile =
                    sender == null || !sender.isObject() ? null : optional(sender, "profileUrl", at + "sender.");
            JsonNode textNode = item.get("text");
            if (verb != PlatformItem.Verb.REMOVE && (textNode == null || !textNode.isTextual())) {
                throw new IllegalArgumentException(at + "text is required");
            }
            String text =
                    textNode == null || !textNode.isTextual() ? "" : MetaWebhookParser.storable(textNode.asText());
            if (text.length() > MetaWebhookParser.MAX_TEXT) {
                throw new IllegalArgumentException(at + "text is longer than " + MetaWebhookParser.MAX_TEXT);
            }
            String created = optional(item, "createdAt", at);
            Instant createdAt;
            try {
                createdAt = created == null ? Instant.now() : Instant.parse(created);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(at + "createdAt must be an ISO-8601 instant");
            }
            out.add(new PlatformItem(
                    Platform.GENERIC,
                    accountId,
                    verb,
                    ItemKind.COMMENT,
                    commentId,
                    postId,
                    parentId,
                    senderId,
                    senderName,
                    profile,
                    text,
                    optional(item, "permalink", at),
                    List.of(),
                    createdAt));
        }
        return out;
    }

    private static String required(JsonNode node, String field, String at) {
        String v = optional(node, field, at);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(at + field + " is required");
        }
        return v;
    }

    private static String optional(JsonNode node, String field, String at) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(at + field + " must be a string");
        }
        if (!field.equals("text") && v.asText().length() > MAX_ID * 10) {
            throw new IllegalArgumentException(at + field + " is too long");
        }
        return MetaWebhookParser.storable(v.asText());
    }

    private void reject(String reason) {
        // Its own name: Prometheus refuses one meter name with two sets of tag keys (MetaWebhookResource's has
        // "reason").
        metrics.counter("tingvakt.webhook.generic.rejected", "reason", reason).increment();
    }
}
