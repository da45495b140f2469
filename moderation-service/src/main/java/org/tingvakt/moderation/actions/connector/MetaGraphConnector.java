package org.tingvakt.moderation.actions.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.tingvakt.contracts.Platform;
import org.tingvakt.signatures.Hmac;

/**
 * {@link PlatformConnector} for Facebook pages and Instagram professional accounts through Meta's Graph API, on the JDK's
 * HTTP client. The exact requests are documented in {@code docs/platform-connectors.md}.
 *
 * <p>The token travels in the {@code Authorization: Bearer} header, parameters in a form body (so that reply texts stay out
 * of URLs and access logs). Hide, unhide and delete are repeatable and are retried on any transient failure. Reply and
 * direct message are not: they are retried only when the platform surely did not act (no connection, an error response,
 * a rate limit); after a timeout or an unreadable success response they fail with {@code UNKNOWN}, so a reply never
 * appears twice.
 *
 * <p>Logs carry the operation, the object id, attempt and error code, never a token, a text or a recipient.
 */
public final class MetaGraphConnector implements PlatformConnector {

    private static final Logger LOG = Logger.getLogger(MetaGraphConnector.class);
    /** Graph ids: digits, with an underscore between page/post/comment parts; letters for safety, nothing path-like. */
    private static final Pattern GRAPH_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private static final int MAX_TEXT_LENGTH = 8000;
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    private final MetaGraphSettings settings;
    private final PageTokenSource tokens;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final DoubleSupplier random;
    private final ObjectMapper json = new ObjectMapper();

