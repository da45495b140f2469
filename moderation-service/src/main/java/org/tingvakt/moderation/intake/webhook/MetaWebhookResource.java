package org.tingvakt.moderation.intake.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.eventing.Tracing;
import org.tingvakt.moderation.intake.CommentIngestion;
import org.tingvakt.moderation.intake.PagePosts;
import org.tingvakt.moderation.intake.WebhookGroupCommit;
import org.tingvakt.problem.ProblemException;
import org.tingvakt.signatures.HubSignature;

/**
 * Meta's webhook endpoint for Facebook Pages: the subscription check ({@code GET}) and the events ({@code POST}), each
 * verified before anything is stored. Bodies over 1 MiB are refused with 413 by the HTTP layer.
 */
@PermitAll
@Path("/webhooks/meta")
@Tag(name = "Webhooks")
public class MetaWebhookResource {
    private final HubSignature signature;
    private final String verifyToken;
    private final ObjectMapper json;
    private final MetaWebhookParser parser = new MetaWebhookParser();
    private final WebhookGroupCommit ingestion;
    private final PagePosts pagePosts;
    private final MeterRegistry metrics;
    private final Tracing tracing;

    public MetaWebhookResource(
            @ConfigProperty(name = "tingvakt.meta.app-secret") String appSecret,
            @ConfigProperty(name = "tingvakt.meta.verify-token") String verifyToken,
            ObjectMapper json,
            WebhookGroupCommit ingestion,
            PagePosts pagePosts,
            MeterRegistry metrics,
            Tracing tracing) {
        this.tracing = tracing;
        this.signature = metaSignature(appSecret);
        this.verifyToken = verifyToken;
        this.json = json;
        this.ingestion = ingestion;
        this.pagePosts = pagePosts;
        this.metrics = metrics;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Meta's subscription check: echoes hub.challenge when hub.verify_token matches")
    public Response verify(
            @QueryParam("hub.mode") String mode,
            @QueryParam("hub.verify_token") String token,
            @QueryParam("hub.challenge") String challenge) {
        if (!"subscribe".equals(mode)
                || challenge == null
                || token == null
                || !java.security.MessageDigest.isEqual(token.getBytes(), verifyToken.getBytes())) {
            throw new ProblemException(403, "Forbidden", "hub.mode or hub.verify_token does not match");
        }
        if (challenge.length() > 200) {
            throw ProblemException.badRequest("hub.challenge is too long");
        }
        return Response.ok(challenge).build();
    }

    /**
     * Runs on the HTTP event loop (the return type makes it non-blocking): the signature is checked over the raw bytes
     * and the body parsed once, then the items are handed to the group commit, whose writer completes the answer after
     * the commit, so no worker thread is held per request while it waits. Requests that are not new comments only (and
     * a request whose group failed) are stored on the worker pool ({@link WebhookGroupCommit#ingestAsync}). Answered
     * only after the commit, as before; every refusal is thrown before anything is stored.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Meta's events (Facebook feed, Instagram comments and mentions, Messenger and Instagram DMs), signed with X-Hub-Signature-256")
    public CompletionStage<WebhookReceipt> receive(
            @HeaderParam("X-Hub-Signature-256") String signatureHeader, byte[] body) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            reject("unsigned");
            throw new ProblemException(401, "Unauthorized", "X-Hub-Signature-256 is missing");
        }
        if (body == null || !signature.verifies(body, signatureHeader)) {
            reject("bad_signature");
            throw new ProblemException(403, "Forbidden", "X-Hub-Signature-256 does not match the body");
        }
        MetaWebhookParser.Parsed parsed;
        try {
            JsonNode root = json.readTree(body);
            parsed = parser.parse(root);
        } catch (JsonProcessingException e) {
            reject("malformed");
            throw ProblemException.badRequest("the body is not valid JSON");
        } catch (IOException | IllegalArgumentException e) {
            reject("malformed");
            throw ProblemException.badRequest(e.getMessage());
        }
        CompletableFuture<WebhookReceipt> answer = new CompletableFuture<>();
        // The answer is completed back on this request's event loop: completed on the group's writer thread, the
        // response would be serialised and written there, and every group would wait for its answers to be written.
        Context loop = Vertx.currentContext();
        // A new trace per delivery (a caller's traceparent from the internet is not trusted): every comment it carries
        // is followed from here through classification, the archive and the notifier.
        Span span = tracing.tracer()
                .spanBuilder("POST /webhooks/meta")
                .setNoParent()
                .setSpanKind(SpanKind.SERVER)
                .startSpan();
        CompletionStage<CommentIngestion.Outcome> stored;
        try (Scope ignored = Tracing.activate(span)) {
            java.util.concurrent.Executor workers = Infrastructure.getDefaultWorkerPool();
            // The page's own posts (rare: a few a day) are stored first, on a worker, so that comments arriving in the
            // same delivery find their thread's root.
            stored = parsed.posts().isEmpty()
                    ? ingestion.ingestAsync(parsed.items(), workers)
                    : CompletableFuture.supplyAsync(() -> pagePosts.store(parsed.posts()), workers)
                            .thenCompose(posts -> ingestion.ingestAsync(parsed.items(), workers));
        }
        stored.whenComplete((outcome, failure) -> {
                    if (failure != null) {
                        Tracing.failed(span, failure);
                    }
                    span.end();
                })
                .whenComplete((outcome, failure) -> {
                    Runnable complete = () -> {
                        if (failure != null) {
                            answer.completeExceptionally(
                                    failure instanceof CompletionException && failure.getCause() != null
                                            ? failure.getCause()
                                            : failure);
                            return;
                        }
                        if (parsed.skipped() > 0) {
                            metrics.counter("tingvakt.webhook.items", "outcome", "skipped")
                                    .increment(parsed.skipped());
                        }
                        answer.complete(
                                WebhookReceipt.of(outcome, parsed.posts().size(), parsed.skipped()));
                    };
                    if (loop != null) {
                        loop.runOnContext(ignored -> complete.run());
                    } else {
                        complete.run();
                    }
                });
        return answer;
    }

    private void reject(String reason) {
        metrics.counter("tingvakt.webhook.rejected", "reason", reason).increment();
    }

    /**
     * What the webhook did: stored, duplicates of earlier deliveries, for a page we do not moderate, removals by authors
     * recorded, the page's own posts read (stored as thread roots, or already there), not handled.
     */
    public record WebhookReceipt(
            int stored, int duplicates, int ignoredUnknownAccount, int removed, int pagePosts, int skipped) {
        static WebhookReceipt of(CommentIngestion.Outcome o, int pagePosts, int skipped) {
            return new WebhookReceipt(
                    o.stored(), o.duplicates(), o.unknownAccount(), o.removed(), pagePosts, skipped + o.notHandled());
        }
    }

    private static HubSignature metaSignature(String appSecret) {
        if (appSecret == null || appSecret.isBlank()) {
            throw new IllegalArgumentException("the Meta app secret is not set (TINGVAKT_META_APP_SECRET)");
        }
        return new HubSignature(appSecret);
    }
}
