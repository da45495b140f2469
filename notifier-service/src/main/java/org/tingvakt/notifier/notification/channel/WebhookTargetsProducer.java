package org.tingvakt.notifier.notification.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The webhook target policy from configuration (see {@link WebhookTargets}). */
@ApplicationScoped
public class WebhookTargetsProducer {

    @Produces
    @ApplicationScoped
    WebhookTargets webhookTargets(
            @ConfigProperty(name = "tingvakt.notifier.webhooks.allow-private-targets", defaultValue = "false")
                    boolean allowPrivate,
            @ConfigProperty(name = "tingvakt.notifier.webhooks.allowed-hosts") Optional<List<String>> allowedHosts) {
        return new WebhookTargets(allowPrivate, allowedHosts.orElse(List.of()));
    }
}