    /** A connector with its own HTTP client, sleeping on the calling thread. */
    public MetaGraphConnector(MetaGraphSettings settings, PageTokenSource tokens) {
        this(
                settings,
                tokens,
                HttpClient.newBuilder()
                        .connectTimeout(settings.connectTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build(),
                Sleeper.system(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * @param random jitter source, values in [0, 1)
     */
    public MetaGraphConnector(
            MetaGraphSettings settings,
            PageTokenSource tokens,
            HttpClient http,
            Sleeper sleeper,
            DoubleSupplier random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.http = Objects.requireNonNull(http, "http");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public boolean supports(Platform platform) {
        return platform == Platform.FACEBOOK || platform == Platform.INSTAGRAM;
    }

    @Override
    public PlatformResult hide(CommentRef comment) {
        return setHidden(comment, true);
    }

    @Override
    public PlatformResult unhide(CommentRef comment) {
        return setHidden(comment, false);
    }

    private PlatformResult setHidden(CommentRef comment, boolean hidden) {
        String param = comment.platform() == Platform.INSTAGRAM ? "hide" : "is_hidden";
        return run(
                comment.platform(),
                comment.accountId(),
                comment.commentId(),
                new GraphCall(
                        hidden ? "hide" : "unhide",
                        "POST",
                        "/" + comment.commentId(),
                        Map.of(param, Boolean.toString(hidden)),
                        null,
                        true,
                        Expect.SUCCESS_FLAG,
                        false));
    }

    @Override
    public PlatformResult delete(CommentRef comment) {
        return run(
                comment.platform(),
                comment.accountId(),
                comment.commentId(),
                new GraphCall(
                        "delete",
                        "DELETE",
                        "/" + comment.commentId(),
                        Map.of(),
                        null,
                        true,
                        Expect.SUCCESS_FLAG,
                        true));
    }

    @Override
    public PlatformResult reply(ReplyTarget target, String text) {
        Optional<PlatformResult> bad = checkText(text);
        if (bad.isPresent()) {
            return bad.get();
        }
        // Instagram answers a comment through /replies; a media, and everything on Facebook, through /comments.
        String edge = target instanceof CommentRef && target.platform() == Platform.INSTAGRAM ? "replies" : "comments";
        return run(
                target.platform(),
                target.accountId(),
                target.objectId(),
                new GraphCall(
                        "reply",
                        "POST",
                        "/" + target.objectId() + "/" + edge,
                        Map.of("message", text),
                        null,
                        false,
                        Expect.ID,
                        false));
    }

    @Override
    public PlatformResult sendDirectMessage(MessageRecipient recipient, String text) {
        Optional<PlatformResult> bad = checkText(text);
        if (bad.isPresent()) {
            return bad.get();
        }
        if (recipient.recipientId().isBlank()) {
            return PlatformResult.Failure.unsent(FailureCategory.INVALID, "empty recipient id");
        }
        ObjectNode body = json.createObjectNode();
        body.putObject("recipient").put("id", recipient.recipientId());
        body.put("messaging_type", "RESPONSE");
        body.putObject("message").put("text", text);
        return run(
                recipient.platform(),
                recipient.accountId(),
                recipient.pageId(),
                new GraphCall(
                        "direct-message",
                        "POST",
                        "/" + recipient.pageId() + "/messages",
                        Map.of(),
                        body.toString(),
                        false,
                        Expect.MESSAGE_ID,
                        false));
    }

    /**
     * Meta's Instagram mentions API: {@code GET /{ig-user-id}?fields=mentioned_comment.comment_id(<id>){text,username,timestamp}}
     * for a comment, {@code mentioned_media.media_id(<id>){caption,username,timestamp}} for a caption. A GET, so repeated
     * on any transient failure; an answer without the mentioned node or its text is {@code NOT_FOUND} (the comment or
     * media is gone, or no longer mentions the account).
     */
    @Override
    public MentionFetch fetchMention(MentionRef mention) {
        if (!GRAPH_ID.matcher(mention.objectId()).matches()) {
            return MentionFetch.failed(PlatformResult.Failure.unsent(FailureCategory.INVALID, "not a Graph object id"));
        }
        String fields = mention.media()
                ? "mentioned_media.media_id(" + mention.objectId() + "){caption,username,timestamp}"
                : "mentioned_comment.comment_id(" + mention.objectId() + "){text,username,timestamp}";
        Executed done = execute(
                mention.platform(),
                mention.accountId(),
                mention.accountId(),
                new GraphCall(
                        "fetch-mention",
                        "GET",
                        "/" + mention.accountId(),
                        Map.of(),
                        Map.of("fields", fields),
                        null,
                        true,
                        mention.media() ? Expect.MENTIONED_MEDIA : Expect.MENTIONED_COMMENT,
                        false));
        if (!(done.result() instanceof PlatformResult.Success)) {
            return MentionFetch.failed((PlatformResult.Failure) done.result());
        }
        JsonNode node = done.body().path(mention.media() ? "mentioned_media" : "mentioned_comment");
        String text = node.path(mention.media() ? "caption" : "text").asText();
        Optional<String> username = node.path("username").isTextual()
                ? Optional.of(node.path("username").asText())
                : Optional.empty();
        return new MentionFetch(
                done.result(),
                Optional.of(new MentionedContent(
                        text, username, graphTime(node.path("timestamp").asText(null)))));
    }

    /**
     * A repeatable read: {@code GET /{objectId}[/{edge}]} with the account's page token and these query parameters
     * (fields, limit, after, since…), retried like the other GETs. On success the body and the highest share of a rate
     * limit that Meta's usage headers report ({@code X-Business-Use-Case-Usage}, {@code X-App-Usage}, {@code X-Page-Usage}).
     */
    @Override
    public GraphRead read(
            Platform platform, String accountId, String objectId, String edge, Map<String, String> params) {
        if (edge != null && !edge.matches("[a-z_]{1,32}")) {
            return GraphRead.failed(PlatformResult.Failure.unsent(FailureCategory.INVALID, "not a Graph edge"));
        }
        Executed done = execute(
                platform,
                accountId,
                objectId,
                new GraphCall(
                        "read",
                        "GET",
                        "/" + objectId + (edge == null ? "" : "/" + edge),
                        Map.of(),
                        Map.copyOf(params),
                        null,
                        true,
                        Expect.OBJECT,
                        false));
        if (!(done.result() instanceof PlatformResult.Success)) {
            return GraphRead.failed((PlatformResult.Failure) done.result());
        }
        return new GraphRead(done.result(), Optional.of(done.body()), done.usagePercent());
    }

    @Override
    public GraphRead callAs(
            PageAccessToken token, String method, String objectId, String edge, Map<String, String> params) {
        if (edge != null && !edge.matches("[a-z_]{1,32}")) {
            return GraphRead.failed(PlatformResult.Failure.unsent(FailureCategory.INVALID, "not a Graph edge"));
        }
        if (!GRAPH_ID.matcher(objectId).matches() || !method.matches("GET|POST|DELETE")) {
            return GraphRead.failed(PlatformResult.Failure.unsent(FailureCategory.INVALID, "not a Graph object id"));
        }
        boolean post = method.equals("POST");
        Executed done = send(
                "account " + method.toLowerCase(java.util.Locale.ROOT) + (edge == null ? "" : " " + edge),
                objectId,
                new GraphCall(
                        "connect",
                        method,
                        "/" + objectId + (edge == null ? "" : "/" + edge),
                        post ? Map.copyOf(params) : Map.of(),
                        post ? Map.of() : Map.copyOf(params),
                        null,
                        true,
                        post || method.equals("DELETE") ? Expect.SUCCESS_FLAG : Expect.OBJECT,
                        false),
                token);
        if (!(done.result() instanceof PlatformResult.Success)) {
            return GraphRead.failed((PlatformResult.Failure) done.result());
        }
        return new GraphRead(
                done.result(),
                Optional.ofNullable(done.body()).or(() -> Optional.of(json.createObjectNode())),
                done.usagePercent());
    }

    /** Graph times look like {@code 2017-05-23T18:14:12+0000} (no colon in the offset); ISO-8601 is accepted too. */
    static Optional<Instant> graphTime(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        for (DateTimeFormatter f : new DateTimeFormatter[] {GRAPH_TIME, DateTimeFormatter.ISO_OFFSET_DATE_TIME}) {
            try {
                return Optional.of(OffsetDateTime.parse(value, f).toInstant());
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    private static Optional<PlatformResult> checkText(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(PlatformResult.Failure.unsent(FailureCategory.INVALID, "empty text"));
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            return Optional.of(PlatformResult.Failure.unsent(
                    FailureCategory.INVALID, "text longer than " + MAX_TEXT_LENGTH + " characters"));
        }
        return Optional.empty();
    }

    private PlatformResult run(Platform platform, String accountId, String objectId, GraphCall call) {
        return execute(platform, accountId, objectId, call).result();
    }

    /** A call's result, and on success the response body (for reads). */
    private record Executed(PlatformResult result, JsonNode body, int usagePercent) {
        Executed(PlatformResult result, JsonNode body) {
            this(result, body, 0);
        }

        static Executed of(PlatformResult result) {
            return new Executed(result, null);
        }
    }

    private Executed execute(Platform platform, String accountId, String objectId, GraphCall call) {
        if (!supports(platform)) {
            return Executed.of(PlatformResult.Failure.unsent(
                    FailureCategory.INVALID, "platform " + platform + " is not a Meta platform"));
        }
        if (!GRAPH_ID.matcher(objectId).matches()) {
            return Executed.of(PlatformResult.Failure.unsent(FailureCategory.INVALID, "not a Graph object id"));
        }
        Optional<PageAccessToken> token;
        try {
            token = tokens.tokenFor(accountId);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "page token source failed for account %s: %s",
                    accountId, e.getClass().getSimpleName());
            token = Optional.empty();
        }
        if (token.isEmpty()) {
            return Executed.of(PlatformResult.Failure.unsent(
                    FailureCategory.AUTH, "no page access token for account " + accountId));
        }
        return send(platform.name(), objectId, call, token.get());
    }

    private Executed send(String platform, String objectId, GraphCall call, PageAccessToken token) {
        HttpRequest request = buildRequest(call, token);
        RetryPolicy policy = settings.retryPolicy();
        for (int attempt = 1; ; attempt++) {
            Attempt outcome = sendOnce(call, request);
            if (outcome instanceof Attempt.Done done) {
                LOG.debugf("%s %s on %s: done after %d attempt(s)", platform, call.operation, objectId, attempt);
                return new Executed(
                        done.gone
                                ? PlatformResult.Success.gone(attempt)
                                : new PlatformResult.Success(done.createdId, false, attempt),
                        done.body,
                        done.usagePercent);
            }
            if (outcome instanceof Attempt.Fail fail) {
                LOG.warnf(
                        "%s %s on %s failed: %s (code %s) after %d attempt(s)",
                        platform, call.operation, objectId, fail.category, codeText(fail.code), attempt);
                return Executed.of(fail.toResult(attempt, Optional.empty()));
            }
            Attempt.Retry retry = (Attempt.Retry) outcome;
            if (retry.maybeProcessed && !call.repeatable) {
                LOG.warnf(
                        "%s %s on %s: outcome unknown after %s; not repeated",
                        platform, call.operation, objectId, retry.message);
                return Executed.of(new Attempt.Fail(
                                FailureCategory.UNKNOWN,
                                retry.code,
                                retry.subcode,
                                "outcome unknown, not repeated: " + retry.message,
                                retry.traceId)
                        .toResult(attempt, Optional.empty()));
            }
            Duration wait;
            if (retry.rateLimited) {
                wait = retry.regainAccessIn.isPresent()
                        ? retry.regainAccessIn.get()
                        : RetryPolicy.jitter(policy.rateLimitDelay(attempt), random.getAsDouble());
                if (attempt >= policy.maxAttempts() || wait.compareTo(policy.maxRateLimitWait()) > 0) {
                    LOG.warnf(
                            "%s %s on %s rate-limited (code %s) after %d attempt(s); retry after %s",
                            platform, call.operation, objectId, codeText(retry.code), attempt, wait);
                    return Executed.of(new Attempt.Fail(
                                    FailureCategory.RATE_LIMITED,
                                    retry.code,
                                    retry.subcode,
                                    retry.message,
                                    retry.traceId)
                            .toResult(attempt, Optional.of(wait)));
                }
            } else {
                if (attempt >= policy.maxAttempts()) {
                    LOG.warnf(
                            "%s %s on %s: transient failures on all %d attempts, last: %s",
                            platform, call.operation, objectId, attempt, retry.message);
                    return Executed.of(new Attempt.Fail(
                                    FailureCategory.TRANSIENT_EXHAUSTED,
                                    retry.code,
                                    retry.subcode,
                                    retry.message,
                                    retry.traceId)
                            .toResult(attempt, Optional.empty()));
                }
                wait = RetryPolicy.jitter(policy.transientDelay(attempt), random.getAsDouble());
            }
            LOG.debugf(
                    "%s %s on %s: attempt %d failed (%s), next in %s",
                    platform, call.operation, objectId, attempt, retry.message, wait);
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Executed.of(new Attempt.Fail(
                                FailureCategory.UNKNOWN,
                                retry.code,
                                retry.subcode,
                                "interrupted while waiting to retry: " + retry.message,
                                retry.traceId)
                        .toResult(attempt, Optional.empty()));
            }
        }
    }

    private HttpRequest buildRequest(GraphCall call, PageAccessToken token) {
        Map<String, String> queryParams = new LinkedHashMap<>(call.queryParams);
        settings.appSecret()
                .ifPresent(secret -> queryParams.put("appsecret_proof", appSecretProof(token.reveal(), secret)));
        String query = queryParams.isEmpty() ? "" : "?" + form(queryParams);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(settings.baseUrl() + call.path + query))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + token.reveal())
                .header("Accept", "application/json");
        if (call.method.equals("DELETE")) {
            builder.DELETE();
        } else if (call.method.equals("GET")) {
            builder.GET();
        } else if (call.jsonBody != null) {
            builder.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(call.jsonBody, StandardCharsets.UTF_8));
        } else {
            builder.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(call.formParams), StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    /** Meta's {@code appsecret_proof}: hex HMAC-SHA256 of the access token keyed with the app secret. */
    static String appSecretProof(String token, String appSecret) {
        return Hmac.sha256Hex(appSecret, token);
    }

    private static String form(Map<String, String> params) {
        return new LinkedHashMap<>(params)
                .entrySet().stream()
                        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
    }

    private Attempt sendOnce(GraphCall call, HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return Attempt.Retry.network(
                    false, "connection failed: " + e.getClass().getSimpleName());
        } catch (HttpTimeoutException e) {
            return Attempt.Retry.network(true, "no response within " + settings.requestTimeout());
        } catch (IOException e) {
            return Attempt.Retry.network(true, "network error: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt.Fail(
                    FailureCategory.UNKNOWN,
                    OptionalInt.empty(),
                    OptionalInt.empty(),
                    "interrupted while waiting for a response",
                    Optional.empty());
        }
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status >= 200 && status < 300) {
            Attempt read = readSuccess(call, body, status);
            return read instanceof Attempt.Done d
                    ? new Attempt.Done(
                            d.createdId(), d.gone(), d.body(), UsageHeaders.usagePercent(response.headers(), json))
                    : read;
        }
        Optional<GraphError> error = GraphError.from(body);
        if (error.isPresent()) {
            return fromGraphError(call, error.get(), response);
        }
        String what = "HTTP " + status + (body == null ? " with an unreadable body" : " without a Graph error");
        if (status == 429) {
            return new Attempt.Retry(
                    true,
                    false,
                    UsageHeaders.timeToRegainAccess(response.headers(), json),
                    OptionalInt.empty(),
                    OptionalInt.empty(),
                    what,
                    Optional.empty());
        }
        if (status >= 500) {
            return new Attempt.Retry(
                    false, false, Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), what, Optional.empty());
        }
        FailureCategory category = switch (status) {
            case 401 -> FailureCategory.AUTH;
            case 403 -> FailureCategory.PERMISSION;
            case 404 -> FailureCategory.NOT_FOUND;
            case 400, 405, 413, 415, 422 -> FailureCategory.INVALID;
            default -> FailureCategory.UNKNOWN;
        };
        return new Attempt.Fail(category, OptionalInt.empty(), OptionalInt.empty(), what, Optional.empty());
    }

    private Attempt readSuccess(GraphCall call, JsonNode body, int status) {
        if (body == null) {
            return Attempt.Retry.network(true, "HTTP " + status + " with an unreadable body");
        }
        switch (call.expect) {
            case SUCCESS_FLAG -> {
                // Graph answers {"success": true}; very old versions answered a bare true.
                boolean ok = body.isBoolean()
                        ? body.asBoolean()
                        : body.path("success").asBoolean(false);
                return ok
                        ? new Attempt.Done(Optional.empty(), false)
                        : new Attempt.Fail(
                                FailureCategory.UNKNOWN,
                                OptionalInt.empty(),
                                OptionalInt.empty(),
                                "the platform answered without success",
                                Optional.empty());
            }
            case ID -> {
                JsonNode id = body.path("id");
                return id.isTextual() && !id.asText().isBlank()
                        ? new Attempt.Done(Optional.of(id.asText()), false)
                        : Attempt.Retry.network(true, "HTTP " + status + " without the id of the reply");
            }
            case MESSAGE_ID -> {
                JsonNode id = body.path("message_id");
                return id.isTextual() && !id.asText().isBlank()
                        ? new Attempt.Done(Optional.of(id.asText()), false)
                        : Attempt.Retry.network(true, "HTTP " + status + " without the message id");
            }
            case MENTIONED_COMMENT, MENTIONED_MEDIA -> {
                boolean media = call.expect == Expect.MENTIONED_MEDIA;
                JsonNode node = body.path(media ? "mentioned_media" : "mentioned_comment");
                return node.isObject() && node.path(media ? "caption" : "text").isTextual()
                        ? new Attempt.Done(Optional.empty(), false, body)
                        : new Attempt.Fail(
                                FailureCategory.NOT_FOUND,
                                OptionalInt.empty(),
                                OptionalInt.empty(),
                                "HTTP " + status + " without the mentioned "
                                        + (media ? "media's caption" : "comment's text"),
                                Optional.empty());
            }
            case OBJECT -> {
                return body.isObject()
                        ? new Attempt.Done(Optional.empty(), false, body)
                        : Attempt.Retry.network(true, "HTTP " + status + " without a JSON object");
            }
            default -> throw new IllegalStateException();
        }
    }

    private Attempt fromGraphError(GraphCall call, GraphError error, HttpResponse<String> response) {
        if (call.goneIsSuccess && error.objectDoesNotExist()) {
            return new Attempt.Done(Optional.empty(), true);
        }
        OptionalInt code = OptionalInt.of(error.code());
        return switch (error.kind()) {
            case RATE_LIMITED ->
                new Attempt.Retry(
                        true,
                        false,
                        UsageHeaders.timeToRegainAccess(response.headers(), json),
                        code,
                        error.subcode(),
                        error.message(),
                        error.traceId());
            case TRANSIENT ->
                new Attempt.Retry(
                        false, false, Optional.empty(), code, error.subcode(), error.message(), error.traceId());
            case NOT_FOUND ->
                new Attempt.Fail(FailureCategory.NOT_FOUND, code, error.subcode(), error.message(), error.traceId());
            case AUTH ->
                new Attempt.Fail(FailureCategory.AUTH, code, error.subcode(), error.message(), error.traceId());
            case PERMISSION ->
                new Attempt.Fail(FailureCategory.PERMISSION, code, error.subcode(), error.message(), error.traceId());
            case INVALID ->
                new Attempt.Fail(FailureCategory.INVALID, code, error.subcode(), error.message(), error.traceId());
            case UNKNOWN ->
                response.statusCode() >= 500
                        ? new Attempt.Retry(
                                false, false, Optional.empty(), code, error.subcode(), error.message(), error.traceId())
                        : new Attempt.Fail(
                                FailureCategory.UNKNOWN, code, error.subcode(), error.message(), error.traceId());
        };
    }

    private static String codeText(OptionalInt code) {
        return code.isPresent() ? Integer.toString(code.getAsInt()) : "none";
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (IOException malformed) {
            return null;
        }
    }

    private enum Expect {
        SUCCESS_FLAG,
        ID,
        MESSAGE_ID,
        MENTIONED_COMMENT,
        MENTIONED_MEDIA,
        OBJECT
    }

    /**
     * One Graph request.
     *
     * @param repeatable whether sending it twice has the effect of sending it once
     * @param goneIsSuccess whether "object does not exist" means the call's aim is reached (delete)
     */
    private record GraphCall(
            String operation,
            String method,
            String path,
            Map<String, String> formParams,
            Map<String, String> queryParams,
            String jsonBody,
            boolean repeatable,
            Expect expect,
            boolean goneIsSuccess) {
        GraphCall(
                String operation,
                String method,
                String path,
                Map<String, String> formParams,
                String jsonBody,
                boolean repeatable,
                Expect expect,
                boolean goneIsSuccess) {
            this(operation, method, path, formParams, Map.of(), jsonBody, repeatable, expect, goneIsSuccess);
        }
    }

    /** What one request came to. */
    private sealed interface Attempt {

        /** @param body the response body, for reads */
        record Done(Optional<String> createdId, boolean gone, JsonNode body, int usagePercent) implements Attempt {
            Done(Optional<String> createdId, boolean gone) {
                this(createdId, gone, null, 0);
            }

            Done(Optional<String> createdId, boolean gone, JsonNode body) {
                this(createdId, gone, body, 0);
            }
        }

        record Fail(
                FailureCategory category,
                OptionalInt code,
                OptionalInt subcode,
                String message,
                Optional<String> traceId)
                implements Attempt {
            PlatformResult.Failure toResult(int attempts, Optional<Duration> retryAfter) {
                return new PlatformResult.Failure(category, code, subcode, message, attempts, retryAfter, traceId);
            }
        }

        /**
         * @param maybeProcessed the request may have reached the platform and had its effect
         * @param regainAccessIn the platform's own estimate of when a rate limit ends
         */
        record Retry(
                boolean rateLimited,
                boolean maybeProcessed,
                Optional<Duration> regainAccessIn,
                OptionalInt code,
                OptionalInt subcode,
                String message,
                Optional<String> traceId)
                implements Attempt {
            static Retry network(boolean maybeProcessed, String message) {
                return new Retry(
                        false,
                        maybeProcessed,
                        Optional.empty(),
                        OptionalInt.empty(),
                        OptionalInt.empty(),
                        message,
                        Optional.empty());
            }
        }
    }
}
