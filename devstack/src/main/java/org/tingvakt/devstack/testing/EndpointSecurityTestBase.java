package org.tingvakt.devstack.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.tingvakt.devstack.HostileTokens;
import org.tingvakt.devstack.LocalTokens;

/**
 * Every endpoint of a service × every role × no, forged (and, by default, expired and wrong-audience) token: who gets
 * in, and a check against the OpenAPI document that no endpoint is missing from the service's table. A service's
 * {@code EndpointSecurityTest} extends this with its {@code @QuarkusTest} annotations and its table, which is its access
 * policy.
 */
public abstract class EndpointSecurityTestBase {
    /** A well-formed id that names nothing. */
    public static final String ANY = "00000000-0000-4000-8000-000000000001";
    /** Who may call a public endpoint: anyone, with or without a token. */
    public static final Set<String> PUBLIC = Set.of("*");

    public static final List<String> ROLES = List.of("admin", "editor", "moderator", "analyst", "archivist");
    /** Callers that must be refused with 401 wherever a role is needed. */
    public static final List<String> REFUSED = List.of("none", "forged", "expired", "other-audience");

    private static final String FORGED = "eyJhbGciOiJub25lIn0.eyJncm91cHMiOlsiYWRtaW4iXX0.";

    /** One endpoint: method, the path as OpenAPI names it, a concrete path to call, and who may call it. */
    public record Endpoint(String method, String template, String path, Set<String> allowed) {
        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    /** The dead-letter admin API that every service serves from {@code eventing}: admins only. */
    public static final List<Endpoint> DEAD_LETTER_ENDPOINTS = List.of(
            new Endpoint("GET", "/api/admin/dead-letters", "/api/admin/dead-letters", Set.of("admin")),
            new Endpoint(
                    "GET",
                    "/api/admin/dead-letters/{topic}/{partition}/{offset}",
                    "/api/admin/dead-letters/no-such-topic/0/0",
                    Set.of("admin")),
            new Endpoint(
                    "POST",
                    "/api/admin/dead-letters/{topic}/{partition}/{offset}/replay",
                    "/api/admin/dead-letters/no-such-topic/0/0/replay",
                    Set.of("admin")));

    /** The service's access policy: every endpoint it serves, and who may call it. */
    protected abstract List<Endpoint> table();

    /** The service's own rows followed by {@link #DEAD_LETTER_ENDPOINTS}. */
    protected static List<Endpoint> withDeadLetterEndpoints(Endpoint... own) {
        return Stream.concat(Stream.of(own), DEAD_LETTER_ENDPOINTS.stream()).toList();
    }

    /** The callers without a valid token that every endpoint needing a role refuses; by default all of {@link #REFUSED}. */
    protected List<String> refusedCallers() {
        return REFUSED;
    }

    @TestFactory
    public Stream<DynamicTest> onlyTheAllowedRolesGetIn() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint e : table()) {
            Stream.concat(refusedCallers().stream(), ROLES.stream())
                    .forEach(caller -> tests.add(DynamicTest.dynamicTest(e + " as " + caller, () -> check(e, caller))));
        }
        return tests.stream();
    }

    private void check(Endpoint e, String caller) {
        int status = call(e, caller);
        boolean refused = refusedCallers().contains(caller);
        if (e.allowed() == PUBLIC) {
            // Public endpoints check their own signatures; a valid bearer token neither helps nor hurts, and a bad one
            // may be refused before the endpoint runs.
            int anonymous = call(e, "none");
            if (refused) {
                assertThat(status).isIn(anonymous, 401);
            } else {
                assertThat(status).isEqualTo(anonymous);
            }
        } else if (refused) {
            assertThat(status).isEqualTo(401);
        } else if (e.allowed().contains(caller)) {
            // In, and the empty or unknown input is answered as a client error, not a server failure.
            assertThat(status).isNotIn(401, 403).isLessThan(500);
        } else {
            assertThat(status).isEqualTo(403);
        }
    }

    @Test
    public void theTableCoversEveryEndpointInTheOpenApiDocument() {
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
                .forEach(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path)));
        Set<String> tabled = new TreeSet<>();
        table().forEach(e -> tabled.add(e.method() + " " + e.template()));
        assertThat(tabled).isEqualTo(documented);
    }

    private static String token(String caller) {
        return switch (caller) {
            case "forged" -> FORGED;
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
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + RestAssured.port + e.path()))
                .header("Accept", "text/event-stream");
        if (!caller.equals("none")) {
            request.header("Authorization", "Bearer " + token(caller));
        }
        try {
            HttpResponse<java.io.InputStream> response =
                    HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
