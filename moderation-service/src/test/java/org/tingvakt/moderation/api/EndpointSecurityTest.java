package org.tingvakt.moderation.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.LocalTokens;

/**
 * Every endpoint of the moderation service × every role × no token: who gets in (the table below is the access policy),
 * and a check against the OpenAPI document that no endpoint is missing from the table.
 */
@QuarkusTest
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class EndpointSecurityTest {
    private static final String ANY = "00000000-0000-4000-8000-000000000001";
    private static final Set<String> PUBLIC = Set.of("*");
    private static final Set<String> CASE_WORKERS = Set.of("moderator", "editor", "admin");
    private static final Set<String> KEEPERS = Set.of("editor", "admin");
    private static final Set<String> ADMIN = Set.of("admin");
    private static final Set<String> STATS = Set.of("analyst", "editor", "admin");
    private static final List<String> ROLES = List.of("admin", "editor", "moderator", "analyst", "archivist");

    /** One endpoint: method, the path as OpenAPI names it, a concrete path to call, and who may call it. */
    record Endpoint(String method, String template, String path, Set<String> allowed) {
        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    static final List<Endpoint> TABLE = List.of(
            new Endpoint("GET", "/webhooks/meta", "/webhooks/meta", PUBLIC),
            new Endpoint("POST", "/webhooks/meta", "/webhooks/meta", PUBLIC),
            new Endpoint("POST", "/webhooks/generic", "/webhooks/generic", PUBLIC),
            new Endpoint("GET", "/console/config.json", "/console/config.json", PUBLIC),
            new Endpoint("GET", "/api/cases", "/api/cases", CASE_WORKERS),
            new Endpoint("GET", "/api/cases/stream", "/api/cases/stream", CASE_WORKERS),
            new Endpoint("GET", "/api/cases/{id}", "/api/cases/" + ANY, CASE_WORKERS),
            new Endpoint("POST", "/api/cases/{id}/decisions", "/api/cases/" + ANY + "/decisions", CASE_WORKERS),
            new Endpoint("POST", "/api/cases/decisions", "/api/cases/decisions", CASE_WORKERS),
            new Endpoint("GET", "/api/accounts", "/api/accounts", CASE_WORKERS),
            new Endpoint("GET", "/api/accounts/flags", "/api/accounts/flags", KEEPERS),
            new Endpoint("GET", "/api/accounts/{id}", "/api/accounts/" + ANY, CASE_WORKERS),
            new Endpoint("POST", "/api/accounts", "/api/accounts", ADMIN),
            new Endpoint("PUT", "/api/accounts/{id}", "/api/accounts/" + ANY, ADMIN),
            new Endpoint("PUT", "/api/accounts/{id}/policy", "/api/accounts/" + ANY + "/policy", ADMIN),
            new Endpoint("PUT", "/api/accounts/{id}/dm-channels", "/api/accounts/" + ANY + "/dm-channels", ADMIN),
            new Endpoint("GET", "/api/account-connections", "/api/account-connections", KEEPERS),
            new Endpoint("POST", "/api/account-connections", "/api/account-connections", ADMIN),
            new Endpoint("POST", "/api/account-connections/discover", "/api/account-connections/discover", ADMIN),
            new Endpoint(
                    "POST", "/api/account-connections/health-check", "/api/account-connections/health-check", ADMIN),
            new Endpoint("DELETE", "/api/account-connections/{accountId}", "/api/account-connections/" + ANY, ADMIN),
            new Endpoint(
                    "GET",
                    "/api/accounts/{id}/registration-policy",
                    "/api/accounts/" + ANY + "/registration-policy",
                    CASE_WORKERS),
            new Endpoint(
                    "PUT",
                    "/api/accounts/{id}/registration-policy",
                    "/api/accounts/" + ANY + "/registration-policy",
                    ADMIN),
            new Endpoint("GET", "/api/accounts/{accountId}/replies", "/api/accounts/" + ANY + "/replies", CASE_WORKERS),
            new Endpoint("POST", "/api/accounts/{accountId}/replies", "/api/accounts/" + ANY + "/replies", KEEPERS),
            new Endpoint(
                    "PUT",
                    "/api/accounts/{accountId}/replies/{id}",
                    "/api/accounts/" + ANY + "/replies/" + ANY,
                    KEEPERS),
            new Endpoint(
                    "DELETE",
                    "/api/accounts/{accountId}/replies/{id}",
                    "/api/accounts/" + ANY + "/replies/" + ANY,
                    KEEPERS),
            new Endpoint("GET", "/api/admin/dead-letters", "/api/admin/dead-letters", ADMIN),
            new Endpoint(
                    "GET",
                    "/api/admin/dead-letters/{topic}/{partition}/{offset}",
                    "/api/admin/dead-letters/comments.received/0/0",
                    ADMIN),
            new Endpoint(
                    "POST",
                    "/api/admin/dead-letters/{topic}/{partition}/{offset}/replay",
                    "/api/admin/dead-letters/comments.received/0/0/replay",
                    ADMIN),
            new Endpoint("GET", "/api/audit", "/api/audit", KEEPERS),
            new Endpoint("GET", "/api/audit/verify", "/api/audit/verify", KEEPERS),
            new Endpoint("GET", "/api/stats/removals", "/api/stats/removals", STATS),
            new Endpoint("GET", "/api/stats/response-times", "/api/stats/response-times", STATS),
            new Endpoint("GET", "/api/stats/removals/timeline", "/api/stats/removals/timeline", STATS),
            new Endpoint("GET", "/api/public/transparency", "/api/public/transparency", PUBLIC),
            new Endpoint("GET", "/api/platform-actions", "/api/platform-actions?caseId=" + ANY, CASE_WORKERS),
            new Endpoint(
                    "POST", "/api/platform-actions/{id}/retry", "/api/platform-actions/" + ANY + "/retry", KEEPERS),
            new Endpoint("GET", "/api/admin/dead-letters", "/api/admin/dead-letters", ADMIN),
            new Endpoint(
                    "GET",
                    "/api/admin/dead-letters/{topic}/{partition}/{offset}",
                    "/api/admin/dead-letters/no-such-topic/0/0",
                    ADMIN),
            new Endpoint(
                    "POST",
                    "/api/admin/dead-letters/{topic}/{partition}/{offset}/replay",
                    "/api/admin/dead-letters/no-such-topic/0/0/replay",
                    ADMIN));

    static Stream<Arguments> endpointsAndCallers() {
        List<Arguments> out = new ArrayList<>();
        for (Endpoint e : TABLE) {
            out.add(Arguments.of(e, "none"));
            out.add(Arguments.of(e, "forged"));
            ROLES.forEach(r -> out.add(Arguments.of(e, r)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("endpointsAndCallers")
    void onlyTheAllowedRolesGetIn(Endpoint e, String caller) {
        int status = call(e, caller);
        if (e.allowed() == PUBLIC) {
            // Public endpoints check their own signatures; a valid bearer token neither helps nor hurts, and a forged
            // one is refused before the endpoint runs.
            int anonymous = call(e, "none");
            if (caller.equals("forged")) {
                assertThat(status).isIn(anonymous, 401);
            } else {
                assertThat(status).isEqualTo(anonymous);
            }
        } else if (caller.equals("none") || caller.equals("forged")) {
            assertThat(status).isEqualTo(401);
        } else if (e.allowed().contains(caller)) {
            // In, and the empty or unknown input is answered as a client error, not a server failure.
            assertThat(status).isNotIn(401, 403).isLessThan(500);
        } else {
            assertThat(status).isEqualTo(403);
        }
    }

    @Test
    void theTableCoversEveryEndpointInTheOpenApiDocument() {
        Map<String, Map<String, Object>> paths = given().when()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, methods) -> methods.keySet().stream()
                .filter(m -> Set.of("get", "post", "put", "delete", "patch").contains(m))
                .forEach(m -> documented.add(m.toUpperCase() + " " + path)));
        Set<String> tabled = new TreeSet<>();
        TABLE.forEach(e -> tabled.add(e.method() + " " + e.template()));
        assertThat(tabled).isEqualTo(documented);
    }

    private static int call(Endpoint e, String caller) {
        if (e.template().endsWith("/stream")) {
            return streamStatus(e, caller);
        }
        RequestSpecification r = given().contentType(ContentType.JSON);
        if (caller.equals("forged")) {
            r = r.auth().oauth2("eyJhbGciOiJub25lIn0.eyJncm91cHMiOlsiYWRtaW4iXX0.");
        } else if (!caller.equals("none")) {
            r = r.auth().oauth2(LocalTokens.forRole(caller));
        }
        if (!e.method().equals("GET") && !e.method().equals("DELETE")) {
            r = r.body("{}");
        }
        return r.when().request(e.method(), e.path()).then().extract().statusCode();
    }

    /** A server-sent event stream never ends: read the status and close it (RestAssured would wait for the body). */
    private static int streamStatus(Endpoint e, String caller) {
        var request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + e.path()))
                .header("Accept", "text/event-stream");
        if (caller.equals("forged")) {
            request.header("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJncm91cHMiOlsiYWRtaW4iXX0.");
        } else if (!caller.equals("none")) {
            request.header("Authorization", "Bearer " + LocalTokens.forRole(caller));
        }
        try {
            var response = java.net.http.HttpClient.newHttpClient()
                    .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
