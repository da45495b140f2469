package org.tingvakt.moderation.intake.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tingvakt.signatures.TimestampedSignature;

/**
 * The generic webhook's secret of each account: {@code tingvakt.generic-webhook.account-secret.<account id>}, from the
 * environment as {@code TINGVAKT_GENERIC_WEBHOOK_ACCOUNT_SECRET_<ACCOUNT ID>} (upper case, every character but letters and
 * digits as {@code _}; MicroProfile Config's environment mapping). One account's secret signs nothing for another.
 *
 * <p>The shared {@code tingvakt.generic-webhook.secret} is used only for an account without its own and only when
 * {@code tingvakt.generic-webhook.shared-secret-allowed} is true, as it is in the dev and test profiles so that a local
 * run needs no set-up. In production it is false: an account without its own secret cannot deliver.
 */
@ApplicationScoped
public class GenericWebhookSecrets {
    static final String ACCOUNT_SECRET = "tingvakt.generic-webhook.account-secret.";
    /** An account id that can be a config key (and is not a way to read other properties). */
    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    private final Config config;
    private final Optional<String> shared;
    private final boolean sharedAllowed;
    private final Duration window;
    private final Map<String, TimestampedSignature> byAccount = new ConcurrentHashMap<>();

    public GenericWebhookSecrets(
            Config config,
            @ConfigProperty(name = "tingvakt.generic-webhook.secret") Optional<String> shared,
            @ConfigProperty(name = "tingvakt.generic-webhook.shared-secret-allowed", defaultValue = "false")
                    boolean sharedAllowed,
            @ConfigProperty(name = "tingvakt.generic-webhook.replay-window") Duration window) {
        this.config = config;
        this.shared = shared.filter(s -> !s.isBlank());
        this.sharedAllowed = sharedAllowed;
        this.window = window;
    }

    public Duration window() {
        return window;
    }

    /** The signature this account's requests must carry, or empty if the account has no secret here. */
    public Optional<TimestampedSignature> of(String accountId) {
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            return Optional.empty();
        }
        TimestampedSignature known = byAccount.get(accountId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> secret = config.getOptionalValue(ACCOUNT_SECRET + accountId, String.class)
                .filter(s -> !s.isBlank())
                .or(() -> sharedAllowed ? shared : Optional.empty());
        // Only accounts with a secret are remembered, so unsigned callers cannot grow the map.
        return secret.map(s -> byAccount.computeIfAbsent(accountId, a -> new TimestampedSignature(s, window)));
    }
}
