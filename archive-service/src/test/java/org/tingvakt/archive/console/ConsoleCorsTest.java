package org.tingvakt.archive.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.LocalTokens;

/** The console (served by moderation-service) calls this service cross-origin: its origin gets in, others do not. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "archive"))
class ConsoleCorsTest {
    private static final String CONSOLE = "http://localhost:8080";

    @Test
    void aPreflightFromTheConsoleIsAllowedWithTheAuthorizationHeader() {
        given().header("Origin", CONSOLE)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .when()
                .options("/api/records")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(CONSOLE))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("authorization"))
                .header("Access-Control-Allow-Methods", containsStringIgnoringCase("GET"));
    }

    @Test
    void anotherOriginGetsNoCorsHeaders() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .when()
                .options("/api/records")
                .then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void anActualRequestFromTheConsoleCarriesTheAllowOriginHeader() {
        given().header("Origin", CONSOLE)
                .auth()
                .oauth2(LocalTokens.forRole("admin"))
                .when()
                .get("/api/records")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(CONSOLE));
    }
}
