package org.tingvakt.notifier.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.HostileTokens;

/**
 * Only a token issued for Tingvakt, by the configured issuer, signed and unexpired, opens the API: a token the same
 * provider issued for another application, with the right role in it, does not. Every response carries the security
 * headers.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "notifier"))
class TokenAndHeadersTest {
    private static final String ENDPOINT = "/api/deadlines";
    private static final String ROLE = "moderator";

    @Test
    void aGoodTokenOpensTheEndpoint() {
        given().auth()
                .oauth2(HostileTokens.good(ROLE))
                .when()
                .get(ENDPOINT)
                .then()
                .statusCode(200);
    }

    @TestFactory
    Stream<DynamicTest> everyTokenWrongInOneWayIsRefused() {
        return HostileTokens.refused(ROLE).entrySet().stream()
                .map((Map.Entry<String, String> e) -> DynamicTest.dynamicTest(
                        e.getKey(),
                        () -> given().auth()
                                .oauth2(e.getValue())
                                .when()
                                .get(ENDPOINT)
                                .then()
                                .statusCode(401)));
    }

    @Test
    void theApiSendsTheSecurityHeaders() {
        given().auth()
                .oauth2(HostileTokens.good(ROLE))
                .when()
                .get(ENDPOINT)
                .then()
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
    }

    @Test
    void aRefusalAndTheHealthEndpointSendThemToo() {
        given().when()
                .get(ENDPOINT)
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
