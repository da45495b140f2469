package org.tingvakt.moderation.account.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.moderation.account.RegistrationPolicies;
import org.tingvakt.moderation.account.RegistrationPolicy;
import org.tingvakt.security.Roles;

/** An account's registration policy: what is registered automatically, and whether acknowledgements name the number. */
@Path("/api/accounts/{id}/registration-policy")
@Tag(name = "Accounts")
public class RegistrationPolicyResource {
    private final RegistrationPolicies policies;
    private final JsonWebToken caller;

    public RegistrationPolicyResource(RegistrationPolicies policies, JsonWebToken caller) {
        this.policies = policies;
        this.caller = caller;
    }

    /** The policy as shown and set. */
    public record RegistrationPolicyView(List<String> register, boolean publishNumber) {
        static RegistrationPolicyView of(RegistrationPolicy p) {
            return new RegistrationPolicyView(p.register, p.publishNumber);
        }
    }

    /** {@code register}: label and intent names registered automatically (default COMPLAINT). */
    public record RegistrationPolicyRequest(
            @NotNull @Size(max = 50) List<String> register, boolean publishNumber) {}

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.EDITOR, Roles.MODERATOR})
    @Operation(summary = "The account's registration policy (the defaults when none was set)")
    public RegistrationPolicyView get(@PathParam("id") UUID id) {
        return RegistrationPolicyView.of(policies.get(id));
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Set which labels and intents are registered automatically while the comment stays on the "
                    + "page, and whether the complaint acknowledgement publishes the registration number")
    public RegistrationPolicyView put(@PathParam("id") UUID id, @Valid @NotNull RegistrationPolicyRequest body) {
        return RegistrationPolicyView.of(policies.set(id, body.register(), body.publishNumber(), caller.getName()));
    }
}
