package org.tingvakt.moderation.account.connection;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tingvakt.contracts.AccountHealthFlagged;
import org.tingvakt.contracts.Platform;
import org.tingvakt.eventing.Outbox;
import org.tingvakt.moderation.account.Account;

/**
 * The daily check of every connected account: {@code debug_token} (valid, {@code expires_at}, {@code scopes}) and the
 * page's webhook subscription ({@code GET /{page-id}/subscribed_apps}). What it finds is stored on the connection (the
 * accounts API and the console show it); a flag that is new since the last notification is published as
 * {@link AccountHealthFlagged}, and the notifier tells the account's admins through its channels. A flag that clears
 * and comes back is told again. A check Meta could not answer ({@link HealthFlag#CHECK_FAILED}) is shown, not told.
 */
@ApplicationScoped
public class ConnectionHealth {
    private static final Logger LOG = Logger.getLogger(ConnectionHealth.class);

    /** What Tingvakt needs per platform: read comments, moderate them, keep the webhook subscription. */
    static final Map<Platform, List<String>> REQUIRED = Map.of(
            Platform.FACEBOOK,
            List.of("pages_read_engagement", "pages_manage_engagement", "pages_manage_metadata"),
            Platform.INSTAGRAM,
            List.of("instagram_basic", "instagram_manage_comments", "pages_read_engagement", "pages_manage_metadata"));

    private final AccountGraph graph;
    private final TokenKeys keys;
    private final Outbox outbox;
    private final Duration expiryWarning;
    private final Clock clock = Clock.systemUTC();

    public ConnectionHealth(
            AccountGraph graph,
            TokenKeys keys,
            Outbox outbox,
            @ConfigProperty(name = "tingvakt.connections.expiry-warning", defaultValue = "14d")
                    Duration expiryWarning) {
        this.graph = graph;
        this.keys = keys;
        this.outbox = outbox;
        this.expiryWarning = expiryWarning;
    }

    /** What one check found. */
    record Finding(Set<HealthFlag> flags, Optional<Instant> expiresAt, List<String> scopes, List<String> missing) {}

    @Scheduled(
            cron = "{tingvakt.connections.health-cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            identity = "connection-health")
    void daily() {
        checkAll();
    }

    /** Checks every connected account; returns how many were checked. */
    public int checkAll() {
        List<UUID> ids = QuarkusTransaction.requiringNew()
                .call(() -> PageConnection.<PageConnection>listAll().stream()
                        .map(c -> c.accountId)
                        .toList());
        int checked = 0;
        for (UUID id : ids) {
            try {
                check(id);
                checked++;
            } catch (RuntimeException e) {
                LOG.warnf(
                        "health check of account %s failed: %s",
                        id, e.getClass().getSimpleName());
            }
        }
        return checked;
    }

    /** Checks one connection (Meta outside any transaction), then stores the finding and tells what is new. */
    void check(UUID accountId) {
        Optional<PageConnection> loaded = QuarkusTransaction.requiringNew()
                .call(() -> PageConnection.<PageConnection>findByIdOptional(accountId));
        if (loaded.isEmpty()) {
            return; // disconnected meanwhile
        }
        PageConnection conn = loaded.get();
        Finding f = inspect(conn);
        QuarkusTransaction.requiringNew().run(() -> {
            PageConnection c = PageConnection.findById(accountId);
            if (c == null) {
                return;
            }
            Instant now = clock.instant();
            c.checkedAt = now;
            c.tokenExpiresAt = f.expiresAt().orElse(null);
            c.scopes = String.join(",", f.scopes());
            c.healthFlags = String.join(",", f.flags().stream().map(Enum::name).toList());
            Set<HealthFlag> told = EnumSet.noneOf(HealthFlag.class);
            PageConnection.split(c.notifiedFlags).forEach(n -> told.add(HealthFlag.valueOf(n)));
            told.retainAll(f.flags()); // a flag that cleared is told again when it returns
            Set<HealthFlag> fresh = EnumSet.noneOf(HealthFlag.class);
            fresh.addAll(f.flags());
            fresh.remove(HealthFlag.CHECK_FAILED);
            fresh.removeAll(told);
            if (!fresh.isEmpty()) {
                Set<HealthFlag> tell = EnumSet.copyOf(f.flags());
                tell.remove(HealthFlag.CHECK_FAILED);
                String name = Account.<Account>findByIdOptional(accountId)
                        .map(a -> a.name)
                        .orElse(c.externalId);
                outbox.publish(AccountHealthFlagged.of(
                        c.externalId,
                        c.platform,
                        name,
                        tell.stream().map(Enum::name).toList(),
                        f.missing(),
                        c.tokenExpiresAt,
                        now));
                told.addAll(tell);
                LOG.warnf("connected account %s:%s needs an admin: %s", c.platform, c.externalId, tell);
            }
            c.notifiedFlags = String.join(",", told.stream().map(Enum::name).toList());
        });
    }

    Finding inspect(PageConnection conn) {
        Set<HealthFlag> flags = EnumSet.noneOf(HealthFlag.class);
        Optional<String> token = keys.ring().flatMap(r -> r.open(conn.sealedToken, conn.sealedFor()));
        if (token.isEmpty()) {
            return new Finding(EnumSet.of(HealthFlag.TOKEN_UNREADABLE), Optional.empty(), List.of(), List.of());
        }
        AccountGraph.TokenInfo info;
        try {
            info = graph.debugToken(token.get());
        } catch (AccountGraph.Refused r) {
            flags.add(r.category().equals("AUTH") ? HealthFlag.TOKEN_INVALID : HealthFlag.CHECK_FAILED);
            return new Finding(
                    flags, Optional.ofNullable(conn.tokenExpiresAt), PageConnection.split(conn.scopes), List.of());
        }
        Instant now = clock.instant();
        if (!info.valid() || info.expiresAt().filter(t -> !t.isAfter(now)).isPresent()) {
            flags.add(HealthFlag.TOKEN_INVALID);
        } else if (info.expiresAt()
                .filter(t -> t.isBefore(now.plus(expiryWarning)))
                .isPresent()) {
            flags.add(HealthFlag.TOKEN_EXPIRING);
        }
        List<String> missing = new ArrayList<>(REQUIRED.getOrDefault(conn.platform, List.of()));
        missing.removeAll(info.scopes());
        if (info.valid() && !missing.isEmpty()) {
            flags.add(HealthFlag.PERMISSION_MISSING);
        }
        if (info.valid()) {
            try {
                List<String> fields = graph.subscribedFields(conn.pageId, token.get());
                if (fields.isEmpty() || !fields.containsAll(PageConnection.split(conn.subscribedFields))) {
                    flags.add(HealthFlag.SUBSCRIPTION_LOST);
                }
            } catch (AccountGraph.Refused r) {
                flags.add(
                        switch (r.category()) {
                            case "AUTH" -> HealthFlag.TOKEN_INVALID;
                            case "PERMISSION" -> HealthFlag.PERMISSION_MISSING;
                            default -> HealthFlag.CHECK_FAILED;
                        });
            }
        }
        return new Finding(flags, info.expiresAt(), info.scopes(), info.valid() ? List.copyOf(missing) : List.of());
    }
}
