package org.tingvakt.moderation.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * What the web console needs to know to run in a browser: where the other two services are and how to sign in. Served to
 * the browser as {@code /console/config.json}; nothing here is secret (a public OIDC client uses PKCE, not a secret).
 */
@ConfigMapping(prefix = "tingvakt.console")
public interface ConsoleSettings {
    /** The archive service as the browser reaches it. */
    @WithDefault("http://localhost:8081")
    String archiveUrl();

    /** The notifier service as the browser reaches it. */
    @WithDefault("http://localhost:8082")
    String notifierUrl();

    Oidc oidc();

    /** The OIDC provider (Entra ID, Keycloak; locally devstack's stand-in): Authorization Code with PKCE, public client. */
    interface Oidc {
        /** The provider's authorization endpoint; without it the console says that sign-in is not configured. */
        Optional<String> authorizationEndpoint();

        Optional<String> tokenEndpoint();

        /** Where the provider ends a session; optional (the console forgets its token either way). */
        Optional<String> endSessionEndpoint();

        @WithDefault("tingvakt-console")
        String clientId();

        @WithDefault("openid profile")
        String scope();

        /** The claim that carries the roles (Keycloak and our tokens: groups; Entra ID app roles: roles). */
        @WithDefault("groups")
        String rolesClaim();
    }
}
