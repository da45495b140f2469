package org.tingvakt.moderation.actions.connector;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for the Graph API: records every request and answers from a script, then with a default answer.
 * Runs on 127.0.0.1 on a free port.
 */
public final class FakeGraphApi implements AutoCloseable {

    /** A request as the server saw it. */
    public record Recorded(String method, String path, String query, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public Map<String, String> form() {
            Map<String, String> params = new LinkedHashMap<>();
            if (body.isEmpty()) {
                return params;
            }
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                params.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return params;
        }
    }

    /** A scripted answer. */
    public record Answer(int status, String body, Map<String, String> headers, long delayMillis) {

        public static Answer json(int status, String body) {
            return new Answer(status, body, Map.of(), 0);
        }

        public static Answer graphError(int status, int code, Integer subcode, String message) {
            String sub = subcode == null ? "" : ", \"error_subcode\": " + subcode;
            return json(
                    status,
                    "{\"error\": {\"message\": \"" + message + "\", \"type\": \"OAuthException\", \"code\": " + code
                            + sub + ", \"fbtrace_id\": \"Atrace" + code + "\"}}");
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Answer(status, body, h, delayMillis);
        }

        public Answer delayed(long millis) {
            return new Answer(status, body, headers, millis);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Recorded> requests = new ArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private Answer fallback = Answer.json(200, "{\"success\": true}");

    /** Scripted answers for one method and path ending, taken before the general script. */
    private final Map<String, Deque<Answer>> byPath = new LinkedHashMap<>();

    FakeGraphApi() throws IOException {
        this(0);
    }

    /** On a fixed loopback port, for a service configured before the test starts (0: any free port). */
    public FakeGraphApi(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-graph-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers the next requests of {@code method} to a path ending in {@code pathSuffix} with these, in order. */
    public synchronized FakeGraphApi on(String method, String pathSuffix, Answer... answers) {
        Deque<Answer> q = byPath.computeIfAbsent(method + " " + pathSuffix, k -> new ArrayDeque<>());
        for (Answer a : answers) {
            q.addLast(a);
        }
        return this;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v25.0");
    }

    public synchronized FakeGraphApi then(Answer answer) {
        script.addLast(answer);
        return this;
    }

    public synchronized FakeGraphApi otherwise(Answer answer) {
        fallback = answer;
        return this;
    }

    public synchronized List<Recorded> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] in = exchange.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
        Answer answer;
        synchronized (this) {
            requests.add(new Recorded(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(),
                    headers,
                    new String(in, StandardCharsets.UTF_8)));
            Answer routed = null;
            for (Map.Entry<String, Deque<Answer>> e : byPath.entrySet()) {
                String[] mp = e.getKey().split(" ", 2);
                if (mp[0].equals(exchange.getRequestMethod())
                        && exchange.getRequestURI().getPath().endsWith(mp[1])
                        && !e.getValue().isEmpty()) {
                    routed = e.getValue().removeFirst();
                    break;
                }
            }
            answer = routed != null ? routed : script.isEmpty() ? fallback : script.removeFirst();
        }
        if (answer.delayMillis() > 0) {
            try {
                Thread.sleep(answer.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        try {
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        } catch (IOException clientGone) {
            // The client timed out and closed the connection; nothing to answer.
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
