package org.tingvakt.archive.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Set;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.testing.EndpointSecurityTestBase;

/**
 * The archive service's access policy: every endpoint it serves and who may call it. {@link EndpointSecurityTestBase}
 * calls each row as every role and as refused callers, and checks the table against the OpenAPI document.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "archive"))
class EndpointSecurityTest extends EndpointSecurityTestBase {
    private static final Set<String> ARCHIVISTS = Set.of("archivist", "admin");
    private static final Set<String> ADMIN = Set.of("admin");

    static final List<Endpoint> TABLE = withDeadLetterEndpoints(
            new Endpoint("GET", "/api/records", "/api/records", ARCHIVISTS),
            new Endpoint("GET", "/api/records/{id}", "/api/records/" + ANY, ARCHIVISTS),
            new Endpoint("GET", "/api/records/{id}/json", "/api/records/" + ANY + "/json", ARCHIVISTS),
            new Endpoint("GET", "/api/records/{id}/pdf", "/api/records/" + ANY + "/pdf", ARCHIVISTS),
            new Endpoint("GET", "/api/records/{id}/png", "/api/records/" + ANY + "/png", ARCHIVISTS),
            new Endpoint("GET", "/api/records/{id}/verify", "/api/records/" + ANY + "/verify", ARCHIVISTS),
            new Endpoint("GET", "/api/records/{id}/history", "/api/records/" + ANY + "/history", ARCHIVISTS),
            new Endpoint("POST", "/api/records/{id}/registration", "/api/records/" + ANY + "/registration", ARCHIVISTS),
            new Endpoint("PUT", "/api/records/{id}/hold", "/api/records/" + ANY + "/hold", ARCHIVISTS),
            new Endpoint("DELETE", "/api/records/{id}/hold", "/api/records/" + ANY + "/hold", ARCHIVISTS),
            new Endpoint("GET", "/api/chain/verify", "/api/chain/verify", ARCHIVISTS),
            new Endpoint("GET", "/api/audit/verify", "/api/audit/verify", ARCHIVISTS),
            new Endpoint("POST", "/api/retention/run", "/api/retention/run", ARCHIVISTS),
            new Endpoint("GET", "/api/disposals", "/api/disposals", ARCHIVISTS),
            new Endpoint("POST", "/api/erasure-requests", "/api/erasure-requests", ARCHIVISTS),
            new Endpoint("GET", "/api/erasure-requests", "/api/erasure-requests", ARCHIVISTS),
            new Endpoint("GET", "/api/erasure-requests/{requestId}", "/api/erasure-requests/" + ANY, ARCHIVISTS),
            new Endpoint("POST", "/api/public/meta/data-deletion", "/api/public/meta/data-deletion", PUBLIC),
            new Endpoint(
                    "GET",
                    "/api/public/data-deletion/{code}",
                    "/api/public/data-deletion/AAAAAAAAAAAAAAAAAAAA",
                    PUBLIC),
            new Endpoint("POST", "/api/access-requests", "/api/access-requests", ADMIN),
            new Endpoint("POST", "/api/access-requests/pdf", "/api/access-requests/pdf", ADMIN),
            new Endpoint("GET", "/api/exports", "/api/exports", ARCHIVISTS),
            new Endpoint("GET", "/api/accounts/{accountId}/rule", "/api/accounts/acc-security-matrix/rule", ARCHIVISTS),
            new Endpoint("PUT", "/api/accounts/{accountId}/rule", "/api/accounts/acc-security-matrix/rule", ARCHIVISTS),
            new Endpoint(
                    "PUT",
                    "/api/accounts/{accountId}/register",
                    "/api/accounts/acc-security-matrix/register",
                    ARCHIVISTS),
            new Endpoint("GET", "/api/registration-series", "/api/registration-series", ARCHIVISTS),
            new Endpoint(
                    "PUT",
                    "/api/registration-series/{seriesId}",
                    "/api/registration-series/security-matrix",
                    ARCHIVISTS));

    @Override
    protected List<Endpoint> table() {
        return TABLE;
    }
}
