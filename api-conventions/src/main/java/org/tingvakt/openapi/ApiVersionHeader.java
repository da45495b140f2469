package org.tingvakt.openapi;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Every answer under {@code /api/} names the API version that served it ({@code API-Version: 1.0.0}, the document's
 * {@code info.version}), so an integrator's logs show which contract a call was made against. The path carries the
 * major version by policy (no prefix is v1; v2 would be {@code /api/v2/…}, docs/api.md); the header carries the rest.
 */
@Provider
public class ApiVersionHeader implements ContainerResponseFilter {
    public static final String NAME = "API-Version";

    private final String version = ConfigProvider.getConfig()
            .getOptionalValue("quarkus.smallrye-openapi.info-version", String.class)
            .orElse("unversioned");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/api/") || path.startsWith("api/")) {
            response.getHeaders().putSingle(NAME, version);
        }
    }
}
