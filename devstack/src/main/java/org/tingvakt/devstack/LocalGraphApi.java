package org.tingvakt.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Meta's Graph API in local runs and the end-to-end tests, on 127.0.0.1: it accepts hide, unhide,
 * delete, reply and message calls and Instagram mention reads ({@link #MENTION_TEXT}), answers as the Graph API does on
 * success, and records method and path (never the
 * text) so a test can see which platform actions happened. The moderation service is pointed at it with
 * {@code TINGVAKT_META_BASE_URL}; nothing reaches Meta.
 */
public final class LocalGraphApi implements AutoCloseable {
    /** The page token a local run gives every account (the stand-in accepts any). */
    public static final String PAGE_TOKEN = "local-dev-page-token";
    /** What every Instagram mention says here (Meta's mentions API answers with the mentioning comment's or caption's text). */
    public static final String MENTION_TEXT = "@kommunen när öppnar simhallen igen?";
    /** The author of every mention here. */
    public static final String MENTION_USER = "local.mentioner";

    private final HttpServer server;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean failDeletes;

    private LocalGraphApi(HttpServer server) {
        this.server = server;
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
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v21.0";
    }

    /** The environment that points the moderation service here. */
    public java.util.Map<String, String> moderationEnvironment() {
        return java.util.Map.of("TINGVAKT_META_BASE_URL", baseUrl(),
                "TINGVAKT_META_FALLBACK_PAGE_TOKEN", PAGE_TOKEN);
    }

    /**
     * While on, every delete is answered as Meta answers when it is briefly unavailable (HTTP 500, Graph code 2, a
     * transient error): for tests that need a delete to stay pending (the crash tests of the deletion saga).
     */
    public void failDeletes(boolean on) {
        failDeletes = on;
    }

    /** Every call so far as {@code METHOD /path}. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if ("GET".equals(method) && path.equals("/__calls")) {
                respond(exchange, 200, "[" + String.join(",", calls.stream().map(c -> "\"" + c + "\"").toList()) + "]");
                return;
            }
            calls.add(method + " " + path);
            String body;
            String query = exchange.getRequestURI().getQuery();
            if ("DELETE".equals(method) && failDeletes) {
                respond(exchange, 500, "{\"error\":{\"message\":\"Service temporarily unavailable\",\"type\":"
                        + "\"OAuthException\",\"code\":2,\"is_transient\":true,\"fbtrace_id\":\"Alocal\"}}");
                return;
            } else if ("DELETE".equals(method)) {
                body = "{\"success\":true}";
            } else if ("GET".equals(method) && query != null && query.contains("mentioned_comment")) {
                body = "{\"mentioned_comment\":{\"text\":\"" + MENTION_TEXT + "\",\"username\":\"" + MENTION_USER
                        + "\",\"timestamp\":\"2026-11-23T10:00:00+0000\"},\"id\":\"local\"}";
            } else if ("GET".equals(method) && query != null && query.contains("mentioned_media")) {
                body = "{\"mentioned_media\":{\"caption\":\"" + MENTION_TEXT + "\",\"username\":\"" + MENTION_USER
                        + "\",\"timestamp\":\"2026-11-23T10:00:00+0000\"},\"id\":\"local\"}";
            } else if (path.endsWith("/comments") || path.endsWith("/replies")) {
                body = "{\"id\":\"local_reply_" + ids.incrementAndGet() + "\"}";
            } else if (path.endsWith("/messages")) {
                body = "{\"recipient_id\":\"local\",\"message_id\":\"m_local_" + ids.incrementAndGet() + "\"}";
            } else {
                body = "{\"success\":true}";
            }
            respond(exchange, 200, body);
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
