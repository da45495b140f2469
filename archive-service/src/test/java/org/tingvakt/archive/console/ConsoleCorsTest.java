package org.tingvakt.archive.console;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.testing.ConsoleCorsTestBase;

/** The console's origin may call /api/records cross-origin, others may not: {@link ConsoleCorsTestBase}. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "archive"))
class ConsoleCorsTest extends ConsoleCorsTestBase {
    @Override
    protected String endpoint() {
        return "/api/records";
    }
}
