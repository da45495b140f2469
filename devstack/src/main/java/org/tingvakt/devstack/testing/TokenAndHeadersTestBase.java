package org.tingvakt.devstack.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.tingvakt.devstack.HostileTokens;

/**
 * Only a token issued for Tingvakt, by the configured issuer, signed and unexpired, opens the API: a token the same
 * provider issued for another application, with the right role in it, does not. Every response carries the security
 * headers. A service's {@code TokenAndHeadersTest} extends this with its {@code @QuarkusTest} annotations, one of its
 * endpoints and a role that may call it.
 */
public abstract class TokenAndHeadersTestBase {
    /** A GET endpoint of the service that answers 200 to {@link #role()} without parameters. */
    protected abstract String endpoint();

    /** A role that may call {@link #endpoint()}. */
    protected abstract String role();

    @Test
    public void aGoodTokenOpensTheEndpoint() {
        given().auth()
                .oauth2(HostileTokens.good(role()))
                .when()
                .get(endpoint())
                .then()
                .statusCode(200);
    }

    @TestFactory
    public Stream<DynamicTest> everyTokenWrongInOneWayIsRefused() {
        String endpoint = endpoint();
        return HostileTokens.refused(role()).entrySet().stream()
                .map((Map.Entry<String, String> e) -> DynamicTest.dynamicTest(
                        e.getKey(),
                        () -> given().auth()
                                .oauth2(e.getValue())
                                .when()
                                .get(endpoint)
                                .then()
                                .statusCode(401)));
    }

    @Test
    public void theApiSendsTheSecurityHeaders() {
        given().auth()
                .oauth2(HostileTokens.good(role()))
                .when()
                .get(endpoint())
                .then()
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
    }

    @Test
    public void aRefusalAndTheHealthEndpointSendThemToo() {
        given().when()
                .get(endpoint())
                .then()
                .statusCode(401)
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        given().when()
                .get("/q/health/live")
                .then()
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
    }
}
