package org.tingvakt.devstack.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.tingvakt.devstack.OpenApiContract;

/**
 * The OpenAPI document a service serves keeps the house rules (docs/api.md, {@link OpenApiContract}), and breaks no
 * client generated from the released document (the service's src/test/resources/openapi/released.json) unless its major
 * version changed. The document is also written to target/openapi/ for the linter and the client generator. A service's
 * {@code OpenApiContractTest} extends this with its {@code @QuarkusTest} annotations and its name.
 */
public abstract class OpenApiContractTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The service's short name: the document is written to target/openapi/{name}.json. */
    protected abstract String serviceName();

    private JsonNode served() throws IOException {
        String body = given().queryParam("format", "json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Path out = Path.of("target", "openapi", serviceName() + ".json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, body);
        return JSON.readTree(body);
    }

    @Test
    public void theDocumentKeepsTheHouseRules() throws IOException {
        assertThat(OpenApiContract.violations(served())).isEmpty();
    }

    @Test
    public void everyOperationHasItsIdListedSoThatRenamingAMethodRenamesNoClientCall() throws IOException {
        Properties listed = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/openapi-operations.properties")) {
            assertThat(in).as("the service lists its operation ids").isNotNull();
            listed.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        assertThat(OpenApiContract.operations(served()))
                .allSatisfy(where -> assertThat(listed).containsKey(where));
    }

    @Test
    public void noChangeBreaksAClientOfTheReleasedDocumentWithinItsMajorVersion() throws IOException {
        JsonNode released;
        try (InputStream in = getClass().getResourceAsStream("/openapi/released.json")) {
            assertThat(in).as("the released document is committed").isNotNull();
            released = JSON.readTree(in);
        }
        JsonNode current = served();
        if (OpenApiContract.majorVersion(current) == OpenApiContract.majorVersion(released)) {
            assertThat(OpenApiContract.breakingChanges(released, current)).isEmpty();
        } else {
            assertThat(OpenApiContract.majorVersion(current)).isGreaterThan(OpenApiContract.majorVersion(released));
        }
    }
}
