package org.tingvakt.moderation.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.tingvakt.devstack.DevStackTestResource;

/**
 * The console's static files (from the console module's jar) and its settings are served without a token (sign-in
 * happens in the page).
 */
@QuarkusTest
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class ConsoleConfigTest {

    @Test
    void theConsolePageAndItsScriptsAreServed() {
        given().when()
                .get("/console/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("js/app.js"));
        given().when()
                .get("/console/js/core.js")
                .then()
                .statusCode(200)
                .contentType(containsString("javascript"))
                .body(containsString("export async function api"));
        given().when()
                .get("/console/transparency.html")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("js/transparency.js"));
    }

    /** The files come from the console module's jar (META-INF/resources/console/), the texts included. */
    @Test
    void theTextsOfEachLanguageAreServed() {
        given().when()
                .get("/console/i18n/da.json")
                .then()
                .statusCode(200)
                .contentType(containsString("json"))
                .body("'app.skip'", equalTo("Gå til indhold"));
        given().when()
                .get("/console/i18n/en.json")
                .then()
                .statusCode(200)
                .body("'app.skip'", equalTo("Skip to content"));
        given().when().get("/console/i18n/fi.json").then().statusCode(404);
    }

    @Test
    void theSettingsNameTheOtherServicesAndTheOidcProvider() {
        given().when()
                .get("/console/config.json")
                .then()
                .statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("archiveUrl", equalTo("http://localhost:8081"))
                .body("notifierUrl", equalTo("http://localhost:8082"))
                .body("oidc.authorizationEndpoint", equalTo("http://localhost:59090/authorize"))
                .body("oidc.tokenEndpoint", equalTo("http://localhost:59090/token"))
                .body("oidc.clientId", equalTo("tingvakt-console"))
                .body("oidc.rolesClaim", equalTo("groups"));
    }
}
