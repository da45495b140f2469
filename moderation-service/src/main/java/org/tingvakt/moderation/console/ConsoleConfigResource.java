package org.tingvakt.moderation.console;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The web console's settings, read by the browser before sign-in (so it is public): the other services' URLs and the
 * OIDC provider. The console's static files are under {@code META-INF/resources/console/}.
 */
@Path("/console/config.json")
@Tag(name = "Console")
public class ConsoleConfigResource {
    private final ConsoleSettings settings;

    public ConsoleConfigResource(ConsoleSettings settings) {
        this.settings = settings;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The console's settings: archive and notifier URLs and the OIDC provider (public, no secrets)")
    public Response config() {
        ConsoleSettings.Oidc o = settings.oidc();
        OidcView oidc =
                o.authorizationEndpoint().isPresent() && o.tokenEndpoint().isPresent()
                        ? new OidcView(
                                o.authorizationEndpoint().get(),
                                o.tokenEndpoint().get(),
                                o.endSessionEndpoint().orElse(null),
                                o.clientId(),
                                o.scope(),
                                o.rolesClaim())
                        : null;
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(new ConsoleConfig(settings.archiveUrl(), settings.notifierUrl(), oidc))
                .cacheControl(noStore)
                .build();
    }

    /** The answer; {@code oidc} is null when no provider is configured. */
    public record ConsoleConfig(String archiveUrl, String notifierUrl, OidcView oidc) {}

    /** The provider as the browser uses it. */
    public record OidcView(
            String authorizationEndpoint,
            String tokenEndpoint,
            String endSessionEndpoint,
            String clientId,
            String scope,
            String rolesClaim) {}
}
