package org.tingvakt.moderation.account;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalTime;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tingvakt.contracts.Platform;

/** In a local run (and the tests) a demo Facebook page exists, so a sample webhook has somewhere to go. */
@ApplicationScoped
public class DemoAccount {
    public static final String PAGE_ID = "100000000000001";

    private final boolean enabled;

    public DemoAccount(@ConfigProperty(name = "tingvakt.demo-account.enabled") boolean enabled) {
        this.enabled = enabled;
    }

    @Transactional
    void create(@Observes StartupEvent startup) {
        if (!enabled || Account.findByPlatformId(Platform.FACEBOOK, PAGE_ID).isPresent()) {
            return;
        }
        Account a = new Account();
        a.id = UUID.randomUUID();
        a.platform = Platform.FACEBOOK;
        a.externalId = PAGE_ID;
        a.name = "Demo Kommune";
        a.country = "DK";
        a.language = "da";
        a.timeZone = "Europe/Copenhagen";
        a.officeOpen = LocalTime.of(8, 0);
        a.officeClose = LocalTime.of(16, 0);
        a.replyRule = "WITHIN_24H_OR_NEXT_WORKDAY";
        a.rulesUrl = "https://demo.example/regler-for-kommentarer";
        a.createdAt = Instant.now();
        a.persist();
    }
}
