package org.tingvakt.moderation.account.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.moderation.account.connection.AccountConnections;
import org.tingvakt.moderation.account.connection.ConnectionHealth;
import org.tingvakt.security.Roles;

/**
 * Connecting Facebook pages and Instagram business accounts with a system-user token from Meta Business Manager. The
 * token is used for the one request and never stored, logged or returned; the page tokens it yields are stored sealed.
 */
@Path("/api/account-connections")
@Tag(name = "Account connections")
public class AccountConnectionResource {
    private final AccountConnections connections;
    private final ConnectionHealth health;
    private final JsonWebToken caller;

    public AccountConnectionResource(AccountConnections connections, ConnectionHealth health, JsonWebToken caller) {
        this.connections = connections;
        this.health = health;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.EDITOR})
    @Operation(
            summary = "Connected accounts: the page whose webhooks serve each, subscribed fields, token expiry and "
                    + "permissions at the last check, and its health flags (never a token)")
    public List<AccountConnections.View> list() {
        return connections.list();
    }

    @POST
    @Path("/discover")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "List the pages and linked Instagram business accounts a Meta system-user token reaches "
                    + "(/me/accounts), with the system user's tasks on each; nothing is stored")
    public DiscoverResponse discover(@NotNull DiscoverRequest r) {
        return new DiscoverResponse(connections.discover(r.systemUserToken()));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary =
                    "Connect the chosen pages and Instagram accounts: subscribe the app to each page's webhooks, store "
                            + "each page token encrypted, and create the accounts that are new (with country, language and "
                            + "time zone given here). All or nothing")
    public List<AccountConnections.View> connect(@NotNull ConnectRequest r) {
        return connections.connect(
                r.systemUserToken(),
                r.accounts(),
                new AccountConnections.Defaults(r.country(), r.language(), r.timeZone()),
                caller.getName());
    }

    @DELETE
    @Path("/{accountId}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary =
                    "Disconnect an account: unsubscribe the app from its page's webhooks and delete its stored token; "
                            + "the account and its cases stay")
    public AccountConnections.Disconnected disconnect(@PathParam("accountId") UUID accountId) {
        return connections.disconnect(accountId, caller.getName());
    }

    @POST
    @Path("/health-check")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Run the daily health check now: debug_token and the webhook subscription of every connected "
                    + "account; flags are set and admins notified as by the daily run")
    public List<AccountConnections.View> check() {
        health.checkAll();
        return connections.list();
    }

    /** A system-user token (Business Manager → System users → Generate token). */
    public record DiscoverRequest(String systemUserToken) {}

    /** The pages and Instagram accounts the token reaches. */
    public record DiscoverResponse(List<AccountConnections.Reachable> accounts) {}

    /**
     * What to connect: the token again (it is never kept between requests), the accounts chosen from discover, and the
     * settings new accounts start with.
     */
    public record ConnectRequest(
            String systemUserToken,
            List<AccountConnections.Choice> accounts,
            String country,
            String language,
            String timeZone) {}
}
