package org.tingvakt.moderation.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.testing.OpenApiContractTestBase;

/**
 * The moderation service's OpenAPI document keeps the house rules and its released clients: {@link OpenApiContractTestBase}.
 * Its rate-limited operations (what anyone may call unsigned-in) say so in the document, and their answers carry what
 * the document promises.
 */
@QuarkusTest
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class OpenApiContractTest extends OpenApiContractTestBase {
    @Override
    protected String serviceName() {
        return "moderation";
    }

    @Test
    void theLimitedOperationsDocumentTheirLimitAndAnswerWithIt() throws Exception {
        JsonNode doc = new ObjectMapper()
                .readTree(given().when().get("/q/openapi?format=json").asString());
        for (String[] op : new String[][] {
            {"/webhooks/meta", "post"},
            {"/webhooks/meta", "get"},
            {"/webhooks/generic", "post"},
            {"/api/public/transparency", "get"}
        }) {
            JsonNode responses = doc.path("paths").path(op[0]).path(op[1]).path("responses");
            assertThat(responses.has("429"))
                    .as("%s %s documents 429", op[1], op[0])
                    .isTrue();
            assertThat(responses.path("429").path("headers").has("Retry-After")).isTrue();
            assertThat(responses.path("200").path("headers").has("RateLimit-Remaining"))
                    .as("%s %s documents its budget on 200", op[1], op[0])
                    .isTrue();
        }
        // An operation that is not limited claims no budget: its 429 is only that of failed authentication (every
        // secured operation has it), and its 200 names no RateLimit headers.
        JsonNode cases = doc.path("paths").path("/api/cases").path("get").path("responses");
        assertThat(cases.path("429").path("description").asText()).contains("failed authentications");
        assertThat(cases.path("429").path("headers").has("Retry-After")).isTrue();
        assertThat(cases.path("200").path("headers").has("RateLimit-Remaining")).isFalse();

        Response answer = given().header("X-Forwarded-For", "192.0.2." + (1 + (int) (Math.random() * 200)))
                .queryParam("from", "2001-01-01")
                .queryParam("to", "2001-01-31")
                .when()
                .get("/api/public/transparency");
        assertThat(answer.statusCode()).isEqualTo(200);
        int limit = Integer.parseInt(answer.header("RateLimit-Limit"));
        assertThat(Integer.parseInt(answer.header("RateLimit-Remaining"))).isEqualTo(limit - 1);
        assertThat(Integer.parseInt(answer.header("RateLimit-Reset"))).isBetween(1, 60);
    }
}
