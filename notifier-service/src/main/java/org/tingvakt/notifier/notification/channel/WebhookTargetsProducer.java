package org.tingvakt.notifier.notification.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import org.tingvakt.notifier.config.NotifierConfig;

/** The webhook target policy from configuration (see {@link WebhookTargets}). */
@ApplicationScoped
public class WebhookTargetsProducer {

    @Produces
    @ApplicationScoped
    WebhookTargets webhookTargets(NotifierConfig config) {
        return new WebhookTargets(
                config.webhooks().allowPrivateTargets(),
                config.webhooks().allowedHosts().orElse(List.of()));
    }
}
