package org.tingvakt.devstack.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;
import org.tingvakt.devstack.LocalTokens;

/**
 * The console (served by moderation-service) calls the archive and the notifier cross-origin: its origin gets in, others
 * do not. A service's {@code ConsoleCorsTest} extends this with its {@code @QuarkusTest} annotations and one of its
 * endpoints.
 */
public abstract class ConsoleCorsTestBase {
    private static final String CONSOLE = "http://localhost:8080";

    /** A GET endpoint of the service that answers 200 to an admin without parameters. */
    protected abstract String endpoint();

    @Test
    public void aPreflightFromTheConsoleIsAllowedWithTheAuthorizationHeader() {
        given().header("Origin", CONSOLE)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .when()
                .options(endpoint())
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(CONSOLE))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("authorization"))
                .header("Access-Control-Allow-Methods", containsStringIgnoringCase("GET"));
    }

    @Test
    public void anotherOriginGetsNoCorsHeaders() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .when()
                .options(endpoint())
                .then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    public void anActualRequestFromTheConsoleCarriesTheAllowOriginHeader() {
        given().header("Origin", CONSOLE)
                .auth()
                .oauth2(LocalTokens.forRole("admin"))
                .when()
                .get(endpoint())
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(CONSOLE));
    }
}
