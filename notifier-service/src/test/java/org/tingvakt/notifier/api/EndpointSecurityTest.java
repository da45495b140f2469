package org.tingvakt.notifier.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Set;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.testing.EndpointSecurityTestBase;

/**
 * The notifier service's access policy: every endpoint it serves and who may call it. {@link EndpointSecurityTestBase}
 * calls each row as every role and as refused callers, and checks the table against the OpenAPI document.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "notifier"))
class EndpointSecurityTest extends EndpointSecurityTestBase {
    private static final Set<String> CASE_WORKERS = Set.of("moderator", "editor", "admin");
    private static final Set<String> READERS = Set.of("moderator", "editor", "admin", "analyst");
    private static final Set<String> ADMIN = Set.of("admin");

    static final List<Endpoint> TABLE = withDeadLetterEndpoints(
            new Endpoint(
                    "GET",
                    "/api/accounts/{accountId}/notification-settings",
                    "/api/accounts/acc-security-matrix/notification-settings",
                    ADMIN),
            new Endpoint(
                    "PUT",
                    "/api/accounts/{accountId}/notification-settings",
                    "/api/accounts/acc-security-matrix/notification-settings",
                    ADMIN),
            new Endpoint(
                    "DELETE",
                    "/api/accounts/{accountId}/notification-settings",
                    "/api/accounts/acc-security-matrix-none/notification-settings",
                    ADMIN),
            new Endpoint("GET", "/api/calendars/{country}/{year}", "/api/calendars/DK/2026", PUBLIC),
            new Endpoint("GET", "/api/compliance", "/api/compliance", READERS),
            new Endpoint("GET", "/api/deadlines", "/api/deadlines", READERS),
            new Endpoint("GET", "/api/deadlines/preview", "/api/deadlines/preview", PUBLIC),
            new Endpoint(
                    "POST",
                    "/api/deadlines/{id}/no-reply-needed",
                    "/api/deadlines/" + ANY + "/no-reply-needed",
                    CASE_WORKERS),
            new Endpoint(
                    "GET",
                    "/api/deadlines/{id}/notifications",
                    "/api/deadlines/" + ANY + "/notifications",
                    CASE_WORKERS),
            new Endpoint("GET", "/api/notifications/stream", "/api/notifications/stream", CASE_WORKERS),
            new Endpoint("POST", "/api/personal-data/access", "/api/personal-data/access", ADMIN));

    @Override
    protected List<Endpoint> table() {
        return TABLE;
    }
}
