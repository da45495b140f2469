package org.tingvakt.devstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A local stand-in for an OIDC provider (Entra ID, Keycloak), for the web console on a developer's machine and in the
 * browser tests: the Authorization Code flow with PKCE (S256 only). Its sign-in form lets a person pick a name and
 * roles — no password, because it is a development aid, and it says so on the page. Its tokens are {@link LocalTokens}
 * (the local key, issuer {@code https://tingvakt.local}, roles in {@code groups}), which the services accept only when
 * configured with the local key. It accepts redirect URIs on loopback hosts only.
 */
public final class LocalOidcProvider implements AutoCloseable {
    /** The roles the form offers (the roles of {@code org.tingvakt.security.Roles}). */
    public static final List<String> ROLES = List.of("moderator", "editor", "admin", "analyst", "archivist");

    private static final Duration CODE_LIFETIME = Duration.ofMinutes(2);
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(8);
    private static final Set<String> LANGUAGES = Set.of("da", "sv", "nb", "nn", "en");

    private final HttpServer server;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();

    /** A code waiting to be exchanged: who signed in, for which client, redirect and PKCE challenge. */
    private record Grant(
            String clientId, String redirectUri, String challenge, String name, Set<String> roles, Instant expires) {}

    private LocalOidcProvider(HttpServer server) {
        this.server = server;
    }

    /** Starts on 127.0.0.1 (port 0: any free port). */
    public static LocalOidcProvider start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            LocalOidcProvider provider = new LocalOidcProvider(server);
            server.createContext("/", provider::handle);
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "local-oidc");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return provider;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the local OIDC provider", e);
        }
    }

    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    public String authorizationEndpoint() {
        return baseUrl() + "/authorize";
    }

    public String tokenEndpoint() {
        return baseUrl() + "/token";
    }

    /** The environment that points moderation-service's console (config.json) at this provider. */
    public Map<String, String> consoleEnvironment() {
        return Map.of(
                "TINGVAKT_OIDC_AUTHORIZATION_ENDPOINT",
                authorizationEndpoint(),
                "TINGVAKT_OIDC_TOKEN_ENDPOINT",
                tokenEndpoint());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if ("OPTIONS".equals(method)) {
                allowLoopbackOrigin(exchange);
                exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "POST, GET");
                exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "Content-Type, Accept");
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            switch (method + " " + path) {
                case "GET /authorize" ->
                    authorizeForm(exchange, query(exchange.getRequestURI().getRawQuery()));
                case "POST /authorize" -> authorize(exchange, query(body(exchange)));
                case "POST /token" -> token(exchange, query(body(exchange)));
                case "GET /.well-known/openid-configuration" -> discovery(exchange);
                default -> respond(exchange, 404, "text/plain; charset=utf-8", "not found");
            }
        }
    }

    private void discovery(HttpExchange exchange) throws IOException {
        respond(
                exchange,
                200,
                "application/json",
                "{\"issuer\":\"" + LocalTokens.ISSUER + "\","
                        + "\"authorization_endpoint\":\"" + authorizationEndpoint() + "\","
                        + "\"token_endpoint\":\"" + tokenEndpoint() + "\","
                        + "\"response_types_supported\":[\"code\"],\"grant_types_supported\":[\"authorization_code\"],"
                        + "\"code_challenge_methods_supported\":[\"S256\"],\"token_endpoint_auth_methods_supported\":[\"none\"]}");
    }

    /** The request's problem, or null when client, redirect, state and PKCE challenge are acceptable. */
    private static String invalidRequest(Map<String, List<String>> q) {
        if (!"code".equals(one(q, "response_type"))) {
            return "response_type must be code";
        }
        if (blank(one(q, "client_id"))) {
            return "client_id is missing";
        }
        if (!isLoopback(one(q, "redirect_uri"))) {
            return "redirect_uri must be an http(s) address on localhost or 127.0.0.1";
        }
        if (blank(one(q, "state"))) {
            return "state is missing";
        }
        if (!"S256".equals(one(q, "code_challenge_method"))
                || !one(q, "code_challenge").matches("[A-Za-z0-9_-]{43}")) {
            return "a PKCE code_challenge with code_challenge_method S256 is required";
        }
        return null;
    }

    private void authorizeForm(HttpExchange exchange, Map<String, List<String>> q) throws IOException {
        ResourceBundle texts = texts(one(q, "ui_locales"));
        String problem = invalidRequest(q);
        if (problem != null) {
            respond(exchange, 400, "text/html; charset=utf-8", errorPage(texts, problem));
            return;
        }
        respond(exchange, 200, "text/html; charset=utf-8", form(texts, q, "", Set.of("moderator"), null));
    }

    private void authorize(HttpExchange exchange, Map<String, List<String>> q) throws IOException {
        ResourceBundle texts = texts(one(q, "ui_locales"));
        String problem = invalidRequest(q);
        if (problem != null) {
            respond(exchange, 400, "text/html; charset=utf-8", errorPage(texts, problem));
            return;
        }
        String name = one(q, "name").strip();
        Set<String> roles = new LinkedHashSet<>(q.getOrDefault("role", List.of()));
        if (name.isEmpty()
                || name.length() > 80
                || !name.codePoints()
                        .allMatch(c -> Character.isLetterOrDigit(c) || c == ' ' || c == '-' || c == '.' || c == '\'')) {
            respond(
                    exchange,
                    400,
                    "text/html; charset=utf-8",
                    form(texts, q, name, roles, texts.getString("error.name")));
            return;
        }
        if (roles.isEmpty() || !ROLES.containsAll(roles)) {
            respond(
                    exchange,
                    400,
                    "text/html; charset=utf-8",
                    form(texts, q, name, roles, texts.getString("error.roles")));
            return;
        }
        String code = randomToken();
        codes.put(
                code,
                new Grant(
                        one(q, "client_id"),
                        one(q, "redirect_uri"),
                        one(q, "code_challenge"),
                        name,
                        roles,
                        Instant.now().plus(CODE_LIFETIME)));
        String redirect = one(q, "redirect_uri");
        String location = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + enc(code) + "&state="
                + enc(one(q, "state"));
        exchange.getResponseHeaders().add("Location", location);
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(302, -1);
    }

    private void token(HttpExchange exchange, Map<String, List<String>> q) throws IOException {
        allowLoopbackOrigin(exchange);
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        if (!"authorization_code".equals(one(q, "grant_type"))) {
            tokenError(exchange, "unsupported_grant_type", "grant_type must be authorization_code");
            return;
        }
        Grant grant = codes.remove(one(q, "code")); // single use, whatever happens next
        if (grant == null || grant.expires().isBefore(Instant.now())) {
            tokenError(exchange, "invalid_grant", "the code is unknown, used or expired");
            return;
        }
        if (!grant.clientId().equals(one(q, "client_id"))
                || !grant.redirectUri().equals(one(q, "redirect_uri"))) {
            tokenError(exchange, "invalid_grant", "client_id or redirect_uri differ from the authorization request");
            return;
        }
        if (!grant.challenge().equals(s256(one(q, "code_verifier")))) {
            tokenError(exchange, "invalid_grant", "the code_verifier does not match the code_challenge");
            return;
        }
        String given = grant.name().split(" ")[0];
        String token = LocalTokens.forPerson(upnOf(grant.name()), given, grant.name(), grant.roles(), TOKEN_LIFETIME);
        respond(
                exchange,
                200,
                "application/json",
                "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\"," + "\"expires_in\":"
                        + TOKEN_LIFETIME.toSeconds() + ",\"scope\":\"openid profile\"}");
    }

    private static void tokenError(HttpExchange exchange, String error, String description) throws IOException {
        respond(
                exchange,
                400,
                "application/json",
                "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
    }

    /** A user principal name from a display name: "Anna Berg" → anna.berg@tingvakt.local. */
    static String upnOf(String name) {
        String ascii = Normalizer.normalize(
                        name.toLowerCase(Locale.ROOT).replace("ø", "o").replace("æ", "ae"), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        String local = ascii.replaceAll("[^a-z0-9]+", ".").replaceAll("^\\.|\\.$", "");
        return (local.isEmpty() ? "local" : local) + "@tingvakt.local";
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean isLoopback(String uri) {
        try {
            URI u = URI.create(uri);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
                    && ("localhost".equals(u.getHost())
                            || "127.0.0.1".equals(u.getHost())
                            || "[::1]".equals(u.getHost()))
                    && u.getFragment() == null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void allowLoopbackOrigin(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null && isLoopback(origin)) {
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", origin);
            exchange.getResponseHeaders().add("Vary", "Origin");
        }
    }

    // ---- the page --------------------------------------------------------------------------------------------------

    private static ResourceBundle texts(String uiLocales) {
        String lang = "en";
        for (String tag : uiLocales.split("[ ,]")) {
            String primary = tag.toLowerCase(Locale.ROOT).split("-")[0];
            if (LANGUAGES.contains(primary)) {
                lang = primary;
                break;
            }
        }
        return ResourceBundle.getBundle(
                "local-oidc/messages",
                Locale.forLanguageTag(lang),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static String form(
            ResourceBundle texts, Map<String, List<String>> q, String name, Set<String> roles, String error) {
        StringBuilder hidden = new StringBuilder();
        for (String p : List.of(
                "response_type",
                "client_id",
                "redirect_uri",
                "scope",
                "state",
                "code_challenge",
                "code_challenge_method",
                "ui_locales")) {
            hidden.append("<input type=\"hidden\" name=\"")
                    .append(p)
                    .append("\" value=\"")
                    .append(esc(one(q, p)))
                    .append("\">");
        }
        StringBuilder boxes = new StringBuilder();
        for (String r : ROLES) {
            boxes.append("<div class=\"check\"><input type=\"checkbox\" name=\"role\" value=\"")
                    .append(r)
                    .append("\" id=\"role-")
                    .append(r)
                    .append("\" data-testid=\"role-")
                    .append(r)
                    .append("\"")
                    .append(roles.contains(r) ? " checked" : "")
                    .append("><label for=\"role-")
                    .append(r)
                    .append("\">")
                    .append(esc(texts.getString("role." + r)))
                    .append("</label></div>");
        }
        String errorBlock =
                error == null ? "" : "<p class=\"error\" role=\"alert\" id=\"form-error\">" + esc(error) + "</p>";
        return page(
                texts,
                "<form method=\"post\" action=\"/authorize\""
                        + (error == null ? "" : " aria-describedby=\"form-error\"")
                        + ">" + errorBlock + hidden
                        + "<p><label for=\"name\">" + esc(texts.getString("name")) + "</label>"
                        + "<input type=\"text\" id=\"name\" name=\"name\" data-testid=\"oidc-name\" autocomplete=\"name\" required"
                        + " maxlength=\"80\" value=\"" + esc(name.isEmpty() ? "Anna Berg" : name) + "\"></p>"
                        + "<fieldset><legend>" + esc(texts.getString("roles")) + "</legend>" + boxes + "</fieldset>"
                        + "<p><button type=\"submit\" data-testid=\"oidc-submit\">" + esc(texts.getString("submit"))
                        + "</button></p></form>");
    }

    private static String errorPage(ResourceBundle texts, String problem) {
        return page(
                texts,
                "<p class=\"error\" role=\"alert\">" + esc(texts.getString("error.request")) + " " + esc(problem)
                        + "</p>");
    }

    private static String page(ResourceBundle texts, String content) {
        return "<!DOCTYPE html><html lang=\"" + texts.getLocale().getLanguage() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(texts.getString("title")) + "</title><style>" + CSS + "</style></head><body><main>"
                + "<p class=\"banner\" data-testid=\"oidc-banner\"><strong>" + esc(texts.getString("banner.title"))
                + "</strong> " + esc(texts.getString("banner.text")) + "</p>"
                + "<h1>" + esc(texts.getString("title")) + "</h1>" + content + "</main></body></html>";
    }

    private static final String CSS = "body{font-family:system-ui,sans-serif;background:#f3f5f8;color:#1d2430;margin:0}"
            + "main{max-width:480px;margin:48px auto;background:#fff;border:1px solid #d5dbe3;border-radius:6px;padding:20px 24px}"
            + "h1{font-size:1.4rem}.banner{background:#fff4dc;border:1px solid #c88a12;color:#5c3900;padding:8px 12px;border-radius:6px}"
            + "label{font-weight:600}input[type=text]{display:block;width:100%;font:inherit;padding:6px 8px;margin-top:4px;"
            + "border:1px solid #8a96a8;border-radius:4px;box-sizing:border-box}fieldset{border:1px solid #d5dbe3;border-radius:6px;"
            + "margin:12px 0}legend{font-weight:600}.check{margin:6px 0}.check label{font-weight:400;margin-left:6px}"
            + "button{font:inherit;font-weight:600;background:#1f4e79;color:#fff;border:1px solid #1f4e79;border-radius:6px;"
            + "padding:7px 18px;cursor:pointer}.error{background:#fdecea;border:1px solid #a4262c;color:#a4262c;padding:8px 12px;"
            + "border-radius:6px}:focus-visible{outline:3px solid #ffbf47;outline-offset:2px;box-shadow:0 0 0 5px #1d2430}";

    // ---- HTTP plumbing ---------------------------------------------------------------------------------------------

    private static String body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readNBytes(16 * 1024);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private static String one(Map<String, List<String>> q, String name) {
        List<String> values = q.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
