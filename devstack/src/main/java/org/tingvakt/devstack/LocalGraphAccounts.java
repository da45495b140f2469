package org.tingvakt.devstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The part of the Graph API stand-in that connecting accounts needs, as Meta documents it: a system user's pages
 * ({@code GET /me/accounts} with cursor paging, each page with its own page access token and the person's tasks), a
 * page's linked Instagram business account ({@code GET /{page-id}?fields=instagram_business_account}), the app's webhook
 * subscription of a page ({@code POST|GET|DELETE /{page-id}/subscribed_apps}, which need a page token of that page with
 * {@code pages_manage_metadata}), and {@code GET /debug_token?input_token=…} ({@code is_valid}, {@code expires_at},
 * {@code scopes}; an expired token is {@code is_valid: false} with error 190/463).
 *
 * <p>Tokens the stand-in issued are checked on every Graph call: an expired one is refused with code 190 (subcode 463),
 * a token it never issued on {@code /me/accounts} with code 190 ("Invalid OAuth access token"). Tokens it did not issue
 * are accepted elsewhere, as before (the local run's fallback page token). Failures can be planted: {@link #failNext}.
 */
public final class LocalGraphAccounts {
    /** The system-user token of the local run: it reaches the demo page and a second page with an Instagram account. */
    public static final String LOCAL_SYSTEM_USER_TOKEN = "local-dev-system-user-token";
    /** The app the stand-in says is subscribed. */
    public static final String APP_ID = "900000000000001";
    /** What a page token gets unless a scope is revoked. */
    public static final List<String> PAGE_SCOPES = List.of(
            "pages_show_list",
            "pages_read_engagement",
            "pages_manage_metadata",
            "pages_manage_engagement",
            "pages_messaging",
            "instagram_basic",
            "instagram_manage_comments",
            "instagram_manage_messages",
            "business_management");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A page a system user can reach. */
    private record Page(String id, String name, List<String> tasks, String pageToken, String igId, String igUsername) {}

    /** A token the stand-in issued: its owner (a page id, or {@code user:<token>}), scopes and expiry. */
    private static final class Issued {
        final String owner;
        final Set<String> scopes;
        Instant expiresAt; // null: never (system-user tokens)

        Issued(String owner, Set<String> scopes) {
            this.owner = owner;
            this.scopes = scopes;
        }
    }

    private final Map<String, List<Page>> pagesByUser = new LinkedHashMap<>();
    private final Map<String, Issued> issued = new HashMap<>();
    private final Map<String, List<String>> subscriptions = new LinkedHashMap<>();
    private final Map<String, int[]> plantedFailures = new HashMap<>();
    private final List<String> tokenUses = new ArrayList<>();
    private final AtomicLong serial = new AtomicLong();

    LocalGraphAccounts() {
        systemUser(LOCAL_SYSTEM_USER_TOKEN);
        grantPage(LOCAL_SYSTEM_USER_TOKEN, "100000000000001", "Demo Kommune", null, null);
        grantPage(
                LOCAL_SYSTEM_USER_TOKEN,
                "100000000000002",
                "Demo Kommune Kultur",
                "17841400000000002",
                "demokommune.kultur");
    }

    /** Registers a system user (Business Manager) by its token; it reaches no page until {@link #grantPage}. */
    public synchronized void systemUser(String userToken) {
        pagesByUser.computeIfAbsent(userToken, t -> new ArrayList<>());
        issued.putIfAbsent(userToken, new Issued("user:" + userToken, new LinkedHashSet<>(PAGE_SCOPES)));
    }

    /**
     * Gives the system user a page (tasks MODERATE, MANAGE, CREATE_CONTENT, ANALYZE), optionally with a linked Instagram
     * business account; returns the page access token {@code /me/accounts} will hand out for it.
     */
    public synchronized String grantPage(String userToken, String pageId, String name, String igId, String igUsername) {
        systemUser(userToken);
        String token = "local-page-token-" + pageId + "-" + serial.incrementAndGet();
        issued.put(token, new Issued(pageId, new LinkedHashSet<>(PAGE_SCOPES)));
        pagesByUser
                .get(userToken)
                .add(new Page(
                        pageId,
                        name,
                        List.of("MODERATE", "MANAGE", "CREATE_CONTENT", "ANALYZE"),
                        token,
                        igId,
                        igUsername));
        return token;
    }

    /** The token now expired (as after a password change or a revoked system user): every call with it gets 190/463. */
    public synchronized void expire(String token) {
        Optional.ofNullable(issued.get(token))
                .ifPresent(i -> i.expiresAt = Instant.now().minusSeconds(60));
    }

    /** The token no longer has this permission (debug_token leaves it out of {@code scopes}). */
    public synchronized void revokeScope(String token, String scope) {
        Optional.ofNullable(issued.get(token)).ifPresent(i -> i.scopes.remove(scope));
    }

    /** The app's subscription to the page is gone (as when a page admin removes the app in the page's settings). */
    public synchronized void dropSubscription(String pageId) {
        subscriptions.remove(pageId);
    }

    /** The fields the app is subscribed to on the page; empty when it is not subscribed. */
    public synchronized List<String> subscribedFields(String pageId) {
        return List.copyOf(subscriptions.getOrDefault(pageId, List.of()));
    }

    /**
     * The next {@code times} calls whose {@code METHOD /path} ends with {@code callSuffix} (e.g. {@code "POST
     * /123/subscribed_apps"}) fail with this Graph error: 190 (invalid token), 200 (permission), 4, 17 or 32 (rate
     * limits, which a client retries: plant more than its attempts), 2 (transient, HTTP 500).
     */
    public synchronized void failNext(String callSuffix, int code, int times) {
        plantedFailures.put(callSuffix, new int[] {code, times});
    }

    /** Removes every planted failure not yet used. */
    public synchronized void clearFailures() {
        plantedFailures.clear();
    }

    /** {@code METHOD /path <who>} of every call made with a token the stand-in issued: {@code page:<id>} or {@code user}. */
    public synchronized List<String> tokenUses() {
        return List.copyOf(tokenUses);
    }

    /** An answer: HTTP status and JSON body. */
    record Answer(int status, String body) {}

    /**
     * Answers the call if it is one of these, or if its token is refused; empty: the rest of the stand-in answers it.
     *
     * @param graphPath the path without the version segment
     */
    synchronized Optional<Answer> handle(String method, String graphPath, Map<String, String> params, String bearer) {
        String call = method + " " + graphPath;
        Issued token = bearer == null ? null : issued.get(bearer);
        if (token != null) {
            tokenUses.add(call + " " + (token.owner.startsWith("user:") ? "user" : "page:" + token.owner));
        }
        for (Map.Entry<String, int[]> planted : Map.copyOf(plantedFailures).entrySet()) {
            if (call.endsWith(planted.getKey())) {
                if (--planted.getValue()[1] <= 0) {
                    plantedFailures.remove(planted.getKey());
                }
                return Optional.of(error(planted.getValue()[0], null));
            }
        }
        String[] parts = graphPath.substring(1).split("/");
        if (graphPath.equals("/debug_token")) {
            return Optional.of(debugToken(params.get("input_token")));
        }
        if (token != null && token.expiresAt != null && token.expiresAt.isBefore(Instant.now())) {
            return Optional.of(error(190, 463));
        }
        if (graphPath.equals("/me/accounts")) {
            if (bearer == null || !pagesByUser.containsKey(bearer)) {
                return Optional.of(error(190, null));
            }
            return Optional.of(meAccounts(pagesByUser.get(bearer), params));
        }
        if (parts.length == 2 && parts[1].equals("subscribed_apps")) {
            return Optional.of(subscribedApps(method, parts[0], params, token));
        }
        if (parts.length == 1
                && "GET".equals(method)
                && params.getOrDefault("fields", "").contains("instagram_business_account")) {
            Optional<Page> page = pagesByUser.values().stream()
                    .flatMap(List::stream)
                    .filter(p -> p.id().equals(parts[0]))
                    .findFirst();
            if (page.isEmpty()) {
                return Optional.of(error(100, 33));
            }
            ObjectNode n = JSON.createObjectNode().put("id", page.get().id());
            if (page.get().igId() != null) {
                n.putObject("instagram_business_account")
                        .put("id", page.get().igId())
                        .put("username", page.get().igUsername());
            }
            return Optional.of(new Answer(200, n.toString()));
        }
        return Optional.empty();
    }

    private Answer meAccounts(List<Page> pages, Map<String, String> params) {
        int limit = Math.min(100, Math.max(1, Integer.parseInt(params.getOrDefault("limit", "25"))));
        int offset = params.containsKey("after")
                ? Integer.parseInt(
                        new String(Base64.getUrlDecoder().decode(params.get("after")), StandardCharsets.UTF_8))
                : 0;
        ObjectNode body = JSON.createObjectNode();
        ArrayNode data = body.putArray("data");
        pages.stream().skip(offset).limit(limit).forEach(p -> {
            ObjectNode n = data.addObject()
                    .put("access_token", p.pageToken())
                    .put("category", "Government organization")
                    .put("name", p.name())
                    .put("id", p.id());
            ArrayNode tasks = n.putArray("tasks");
            p.tasks().forEach(tasks::add);
        });
        if (!data.isEmpty()) {
            ObjectNode paging = body.putObject("paging");
            paging.putObject("cursors").put("before", cursor(offset)).put("after", cursor(offset + data.size()));
            if (offset + data.size() < pages.size()) {
                paging.put("next", "/me/accounts?limit=" + limit + "&after=" + cursor(offset + data.size()));
            }
        }
        return new Answer(200, body.toString());
    }

    private Answer subscribedApps(String method, String pageId, Map<String, String> params, Issued token) {
        // Meta: a page access token of that page, with pages_manage_metadata
        if (token == null || !token.owner.equals(pageId)) {
            return error(210, null);
        }
        if (!token.scopes.contains("pages_manage_metadata")) {
            return error(200, null);
        }
        switch (method) {
            case "POST" -> {
                String fields = params.getOrDefault("subscribed_fields", "");
                if (fields.isBlank()) {
                    return error(100, null);
                }
                subscriptions.put(pageId, List.of(fields.split(",")));
                return new Answer(200, "{\"success\":true}");
            }
            case "DELETE" -> {
                subscriptions.remove(pageId);
                return new Answer(200, "{\"success\":true}");
            }
            default -> {
                ObjectNode body = JSON.createObjectNode();
                ArrayNode data = body.putArray("data");
                List<String> fields = subscriptions.get(pageId);
                if (fields != null) {
                    ObjectNode app = data.addObject()
                            .put("category", "Business")
                            .put("link", "https://tingvakt.local/")
                            .put("name", "Tingvakt")
                            .put("id", APP_ID);
                    ArrayNode f = app.putArray("subscribed_fields");
                    fields.forEach(f::add);
                }
                return new Answer(200, body.toString());
            }
        }
    }

    private Answer debugToken(String input) {
        Issued token = input == null ? null : issued.get(input);
        ObjectNode data = JSON.createObjectNode();
        ObjectNode d = data.putObject("data");
        if (token == null) {
            d.put("is_valid", false);
            d.putObject("error")
                    .put("code", 190)
                    .put("message", "Invalid OAuth access token - Cannot parse access token");
            d.putArray("scopes");
            return new Answer(200, data.toString());
        }
        boolean expired = token.expiresAt != null && token.expiresAt.isBefore(Instant.now());
        d.put("app_id", APP_ID)
                .put("type", token.owner.startsWith("user:") ? "SYSTEM_USER" : "PAGE")
                .put("application", "Tingvakt")
                .put("data_access_expires_at", 0)
                .put("expires_at", token.expiresAt == null ? 0 : token.expiresAt.getEpochSecond())
                .put("is_valid", !expired)
                .put("issued_at", Instant.now().minusSeconds(86_400).getEpochSecond());
        if (!token.owner.startsWith("user:")) {
            d.put("profile_id", token.owner);
        }
        ArrayNode scopes = d.putArray("scopes");
        token.scopes.forEach(scopes::add);
        if (expired) {
            d.putObject("error")
                    .put("code", 190)
                    .put("message", "Error validating access token: Session has expired.")
                    .put("subcode", 463);
        }
        return new Answer(200, data.toString());
    }

    /** A Graph error as Meta sends it (HTTP 400, or 403 for permissions). */
    static Answer error(int code, Integer subcode) {
        String message = switch (code) {
            case 190 ->
                subcode != null && subcode == 463
                        ? "Error validating access token: Session has expired."
                        : "Invalid OAuth access token - Cannot parse access token";
            case 200 -> "(#200) Permissions error";
            case 210 -> "(#210) A page access token is required to request this resource.";
            case 4 -> "(#4) Application request limit reached";
            case 17 -> "(#17) User request limit reached";
            case 32 -> "(#32) Page request limit reached";
            case 2 -> "An unexpected error has occurred. Please retry your request later.";
            case 100 -> "(#100) Invalid parameter";
            default -> "(#" + code + ") Error";
        };
        ObjectNode body = JSON.createObjectNode();
        ObjectNode e = body.putObject("error")
                .put("message", message)
                .put("type", code == 190 ? "OAuthException" : code == 100 ? "GraphMethodException" : "OAuthException")
                .put("code", code);
        if (subcode != null) {
            e.put("error_subcode", subcode);
        }
        if (code == 2) {
            e.put("is_transient", true);
        }
        e.put("fbtrace_id", "Alocal");
        return new Answer(code == 2 ? 500 : code == 200 || code == 210 ? 403 : 400, body.toString());
    }

    private static String cursor(int offset) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Integer.toString(offset).getBytes(StandardCharsets.UTF_8));
    }
}
