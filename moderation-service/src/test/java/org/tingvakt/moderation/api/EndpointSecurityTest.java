package org.tingvakt.moderation.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Set;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.testing.EndpointSecurityTestBase;

/**
 * The moderation service's access policy: every endpoint it serves and who may call it. {@link EndpointSecurityTestBase}
 * calls each row as every role and as refused callers, and checks the table against the OpenAPI document.
 */
@QuarkusTest
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class EndpointSecurityTest extends EndpointSecurityTestBase {
    private static final Set<String> CASE_WORKERS = Set.of("moderator", "editor", "admin");
    private static final Set<String> KEEPERS = Set.of("editor", "admin");
    private static final Set<String> ADMIN = Set.of("admin");
    private static final Set<String> STATS = Set.of("analyst", "editor", "admin");

    static final List<Endpoint> TABLE = withDeadLetterEndpoints(
            new Endpoint("GET", "/webhooks/meta", "/webhooks/meta", PUBLIC),
            new Endpoint("POST", "/webhooks/meta", "/webhooks/meta", PUBLIC),
            new Endpoint("POST", "/webhooks/generic", "/webhooks/generic", PUBLIC),
            new Endpoint("GET", "/console/config.json", "/console/config.json", PUBLIC),
            new Endpoint("GET", "/api/cases", "/api/cases", CASE_WORKERS),
            new Endpoint("GET", "/api/cases/stream", "/api/cases/stream", CASE_WORKERS),
            new Endpoint("GET", "/api/cases/{id}", "/api/cases/" + ANY, CASE_WORKERS),
            new Endpoint("POST", "/api/cases/{id}/decisions", "/api/cases/" + ANY + "/decisions", CASE_WORKERS),
            new Endpoint("POST", "/api/cases/decisions", "/api/cases/decisions", CASE_WORKERS),
            new Endpoint("GET", "/api/accounts", "/api/accounts", CASE_WORKERS),
            new Endpoint("GET", "/api/accounts/flags", "/api/accounts/flags", KEEPERS),
            new Endpoint("GET", "/api/accounts/{id}", "/api/accounts/" + ANY, CASE_WORKERS),
            new Endpoint("POST", "/api/accounts", "/api/accounts", ADMIN),
            new Endpoint("PUT", "/api/accounts/{id}", "/api/accounts/" + ANY, ADMIN),
            new Endpoint("PUT", "/api/accounts/{id}/policy", "/api/accounts/" + ANY + "/policy", ADMIN),
            new Endpoint("PUT", "/api/accounts/{id}/dm-channels", "/api/accounts/" + ANY + "/dm-channels", ADMIN),
            new Endpoint("GET", "/api/accounts/{accountId}/dm-reply", "/api/accounts/" + ANY + "/dm-reply", KEEPERS),
            new Endpoint("GET", "/api/account-connections", "/api/account-connections", KEEPERS),
            new Endpoint("POST", "/api/account-connections", "/api/account-connections", ADMIN),
            new Endpoint("POST", "/api/account-connections/discover", "/api/account-connections/discover", ADMIN),
            new Endpoint(
                    "POST", "/api/account-connections/health-check", "/api/account-connections/health-check", ADMIN),
            new Endpoint("DELETE", "/api/account-connections/{accountId}", "/api/account-connections/" + ANY, ADMIN),
            new Endpoint(
                    "GET",
                    "/api/accounts/{id}/registration-policy",
                    "/api/accounts/" + ANY + "/registration-policy",
                    CASE_WORKERS),
            new Endpoint(
                    "PUT",
                    "/api/accounts/{id}/registration-policy",
                    "/api/accounts/" + ANY + "/registration-policy",
                    ADMIN),
            new Endpoint("GET", "/api/accounts/{accountId}/replies", "/api/accounts/" + ANY + "/replies", CASE_WORKERS),
            new Endpoint("POST", "/api/accounts/{accountId}/replies", "/api/accounts/" + ANY + "/replies", KEEPERS),
            new Endpoint(
                    "PUT",
                    "/api/accounts/{accountId}/replies/{id}",
                    "/api/accounts/" + ANY + "/replies/" + ANY,
                    KEEPERS),
            new Endpoint(
                    "DELETE",
                    "/api/accounts/{accountId}/replies/{id}",
                    "/api/accounts/" + ANY + "/replies/" + ANY,
                    KEEPERS),
            new Endpoint("GET", "/api/admin/dead-letters", "/api/admin/dead-letters", ADMIN),
            new Endpoint(
                    "GET",
                    "/api/admin/dead-letters/{topic}/{partition}/{offset}",
                    "/api/admin/dead-letters/comments.received/0/0",
                    ADMIN),
            new Endpoint(
                    "POST",
                    "/api/admin/dead-letters/{topic}/{partition}/{offset}/replay",
                    "/api/admin/dead-letters/comments.received/0/0/replay",
                    ADMIN),
            new Endpoint("GET", "/api/audit", "/api/audit", KEEPERS),
            new Endpoint("GET", "/api/audit/verify", "/api/audit/verify", KEEPERS),
            new Endpoint("GET", "/api/stats/removals", "/api/stats/removals", STATS),
            new Endpoint("GET", "/api/stats/response-times", "/api/stats/response-times", STATS),
            new Endpoint("GET", "/api/stats/removals/timeline", "/api/stats/removals/timeline", STATS),
            new Endpoint("GET", "/api/public/transparency", "/api/public/transparency", PUBLIC),
            new Endpoint("POST", "/api/personal-data/access", "/api/personal-data/access", ADMIN),
            new Endpoint("GET", "/api/platform-actions", "/api/platform-actions?caseId=" + ANY, CASE_WORKERS),
            new Endpoint(
                    "POST", "/api/platform-actions/{id}/retry", "/api/platform-actions/" + ANY + "/retry", KEEPERS));

    @Override
    protected List<Endpoint> table() {
        return TABLE;
    }
}
