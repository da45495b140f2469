package org.tingvakt.notifier.notification.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.notifier.notification.AccountNotifications;
import org.tingvakt.notifier.notification.NotificationPlanner;
import org.tingvakt.notifier.notification.NotificationSettings;
import org.tingvakt.notifier.notification.NotificationTexts;
import org.tingvakt.notifier.notification.RecipientRole;
import org.tingvakt.notifier.notification.channel.WebhookTargets;
import org.tingvakt.problem.ProblemException;
import org.tingvakt.security.Roles;

/**
 * An account's notification settings — recipients by role, reminders, owner escalation, digest, chat webhooks — kept by
 * the notifier itself (the account register is the moderation service's, and services do not read each other's
 * tables). Admins only: the settings contain e-mail addresses and webhook URLs. Changes apply to deadlines opened
 * afterwards; the channels and recipients apply to everything sent afterwards.
 */
@Path("/api/accounts/{accountId}/notification-settings")
@Tag(name = "Notification settings")
@RolesAllowed(Roles.ADMIN)
public class NotificationSettingsResource {
    private final WebhookTargets targets;
    private final NotificationSettings settings;

    public NotificationSettingsResource(WebhookTargets targets, NotificationSettings settings) {
        this.targets = targets;
        this.settings = settings;
    }

    /** The settings of one account, as read and written. */
    public record Settings(
            @Pattern(regexp = "da|sv|nb|nn|en", message = "language must be da, sv, nb, nn or en")
            String language,

            @Size(max = 10, message = "at most 10 reminders")
            List<@NotBlank String> reminders,

            String ownerEscalationAfter,
            Boolean digest,
            String teamsWebhookUrl,
            String slackWebhookUrl,

            @NotNull(message = "recipients is required (may be empty)") @Size(max = 200)
            List<@Valid Recipient> recipients) {}

    /** A person to e-mail: MODERATOR (reminders), EDITOR (escalation at the deadline), OWNER (later escalation). */
    public record Recipient(
            @NotBlank @Email(message = "not an e-mail address") @Size(max = 254)
            String email,

            @NotNull RecipientRole role) {}

    @GET
    @Operation(summary = "An account's notification settings")
    public Settings get(@PathParam("accountId") String accountId) {
        return settings.find(accountId)
                .map(NotificationSettingsResource::view)
                .orElseThrow(() -> ProblemException.notFound("No notification settings for account " + accountId));
    }

    @PUT
    @Operation(summary = "Create or replace an account's notification settings")
    public Settings put(@PathParam("accountId") String accountId, @Valid @NotNull Settings body) {
        if (accountId == null || accountId.isBlank() || accountId.length() > 200) {
            throw ProblemException.badRequest("accountId must be 1 to 200 characters");
        }
        List<String> reminders = body.reminders() == null ? List.of("50%", "PT2H") : body.reminders();
        try {
            NotificationPlanner.reminderSpecs(String.join(",", reminders));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("reminders: " + e.getMessage());
        }
        String ownerAfter = body.ownerEscalationAfter() == null
                ? "PT4H"
                : body.ownerEscalationAfter().strip();
        try {
            Duration d = Duration.parse(ownerAfter);
            if (d.isNegative() || d.compareTo(Duration.ofDays(30)) > 0) {
                throw ProblemException.badRequest("ownerEscalationAfter must be from PT0S to P30D");
            }
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("ownerEscalationAfter must be an ISO-8601 duration such as PT4H");
        }
        String language = body.language() == null ? "en" : NotificationTexts.language(body.language());
        List<AccountNotifications.Recipient> recipients = body.recipients().stream()
                .map(r -> new AccountNotifications.Recipient(r.email(), r.role()))
                .toList();
        return view(settings.replace(
                accountId,
                new NotificationSettings.Changes(
                        language,
                        reminders,
                        ownerAfter,
                        Boolean.TRUE.equals(body.digest()),
                        webhook("teamsWebhookUrl", body.teamsWebhookUrl()),
                        webhook("slackWebhookUrl", body.slackWebhookUrl()),
                        recipients)));
    }

    @DELETE
    @Operation(
            summary =
                    "Remove an account's notification settings (it falls back to the defaults: no e-mail, no webhooks)")
    public void delete(@PathParam("accountId") String accountId) {
        if (!settings.remove(accountId)) {
            throw ProblemException.notFound("No notification settings for account " + accountId);
        }
    }

    private String webhook(String name, String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        URI u;
        try {
            u = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name + " must be an absolute https URL");
        }
        targets.refusal(u).ifPresent(why -> {
            throw ProblemException.badRequest(name + " " + why);
        });
        return u.toString();
    }

    private static Settings view(NotificationSettings.Stored stored) {
        var s = stored.setting();
        List<Recipient> recipients = stored.recipients().stream()
                .map(r -> new Recipient(r.email(), r.role()))
                .toList();
        List<String> reminders = s.reminders.isBlank() ? List.of() : List.of(s.reminders.split(","));
        return new Settings(
                s.language,
                reminders,
                s.ownerEscalationAfter,
                s.digest,
                s.teamsWebhookUrl,
                s.slackWebhookUrl,
                recipients);
    }
}
