package org.tingvakt.moderation.account.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.PolicyAction;
import org.tingvakt.moderation.account.Account;
import org.tingvakt.moderation.account.AccountService;
import org.tingvakt.moderation.account.ReplySignature;
import org.tingvakt.security.Roles;

/** The account register: admins keep it; editors and moderators read it. */
@Path("/api/accounts")
@Tag(name = "Accounts")
public class AccountResource {
    private final AccountService accounts;
    private final JsonWebToken caller;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public AccountResource(
            AccountService accounts, JsonWebToken caller, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.accounts = accounts;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.EDITOR, Roles.MODERATOR})
    @Operation(summary = "All accounts with their settings, policy and flags")
    public List<AccountView> list() {
        return accounts.flags(false).stream().map(AccountView::of).toList();
    }

    @GET
    @Path("/flags")
    @RolesAllowed({Roles.ADMIN, Roles.EDITOR})
    @Operation(
            summary = "Accounts that need attention: fewer than two editors, or no comment for the inactivity period")
    public List<AccountView> flagged() {
        return accounts.flags(true).stream().map(AccountView::of).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.EDITOR, Roles.MODERATOR})
    @Operation(summary = "One account")
    public AccountView get(@PathParam("id") UUID id) {
        return accounts.flags(false).stream()
                .filter(f -> f.account().id.equals(id))
                .findFirst()
                .map(AccountView::of)
                .orElseThrow(() -> org.tingvakt.problem.ProblemException.notFound("no account " + id));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Register an account (page or Instagram account); it starts with the default policy and the "
                    + "starter canned replies of its language")
    public Response create(@Valid @NotNull AccountRequest r) {
        Account a = accounts.create(r.settings(), caller.getName());
        return Response.status(201).entity(get(a.id)).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change an account's settings and editors")
    public AccountView update(@PathParam("id") UUID id, @Valid @NotNull AccountRequest r) {
        accounts.update(id, r.settings(), caller.getName());
        return get(id);
    }

    @PUT
    @Path("/{id}/policy")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary =
                    "Set the account's policy: an action per label (ALLOW, REVIEW, HIDE, HIDE_AND_ARCHIVE, "
                            + "DELETE_AFTER_ARCHIVE), the action for other labels, and whether automatic deletion is on (off by default)")
    public AccountView policy(@PathParam("id") UUID id, @Valid @NotNull PolicyRequest r) {
        accounts.setPolicy(
                id,
                new AccountService.PolicySettings(
                        r.perLabel(), r.unlisted(), Boolean.TRUE.equals(r.autoDeleteEnabled())),
                caller.getName());
        return get(id);
    }

    @PUT
    @Path("/{id}/dm-channels")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Set the secure channels the account's standard direct-message reply lists, per language "
                    + "(da, sv, nb, nn, en): {\"channels\": {\"da\": [{\"type\": \"PHONE\", \"address\": \"+45 33 66 33 66\"}]}}. "
                    + "A language left out uses the service-wide channels; an empty table clears them all")
    @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(
            content =
                    @org.eclipse.microprofile.openapi.annotations.media.Content(
                            schema =
                                    @org.eclipse.microprofile.openapi.annotations.media.Schema(
                                            implementation = DmChannelsRequest.class)))
    public AccountView dmChannels(@PathParam("id") UUID id, @NotNull com.fasterxml.jackson.databind.JsonNode body) {
        // Read with the application's ObjectMapper and a full generic type: the REST layer's generated deserializer
        // gave the nested Map<String, List<DmChannel>> untyped elements (ClassCastException → 500).
        Map<String, List<Account.DmChannel>> channels;
        try {
            DmChannelsRequest r = json.treeToValue(body, DmChannelsRequest.class);
            channels = r == null ? null : r.channels();
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw org.tingvakt.problem.ProblemException.badRequest("channels must be {\"channels\": {\"<language>\": "
                    + "[{\"type\": one of "
                    + java.util.Arrays.toString(org.tingvakt.moderation.account.SecureChannelType.values())
                    + ", \"address\": \"…\"}]}}");
        }
        accounts.setDmChannels(id, channels, caller.getName());
        return get(id);
    }

    /** An account's own DM-reply channels per language. */
    public record DmChannelsRequest(Map<String, List<Account.DmChannel>> channels) {}

    /** An account's settings. Office hours default to 08:00–16:00, the reply rule to WITHIN_24H_OR_NEXT_WORKDAY. */
    public record AccountRequest(
            @NotNull Platform platform,
            @NotNull String externalId,
            @NotNull String name,
            @NotNull String country,
            @NotNull String language,
            @NotNull String timeZone,
            LocalTime officeOpen,
            LocalTime officeClose,
            String replyRule,
            String rulesUrl,
            List<Account.Editor> editors,
            List<String> extraClosedDays,
            ReplySignature.Style signatureStyle,
            String signatureUnit) {
        AccountService.Settings settings() {
            return new AccountService.Settings(
                    platform,
                    externalId,
                    name,
                    country,
                    language,
                    timeZone,
                    officeOpen,
                    officeClose,
                    replyRule,
                    rulesUrl,
                    editors,
                    extraClosedDays,
                    signatureStyle,
                    signatureUnit);
        }
    }

    /** A policy table. */
    public record PolicyRequest(Map<String, PolicyAction> perLabel, PolicyAction unlisted, Boolean autoDeleteEnabled) {}

    /** An account as the API shows it. */
    public record AccountView(
            UUID id,
            Platform platform,
            String externalId,
            String name,
            String country,
            String language,
            String timeZone,
            LocalTime officeOpen,
            LocalTime officeClose,
            String replyRule,
            String rulesUrl,
            List<Account.Editor> editors,
            List<String> extraClosedDays,
            ReplySignature.Style signatureStyle,
            String signatureUnit,
            Map<String, PolicyAction> policy,
            PolicyAction policyUnlisted,
            boolean autoDeleteEnabled,
            Map<String, List<Account.DmChannel>> dmChannels,
            List<AccountService.Flag> flags,
            Instant lastActivity,
            Instant createdAt,
            Instant updatedAt) {
        static AccountView of(AccountService.Flagged f) {
            Account a = f.account();
            return new AccountView(
                    a.id,
                    a.platform,
                    a.externalId,
                    a.name,
                    a.country,
                    a.language,
                    a.timeZone,
                    a.officeOpen,
                    a.officeClose,
                    a.replyRule,
                    a.rulesUrl,
                    a.editors,
                    a.extraClosedDays,
                    a.signatureStyle,
                    a.signatureUnit,
                    a.policy,
                    a.policyUnlisted,
                    a.autoDeleteEnabled,
                    a.dmChannels == null ? Map.of() : a.dmChannels.table(),
                    f.flags(),
                    f.lastActivity(),
                    a.createdAt,
                    a.updatedAt);
        }
    }
}
