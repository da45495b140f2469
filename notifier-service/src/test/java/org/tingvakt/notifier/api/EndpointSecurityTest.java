package org.tingvakt.notifier.api;

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
import org.tingvakt.devstack.HostileTokens;
import org.tingvakt.devstack.LocalTokens;

/**
 * Every endpoint of the notifier service × every role × no, forged, expired and wrong-audience token: who gets in (the table below
 * is the access policy), and a check against the OpenAPI document that no endpoint is missing from the table.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "notifier"))
class EndpointSecurityTest {
    private static final String ANY = "00000000-0000-4000-8000-000000000001";
    private static final Set<String> PUBLIC = Set.of("*");
    private static final Set<String> CASE_WORKERS = Set.of("moderator", "editor", "admin");
    private static final Set<String> READERS = Set.of("moderator", "editor", "admin", "analyst");
    private static final Set<String> ADMIN = Set.of("admin");
    private static final List<String> ROLES = List.of("admin", "editor", "moderator", "analyst", "archivist");
    /** Callers that must be refused with 401 wherever a role is needed. */
    private static final List<String> REFUSED = List.of("none", "forged", "expired", "other-audience");

    /** One endpoint: method, the path as OpenAPI names it, a concrete path to call, and who may call it. */
    record Endpoint(String method, String template, String path, Set<String> allowed) {
        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    static final List<Endpoint> TABLE = List.of(
            new Endpoint(
                    "GET",
                    "/api/accounts/{accountId}/notification-settings",
                    "/api/accounts/acc-security-matrix/notification-settings",
                    ADMIN),
            new Endpoint(
                    "PUT",
                    "/api/accounts/{accountId}/notification-settings",
                    "/api/accounts/acc-security-matrix/notification-settings",
                    ADMIN),
            new Endpoint(
                    "DELETE",
                    "/api/accounts/{accountId}/notification-settings",
                    "/api/accounts/acc-security-matrix-none/notification-settings",
                    ADMIN),
            new Endpoint("GET", "/api/calendars/{country}/{year}", "/api/calendars/DK/2026", PUBLIC),
            new Endpoint("GET", "/api/compliance", "/api/compliance", READERS),
            new Endpoint("GET", "/api/deadlines", "/api/deadlines", READERS),
            new Endpoint("GET", "/api/deadlines/preview", "/api/deadlines/preview", PUBLIC),
            new Endpoint(
                    "POST",
                    "/api/deadlines/{id}/no-reply-needed",
                    "/api/deadlines/" + ANY + "/no-reply-needed",
                    CASE_WORKERS),
            new Endpoint(
                    "GET",
                    "/api/deadlines/{id}/notifications",
                    "/api/deadlines/" + ANY + "/notifications",
                    CASE_WORKERS),
            new Endpoint("GET", "/api/notifications/stream", "/api/notifications/stream", CASE_WORKERS),
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
            REFUSED.forEach(c -> out.add(Arguments.of(e, c)));
            ROLES.forEach(r -> out.add(Arguments.of(e, r)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("endpointsAndCallers")
    void onlyTheAllowedRolesGetIn(Endpoint e, String caller) {
        int status = call(e, caller);
        if (e.allowed() == PUBLIC) {
            // A valid bearer token neither helps nor hurts; a bad one may be refused before the endpoint runs.
            int anonymous = call(e, "none");
            if (REFUSED.contains(caller)) {
                assertThat(status).isIn(anonymous, 401);
            } else {
                assertThat(status).isEqualTo(anonymous);
            }
        } else if (REFUSED.contains(caller)) {
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
                .forEach(m -> documented.add(m.toUpperCase(java.util.Locale.ROOT) + " " + path)));
        Set<String> tabled = new TreeSet<>();
        TABLE.forEach(e -> tabled.add(e.method() + " " + e.template()));
        assertThat(tabled).isEqualTo(documented);
    }

    private static String token(String caller) {
        return switch (caller) {
            case "forged" -> "eyJhbGciOiJub25lIn0.eyJncm91cHMiOlsiYWRtaW4iXX0.";
            case "expired" -> HostileTokens.expired("admin");
            case "other-audience" -> HostileTokens.otherAudience("admin");
            default -> LocalTokens.forRole(caller);
        };
    }

    private static int call(Endpoint e, String caller) {
        if (e.template().endsWith("/stream")) {
            return streamStatus(e, caller);
        }
        RequestSpecification r = given().contentType(ContentType.JSON);
        if (!caller.equals("none")) {
            r = r.auth().oauth2(token(caller));
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
        if (!caller.equals("none")) {
            request.header("Authorization", "Bearer " + token(caller));
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
