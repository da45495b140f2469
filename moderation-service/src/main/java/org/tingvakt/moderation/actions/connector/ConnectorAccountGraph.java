package org.tingvakt.moderation.actions.connector;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tingvakt.moderation.account.connection.AccountGraph;

/** {@link AccountGraph} (owned by the account register) done by the Graph API connector, with the caller's tokens. */
@ApplicationScoped
public class ConnectorAccountGraph implements AccountGraph {
    /** More than any public body has; a guard against a paging loop. */
    static final int MAX_PAGES = 2_000;

    private final PlatformConnector connector;

    public ConnectorAccountGraph(PlatformConnector connector) {
        this.connector = connector;
    }

    @Override
    public List<Page> pages(String systemUserToken) {
        PageAccessToken user = token(systemUserToken);
        List<Page> pages = new ArrayList<>();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fields", "id,name,access_token,tasks");
        params.put("limit", "100");
        while (true) {
            JsonNode body = ok(connector.callAs(user, "GET", "me", "accounts", params));
            for (JsonNode p : body.path("data")) {
                String id = p.path("id").asText("");
                String pageToken = p.path("access_token").asText("");
                if (id.isEmpty() || pageToken.isEmpty()) {
                    continue; // a page the token sees but cannot act on (no task that gives a page token)
                }
                List<String> tasks = new ArrayList<>();
                p.path("tasks").forEach(t -> tasks.add(t.asText()));
                pages.add(new Page(
                        id, p.path("name").asText(id), List.copyOf(tasks), pageToken, instagram(id, pageToken)));
            }
            String after = body.path("paging").path("cursors").path("after").asText("");
            if (!body.path("paging").hasNonNull("next") || after.isEmpty() || pages.size() >= MAX_PAGES) {
                return pages;
            }
            params.put("after", after);
        }
    }

    private Optional<Instagram> instagram(String pageId, String pageToken) {
        JsonNode body = ok(connector.callAs(
                token(pageToken), "GET", pageId, null, Map.of("fields", "instagram_business_account{id,username}")));
        JsonNode ig = body.path("instagram_business_account");
        return ig.hasNonNull("id")
                ? Optional.of(new Instagram(
                        ig.path("id").asText(), ig.path("username").asText("")))
                : Optional.empty();
    }

    @Override
    public void subscribe(String pageId, String pageToken, List<String> fields) {
        ok(connector.callAs(
                token(pageToken),
                "POST",
                pageId,
                "subscribed_apps",
                Map.of("subscribed_fields", String.join(",", fields))));
    }

    @Override
    public void unsubscribe(String pageId, String pageToken) {
        ok(connector.callAs(token(pageToken), "DELETE", pageId, "subscribed_apps", Map.of()));
    }

    @Override
    public List<String> subscribedFields(String pageId, String pageToken) {
        JsonNode body = ok(connector.callAs(token(pageToken), "GET", pageId, "subscribed_apps", Map.of()));
        List<String> fields = new ArrayList<>();
        // Each entry is an app subscribed to the page; only ours answers to this app's token's call with its fields.
        for (JsonNode app : body.path("data")) {
            app.path("subscribed_fields")
                    .forEach(f -> fields.add(
                            f.isTextual() ? f.asText() : f.path("name").asText()));
        }
        return fields;
    }

    @Override
    public TokenInfo debugToken(String token) {
        // Meta: access_token is an app token or a token of the same app; the page token inspecting itself is the
        // latter.
        Map<String, String> params = new HashMap<>();
        params.put("input_token", token);
        JsonNode d = ok(connector.callAs(token(token), "GET", "debug_token", null, params))
                .path("data");
        long expires = d.path("expires_at").asLong(0);
        List<String> scopes = new ArrayList<>();
        d.path("scopes").forEach(s -> scopes.add(s.asText()));
        return new TokenInfo(
                d.path("is_valid").asBoolean(false),
                expires > 0 ? Optional.of(Instant.ofEpochSecond(expires)) : Optional.empty(),
                List.copyOf(scopes),
                d.path("error").hasNonNull("code")
                        ? Optional.of(d.path("error").path("code").asInt())
                        : Optional.empty());
    }

    private static PageAccessToken token(String value) {
        try {
            return PageAccessToken.of(value);
        } catch (RuntimeException blank) {
            throw new Refused("INVALID", Optional.empty(), "the token is empty", Optional.empty());
        }
    }

    private static JsonNode ok(GraphRead read) {
        if (read.result() instanceof PlatformResult.Failure f) {
            throw new Refused(
                    f.category().name(),
                    f.graphCode().isPresent() ? Optional.of(f.graphCode().getAsInt()) : Optional.empty(),
                    f.message(),
                    f.retryAfter());
        }
        return read.body().orElseThrow();
    }
}
