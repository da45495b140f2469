package org.tingvakt.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Meta's Graph API in local runs and the tests, on 127.0.0.1. It accepts hide, unhide, delete, reply and
 * message calls and Instagram mention reads ({@link #MENTION_TEXT}) and answers as the Graph API does on success. It also
 * holds pages' feeds, Instagram media and their comments, read with Meta's cursor paging ({@code GET /{page-id}/feed},
 * {@code GET /{post-id}/comments?filter=stream}, {@code GET /{ig-user-id}/media}, {@code GET /{media-id}/comments}),
 * answers every Graph call with Meta's usage headers ({@code X-App-Usage}, {@code X-Business-Use-Case-Usage}) and, past
 * its call limit, with Meta's throttling error (code 80001). It serves any version segment ({@code /v25.0/…}); the
 * version the service is set to shows in {@link #calls()}.
 *
 * <p>Test and local-run controls (no version segment): {@code POST /__comments} makes a comment that exists only on the
 * platform (no webhook); {@code POST /__posts} ({@code {"accountId", "id", "message", "instagram", "from": {"id"},
 * "created_time"}}) makes a post on a page's feed or an Instagram media, the account's own unless {@code from} names
 * someone else (the feed serves {@code message}, {@code from}, {@code permalink_url}; media {@code caption},
 * {@code permalink}); {@code POST /__webhooks/deliver} sends a held comment's webhook, signed as Meta signs it, to
 * the service (late delivery); {@code POST /__webhooks/drop?on=true} drops such deliveries; {@code GET /__calls} lists
 * method and path of every call (never a text or token). In-process only, {@link #writes()} gives the writes it
 * carried out with their form fields (a reply's message, {@code is_hidden}), so a test can read what a citizen would
 * see; no HTTP control hands out texts. Connecting accounts (system users' pages, page tokens,
 * webhook subscriptions, {@code debug_token}) is {@link LocalGraphAccounts}, reached through {@link #accounts()}.
 */
public final class LocalGraphApi implements AutoCloseable {
    /** The page token a local run gives every account (the stand-in accepts any). */
    public static final String PAGE_TOKEN = "local-dev-page-token";
    /** What every Instagram mention says here (Meta's mentions API answers with the mentioning comment's or caption's text). */
    public static final String MENTION_TEXT = "@kommunen när öppnar simhallen igen?";
    /** The author of every mention here. */
    public static final String MENTION_USER = "local.mentioner";
    /** The Graph API version the local run's services are set to (their default); the stand-in serves any. */
    public static final String VERSION = "v25.0";

    private static final Pattern VERSIONED = Pattern.compile("^/v[0-9]+\\.[0-9]+(/.*)$");
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final LocalGraphAccounts accounts = new LocalGraphAccounts();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Write> writes = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean failDeletes;

    /** Posts and media by id, with their comments; guarded by {@code this}. */
    private final Map<String, Post> posts = new LinkedHashMap<>();
    /** Times of the Graph calls inside the usage window, oldest first; guarded by itself. */
    private final Deque<Instant> recentCalls = new ArrayDeque<>();

    private volatile int callLimit = 4800;
    private volatile Duration usageWindow = Duration.ofHours(1);
    private final AtomicInteger throttled = new AtomicInteger();
    private volatile URI webhookTarget;
    private volatile String appSecret;
    private volatile boolean dropWebhooks;
    private final AtomicInteger droppedWebhooks = new AtomicInteger();
    private final HttpClient webhookClient = HttpClient.newHttpClient();

    /** A comment on the platform. {@code parentId}: the comment it answers, or null. */
    public record Comment(
            String id,
            String postId,
            String parentId,
            String message,
            String fromId,
            String fromName,
            Instant createdTime) {}

    /**
     * A write the stand-in carried out (answered with success): when, the method, the Graph path without its version
     * segment (e.g. {@code /123_456/comments}) and the form fields sent, without any {@code access_token}.
     */
    public record Write(Instant at, String method, String path, Map<String, String> form) {}

    /** A Facebook post (on {@code accountId}'s feed) or an Instagram media (of the IG user {@code accountId}). */
    private static final class Post {
        final String id;
        final String accountId;
        final boolean instagram;
        final Instant createdTime;
        Instant updatedTime;
        /** The post's message (Instagram: caption); who posted it (a page feed also holds visitors' posts). */
        String message = "";

        String fromId;
        String fromName = "";
        final List<Comment> comments = new ArrayList<>();

        Post(String id, String accountId, boolean instagram, Instant createdTime) {
            this.id = id;
            this.accountId = accountId;
            this.instagram = instagram;
            this.createdTime = createdTime;
            this.updatedTime = createdTime;
            this.fromId = accountId;
        }
    }

    private LocalGraphApi(HttpServer server) {
        this.server = server;
    }

    private static final Map<Integer, LocalGraphApi> SHARED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The stand-in on that port, started on first use and then shared by every test class of the JVM that names the
     * port (test classes of one Quarkus test profile point the service at one port).
     */
    public static LocalGraphApi shared(int port) {
        return SHARED.computeIfAbsent(port, LocalGraphApi::start);
    }

    public static LocalGraphApi start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            LocalGraphApi api = new LocalGraphApi(server);
            server.createContext("/", api::handle);
            server.setExecutor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "local-graph-api");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the local Graph API", e);
        }
    }

    /** The base URL the moderation service should use, with a Graph API version segment as Meta's has. */
    public String baseUrl() {
        return graphUrl() + "/" + VERSION;
    }

    /** The host without a version: the service adds its own {@code tingvakt.meta.api-version}. */
    public String graphUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The environment that points the moderation service here; it reconciles every 30 s (a local run shows a comment
     * made with {@code POST /__comments} within half a minute).
     */
    public java.util.Map<String, String> moderationEnvironment() {
        return java.util.Map.of(
                "TINGVAKT_META_GRAPH_URL",
                graphUrl(),
                "TINGVAKT_META_FALLBACK_PAGE_TOKEN",
                PAGE_TOKEN,
                "TINGVAKT_RECONCILIATION_INTERVAL",
                "30s");
    }

    /** Where {@code POST /__webhooks/deliver} sends webhooks (the service's {@code /webhooks/meta}), signed with the secret. */
    public LocalGraphApi deliverWebhooksTo(URI target, String metaAppSecret) {
        this.webhookTarget = target;
        this.appSecret = metaAppSecret;
        return this;
    }

    /** While on, webhooks are not delivered (as when Meta loses them); they are counted in {@link #droppedWebhooks()}. */
    public void dropWebhooks(boolean on) {
        dropWebhooks = on;
    }

    public int droppedWebhooks() {
        return droppedWebhooks.get();
    }

    /**
     * Meta's rate limit as the stand-in plays it: at most {@code calls} Graph calls in any {@code window}; usage headers
     * give the share used, and calls beyond it are refused with code 80001 until the window has room.
     */
    public void rateLimit(int calls, Duration window) {
        this.callLimit = calls;
        this.usageWindow = window;
        synchronized (recentCalls) {
            recentCalls.clear();
        }
    }

    /** How many calls were refused as over the rate limit. */
    public int throttledCalls() {
        return throttled.get();
    }

    /** A post on a Facebook page's feed (or, {@code instagram}, a media of an IG user), created at {@code at}. */
    public synchronized void addPost(String accountId, String postId, boolean instagram, Instant at) {
        posts.putIfAbsent(postId, new Post(postId, accountId, instagram, at));
    }

    /**
     * A post with its message (Instagram: caption) by {@code fromId}: the account itself (its own post) or, on a
     * Facebook page's feed, a visitor. No webhook is sent ({@link #deliverPostWebhook} sends the page's).
     */
    public synchronized void addPost(
            String accountId, String postId, boolean instagram, Instant at, String message, String fromId) {
        Post p = new Post(postId, accountId, instagram, at);
        p.message = message == null ? "" : message;
        p.fromId = fromId == null ? accountId : fromId;
        p.fromName = p.fromId.equals(accountId) ? "Kommunen" : "Besøgende";
        posts.put(postId, p);
    }

    /** Sends the {@code feed} webhook Meta sends for a page's own post (late), unless webhooks are dropped. */
    public int deliverPostWebhook(String postId) {
        Post p;
        synchronized (this) {
            p = posts.get(postId);
            if (p == null || p.instagram || !p.fromId.equals(p.accountId)) {
                throw new IllegalArgumentException("no such page post: " + postId);
            }
        }
        return send(SampleWebhook.pagePost(p.accountId, p.id, p.message, "add"));
    }

    /**
     * A comment that exists on the platform only (no webhook is sent). Its post is created on the page the post id names
     * ({@code <page-id>_<n>}) when it does not exist; a reply names its parent comment.
     */
    public synchronized Comment addComment(
            String postId,
            String commentId,
            String parentId,
            String message,
            String fromId,
            String fromName,
            Instant createdTime) {
        Post post = posts.get(postId);
        if (post == null) {
            int cut = postId.indexOf('_');
            if (cut < 0) {
                throw new IllegalArgumentException("no such media: " + postId);
            }
            post = new Post(postId, postId.substring(0, cut), false, createdTime);
            posts.put(postId, post);
        }
        Comment c = new Comment(commentId, postId, parentId, message, fromId, fromName, createdTime);
        post.comments.add(c);
        if (createdTime.isAfter(post.updatedTime)) {
            post.updatedTime = createdTime; // Meta: a post's updated_time moves when someone comments on it
        }
        return c;
    }

    /** Sends the webhook Meta would have sent for a held comment (late), unless webhooks are dropped. */
    public int deliverWebhook(String commentId) {
        Comment c;
        String page;
        synchronized (this) {
            c = posts.values().stream()
                    .flatMap(p -> p.comments.stream())
                    .filter(x -> x.id().equals(commentId))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no such comment: " + commentId));
            page = posts.get(c.postId()).accountId;
        }
        String body = SampleWebhook.comment(page, c.postId(), c.id(), c.fromId(), c.fromName(), c.message());
        if (c.parentId() != null) {
            body = body.replace("\"parent_id\":\"" + c.postId() + "\"", "\"parent_id\":\"" + c.parentId() + "\"");
        }
        return send(body);
    }

    /** Sends a signed webhook body to the target; 0 when webhooks are dropped or there is no target. */
    private int send(String body) {
        if (dropWebhooks || webhookTarget == null) {
            droppedWebhooks.incrementAndGet();
            return 0;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try {
            return webhookClient
                    .send(
                            HttpRequest.newBuilder(webhookTarget)
                                    .header("Content-Type", "application/json")
                                    .header("X-Hub-Signature-256", SampleWebhook.signature(appSecret, bytes))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many comments the platform holds. */
    public synchronized int commentCount() {
        return posts.values().stream().mapToInt(p -> p.comments.size()).sum();
    }

    /**
     * While on, every delete is answered as Meta answers when it is briefly unavailable (HTTP 500, Graph code 2, a
     * transient error): for tests that need a delete to stay pending (the crash tests of the deletion saga).
     */
    public void failDeletes(boolean on) {
        failDeletes = on;
    }

    /** System users, their pages and page tokens, webhook subscriptions and {@code debug_token}: connecting accounts. */
    public LocalGraphAccounts accounts() {
        return accounts;
    }

    /** Every call so far as {@code METHOD /path}. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** Every write carried out so far (hide, unhide, delete, reply, message), oldest first. */
    public List<Write> writes() {
        return List.copyOf(writes);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] in = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            if (path.startsWith("/__")) {
                control(exchange, method, path, query, in);
                return;
            }
            calls.add(method + " " + path);
            Matcher versioned = VERSIONED.matcher(path);
            String graphPath = versioned.matches() ? versioned.group(1) : path;
            int usage = countCall();
            if (usage > 100) {
                throttled.incrementAndGet();
                exchange.getResponseHeaders()
                        .add(
                                "X-Business-Use-Case-Usage",
                                bucUsage(graphPath, 100, Math.max(1, usageWindow.toMinutes())));
                respond(
                        exchange,
                        400,
                        "{\"error\":{\"message\":\"There have been too many calls to this Page "
                                + "account. Wait a bit and try again.\",\"type\":\"OAuthException\",\"code\":80001,"
                                + "\"fbtrace_id\":\"Alocal\"}}");
                return;
            }
            exchange.getResponseHeaders()
                    .add(
                            "X-App-Usage",
                            "{\"call_count\":" + usage + ",\"total_cputime\":" + usage / 2 + ",\"total_time\":"
                                    + usage / 2 + "}");
            exchange.getResponseHeaders().add("X-Business-Use-Case-Usage", bucUsage(graphPath, usage, 0));
            Map<String, String> all = params(query);
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if ("POST".equals(method)
                    && contentType != null
                    && contentType.startsWith("application/x-www-form-urlencoded")) {
                all.putAll(params(new String(in, StandardCharsets.UTF_8)));
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String bearer = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : all.get("access_token");
            java.util.Optional<LocalGraphAccounts.Answer> answer = accounts.handle(method, graphPath, all, bearer);
            if (answer.isPresent()) {
                respond(exchange, answer.get().status(), answer.get().body());
                return;
            }
            if ("GET".equals(method) && query != null && query.contains("mentioned_comment")) {
                respond(
                        exchange,
                        200,
                        "{\"mentioned_comment\":{\"text\":\"" + MENTION_TEXT + "\",\"username\":\"" + MENTION_USER
                                + "\",\"timestamp\":\"2026-11-23T10:00:00+0000\"},\"id\":\"local\"}");
                return;
            }
            if ("GET".equals(method) && query != null && query.contains("mentioned_media")) {
                respond(
                        exchange,
                        200,
                        "{\"mentioned_media\":{\"caption\":\"" + MENTION_TEXT + "\",\"username\":\"" + MENTION_USER
                                + "\",\"timestamp\":\"2026-11-23T10:00:00+0000\"},\"id\":\"local\"}");
                return;
            }
            if ("GET".equals(method)) {
                read(exchange, graphPath, params(query));
                return;
            }
            String body;
            if ("DELETE".equals(method) && failDeletes) {
                respond(
                        exchange,
                        500,
                        "{\"error\":{\"message\":\"Service temporarily unavailable\",\"type\":"
                                + "\"OAuthException\",\"code\":2,\"is_transient\":true,\"fbtrace_id\":\"Alocal\"}}");
                return;
            } else if ("DELETE".equals(method)) {
                body = "{\"success\":true}";
            } else if (path.endsWith("/comments") || path.endsWith("/replies")) {
                body = "{\"id\":\"local_reply_" + ids.incrementAndGet() + "\"}";
            } else if (path.endsWith("/messages")) {
                body = "{\"recipient_id\":\"local\",\"message_id\":\"m_local_" + ids.incrementAndGet() + "\"}";
            } else {
                body = "{\"success\":true}";
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            Map<String, String> form = type != null && type.startsWith("application/x-www-form-urlencoded")
                    ? params(new String(in, StandardCharsets.UTF_8))
                    : new LinkedHashMap<>();
            form.remove("access_token");
            writes.add(new Write(Instant.now(), method, graphPath, Map.copyOf(form)));
            respond(exchange, 200, body);
        }
    }

    private void control(HttpExchange exchange, String method, String path, String query, byte[] in)
            throws IOException {
        if ("GET".equals(method) && path.equals("/__calls")) {
            respond(
                    exchange,
                    200,
                    "["
                            + String.join(
                                    ",",
                                    calls.stream().map(c -> "\"" + c + "\"").toList()) + "]");
            return;
        }
        try {
            if ("POST".equals(method) && path.equals("/__comments")) {
                JsonNode c = JSON.readTree(in);
                String postId = c.path("postId").asText(null);
                String id = c.path("id").asText(null);
                if (postId == null || id == null || !postId.matches("[0-9_]{1,64}") || !id.matches("[0-9_]{1,64}")) {
                    respond(exchange, 400, "{\"error\":\"postId and id (Graph ids: digits and _) are required\"}");
                    return;
                }
                Instant created = c.hasNonNull("created_time") ? graphInstant(c.get("created_time")) : Instant.now();
                addComment(
                        postId,
                        id,
                        c.path("parentId").asText(null),
                        c.path("message").asText(""),
                        c.path("from").path("id").asText("1"),
                        c.path("from").path("name").asText(""),
                        created);
                respond(exchange, 201, "{\"id\":\"" + id + "\"}");
            } else if ("POST".equals(method) && path.equals("/__posts")) {
                // The account's own post (or, with a "from" other than the account, a visitor's post on the page)
                JsonNode p = JSON.readTree(in);
                String accountId = p.path("accountId").asText(null);
                String id = p.path("id").asText(null);
                if (accountId == null
                        || id == null
                        || !accountId.matches("[0-9]{1,64}")
                        || !id.matches("[0-9_]{1,64}")) {
                    respond(exchange, 400, "{\"error\":\"accountId and id (Graph ids: digits and _) are required\"}");
                    return;
                }
                Instant created = p.hasNonNull("created_time") ? graphInstant(p.get("created_time")) : Instant.now();
                addPost(
                        accountId,
                        id,
                        p.path("instagram").asBoolean(false),
                        created,
                        p.path("message").asText(""),
                        p.path("from").path("id").asText(accountId));
                respond(exchange, 201, "{\"id\":\"" + id + "\"}");
            } else if ("POST".equals(method) && path.equals("/__webhooks/drop")) {
                dropWebhooks(!"on=false".equals(query));
                respond(exchange, 200, "{\"drop\":" + dropWebhooks + "}");
            } else if ("POST".equals(method) && path.equals("/__webhooks/deliver")) {
                int status = deliverWebhook(JSON.readTree(in).path("commentId").asText(""));
                respond(exchange, 200, "{\"status\":" + status + "}");
            } else {
                respond(exchange, 404, "{\"error\":\"unknown control\"}");
            }
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JacksonException e) {
            respond(exchange, 400, "{\"error\":\"bad request\"}");
        }
    }

    /** Feed, media and comment reads with Meta's cursor paging; other GETs answer {@code {"id": …}}. */
    private synchronized void read(HttpExchange exchange, String graphPath, Map<String, String> params)
            throws IOException {
        String[] parts = graphPath.substring(1).split("/");
        int limit = Math.min(100, Math.max(1, Integer.parseInt(params.getOrDefault("limit", "25"))));
        int offset = params.containsKey("after")
                ? Integer.parseInt(
                        new String(Base64.getUrlDecoder().decode(params.get("after")), StandardCharsets.UTF_8))
                : 0;
        List<ObjectNode> all = new ArrayList<>();
        if (parts.length == 2 && (parts[1].equals("feed") || parts[1].equals("media"))) {
            boolean instagram = parts[1].equals("media");
            long since = Long.parseLong(params.getOrDefault("since", "0"));
            posts.values().stream()
                    .filter(p -> p.accountId.equals(parts[0]) && p.instagram == instagram)
                    .filter(p -> p.createdTime.getEpochSecond() >= since)
                    .sorted(Comparator.comparing((Post p) -> p.createdTime).reversed()) // newest first, as Meta
                    .forEach(p -> {
                        ObjectNode n = JSON.createObjectNode().put("id", p.id);
                        if (instagram) {
                            n.put("timestamp", graphTime(p.createdTime)).put("comments_count", p.comments.size());
                            n.put("caption", p.message).put("permalink", "https://www.instagram.com/p/" + p.id + "/");
                        } else {
                            n.put("created_time", graphTime(p.createdTime))
                                    .put("updated_time", graphTime(p.updatedTime));
                            n.put("message", p.message).put("permalink_url", "https://www.facebook.com/" + p.id);
                            n.putObject("from").put("id", p.fromId).put("name", p.fromName);
                        }
                        all.add(n);
                    });
        } else if (parts.length == 2 && parts[1].equals("comments") && posts.containsKey(parts[0])) {
            Post post = posts.get(parts[0]);
            if (post.instagram) {
                // Instagram: top-level comments, their replies nested (the replies edge)
                for (Comment c : post.comments) {
                    if (c.parentId() == null) {
                        ObjectNode n = igComment(c);
                        ArrayNode replies = n.putObject("replies").putArray("data");
                        post.comments.stream()
                                .filter(r -> c.id().equals(r.parentId()))
                                .forEach(r -> replies.add(igComment(r).put("parent_id", c.id())));
                        all.add(n);
                    }
                }
            } else {
                // filter=stream: every comment and reply, in time order, a reply naming its parent
                for (Comment c : post.comments) {
                    ObjectNode n = JSON.createObjectNode()
                            .put("id", c.id())
                            .put("message", c.message())
                            .put("created_time", graphTime(c.createdTime()));
                    n.putObject("from").put("id", c.fromId()).put("name", c.fromName());
                    if (c.parentId() != null && "stream".equals(params.get("filter"))) {
                        n.putObject("parent").put("id", c.parentId());
                    }
                    if (c.parentId() == null || "stream".equals(params.get("filter"))) {
                        all.add(n);
                    }
                }
            }
        } else if (parts.length == 2 && (parts[1].equals("feed") || parts[1].equals("comments"))) {
            respond(
                    exchange,
                    400,
                    "{\"error\":{\"message\":\"Unsupported get request. Object with ID '" + parts[0]
                            + "' does not exist, cannot be loaded due to missing permissions, or does not support this "
                            + "operation.\",\"type\":\"GraphMethodException\",\"code\":100,\"error_subcode\":33,"
                            + "\"fbtrace_id\":\"Alocal\"}}");
            return;
        } else {
            respond(exchange, 200, "{\"id\":\"" + parts[0] + "\"}");
            return;
        }
        ObjectNode page = JSON.createObjectNode();
        ArrayNode data = page.putArray("data");
        all.stream().skip(offset).limit(limit).forEach(data::add);
        if (!data.isEmpty()) {
            ObjectNode paging = page.putObject("paging");
            ObjectNode cursors = paging.putObject("cursors");
            cursors.put("before", cursor(offset));
            cursors.put("after", cursor(offset + data.size()));
            if (offset + data.size() < all.size()) {
                paging.put(
                        "next", baseUrl() + graphPath + "?limit=" + limit + "&after=" + cursor(offset + data.size()));
            }
        }
        respond(exchange, 200, JSON.writeValueAsString(page));
    }

    private static ObjectNode igComment(Comment c) {
        ObjectNode n = JSON.createObjectNode()
                .put("id", c.id())
                .put("text", c.message())
                .put("timestamp", graphTime(c.createdTime()))
                .put("username", c.fromName());
        n.putObject("from").put("id", c.fromId()).put("username", c.fromName());
        return n;
    }

    private static String cursor(int offset) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Integer.toString(offset).getBytes(StandardCharsets.UTF_8));
    }

    /** Records a call and gives the share of the limit used in the window, in percent (over 100: throttled). */
    private int countCall() {
        Instant now = Instant.now();
        synchronized (recentCalls) {
            while (!recentCalls.isEmpty() && recentCalls.peekFirst().isBefore(now.minus(usageWindow))) {
                recentCalls.pollFirst();
            }
            if (recentCalls.size() >= callLimit) {
                return 101; // refused calls do not count
            }
            recentCalls.addLast(now);
            return (int) Math.ceil(recentCalls.size() * 100.0 / callLimit);
        }
    }

    private static String bucUsage(String graphPath, int usage, long regainMinutes) {
        String id =
                graphPath.length() > 1 ? graphPath.substring(1).split("/")[0].split("_")[0] : "0";
        return "{\"" + id + "\":[{\"type\":\"pages\",\"call_count\":" + usage + ",\"total_cputime\":" + usage / 2
                + ",\"total_time\":" + usage / 2 + ",\"estimated_time_to_regain_access\":" + regainMinutes + "}]}";
    }

    private static Map<String, String> params(String query) {
        Map<String, String> m = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return m;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    static String graphTime(Instant t) {
        return GRAPH_TIME.format(OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
    }

    private static Instant graphInstant(JsonNode v) {
        if (v.canConvertToLong()) {
            return Instant.ofEpochSecond(v.asLong());
        }
        try {
            return OffsetDateTime.parse(v.asText(), GRAPH_TIME).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return OffsetDateTime.parse(v.asText()).toInstant();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
