package org.tingvakt.notifier.notification.rest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tingvakt.notifier.notification.NotificationPlanner;
import org.tingvakt.notifier.notification.NotificationRecipientEntity;
import org.tingvakt.notifier.notification.NotificationSetting;
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

    public NotificationSettingsResource(WebhookTargets targets) {
        this.targets = targets;
    }

    /** The settings of one account, as read and written. */
    public record Settings(
            @Pattern(regexp = "da|sv|nb|nn|en", message = "language must be da, sv, nb, nn or en") String language,
            @Size(max = 10, message = "at most 10 reminders") List<@NotBlank String> reminders,
            String ownerEscalationAfter,
            Boolean digest,
            String teamsWebhookUrl,
            String slackWebhookUrl,
            @NotNull(message = "recipients is required (may be empty)") @Size(max = 200) List<@Valid Recipient> recipients) {
    }

    /** A person to e-mail: MODERATOR (reminders), EDITOR (escalation at the deadline), OWNER (later escalation). */
    public record Recipient(@NotBlank @Email(message = "not an e-mail address") @Size(max = 254) String email,
                            @NotNull RecipientRole role) {
    }

    @GET
    @Operation(summary = "An account's notification settings")
    public Settings get(@PathParam("accountId") String accountId) {
        NotificationSetting s = NotificationSetting.findById(accountId);
        if (s == null) {
            throw ProblemException.notFound("No notification settings for account " + accountId);
        }
        return view(s);
    }

    @PUT
    @Transactional
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
        String ownerAfter = body.ownerEscalationAfter() == null ? "PT4H" : body.ownerEscalationAfter().strip();
        try {
            Duration d = Duration.parse(ownerAfter);
            if (d.isNegative() || d.compareTo(Duration.ofDays(30)) > 0) {
                throw ProblemException.badRequest("ownerEscalationAfter must be from PT0S to P30D");
            }
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("ownerEscalationAfter must be an ISO-8601 duration such as PT4H");
        }
        NotificationSetting s = NotificationSetting.findById(accountId);
        if (s == null) {
            s = new NotificationSetting();
            s.accountId = accountId;
        }
        s.language = body.language() == null ? "en" : NotificationTexts.language(body.language());
        s.reminders = String.join(",", reminders.stream().map(String::strip).toList());
        s.ownerEscalationAfter = ownerAfter;
        s.digest = Boolean.TRUE.equals(body.digest());
        s.teamsWebhookUrl = webhook("teamsWebhookUrl", body.teamsWebhookUrl());
        s.slackWebhookUrl = webhook("slackWebhookUrl", body.slackWebhookUrl());
        s.updatedAt = Instant.now();
        s.persist();
        NotificationRecipientEntity.delete("accountId", accountId);
        NotificationRecipientEntity.flush();
        for (Recipient r : body.recipients().stream().distinct().toList()) {
            NotificationRecipientEntity e = new NotificationRecipientEntity();
            e.id = UUID.randomUUID();
            e.accountId = accountId;
            e.email = r.email().strip().toLowerCase(Locale.ROOT);
            e.role = r.role();
            e.persist();
        }
        NotificationRecipientEntity.flush();
        return view(s);
    }

    @DELETE
    @Transactional
    @Operation(summary = "Remove an account's notification settings (it falls back to the defaults: no e-mail, no webhooks)")
    public void delete(@PathParam("accountId") String accountId) {
        NotificationRecipientEntity.delete("accountId", accountId);
        if (!NotificationSetting.deleteById(accountId)) {
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

    private static Settings view(NotificationSetting s) {
        List<Recipient> recipients = NotificationRecipientEntity.<NotificationRecipientEntity>list("accountId", s.accountId)
                .stream().map(r -> new Recipient(r.email, r.role)).sorted(
                        java.util.Comparator.comparing(Recipient::role).thenComparing(Recipient::email)).toList();
        List<String> reminders = s.reminders.isBlank() ? List.of() : List.of(s.reminders.split(","));
        return new Settings(s.language, reminders, s.ownerEscalationAfter, s.digest, s.teamsWebhookUrl, s.slackWebhookUrl,
                recipients);
    }
}
