package org.tingvakt.moderation.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.testing.TokenAndHeadersTestBase;

/** The token checks and security headers of {@link TokenAndHeadersTestBase}, on /api/cases as a moderator. */
@QuarkusTest
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class TokenAndHeadersTest extends TokenAndHeadersTestBase {
    @Override
    protected String endpoint() {
        return "/api/cases";
    }

    @Override
    protected String role() {
        return "moderator";
    }

    @Test
    void theConsoleRunsOnlyItsOwnScriptsAndCallsOnlyTheServicesItNeeds() {
        given().when()
                .get("/console/")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("connect-src 'self' http://localhost:8081"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }
}
