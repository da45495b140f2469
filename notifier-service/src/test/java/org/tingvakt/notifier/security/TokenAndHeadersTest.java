package org.tingvakt.notifier.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.testing.TokenAndHeadersTestBase;

/** The token checks and security headers of {@link TokenAndHeadersTestBase}, on /api/deadlines as a moderator. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "notifier"))
class TokenAndHeadersTest extends TokenAndHeadersTestBase {
    @Override
    protected String endpoint() {
        return "/api/deadlines";
    }

    @Override
    protected String role() {
        return "moderator";
    }
}
