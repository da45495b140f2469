package org.tingvakt.moderation.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.testing.OpenApiContractTestBase;

/** The moderation service's OpenAPI document keeps the house rules and its released clients: {@link OpenApiContractTestBase}. */
@QuarkusTest
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class OpenApiContractTest extends OpenApiContractTestBase {
    @Override
    protected String serviceName() {
        return "moderation";
    }
}
