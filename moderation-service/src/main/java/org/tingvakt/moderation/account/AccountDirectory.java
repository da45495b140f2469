package org.tingvakt.moderation.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tingvakt.contracts.Platform;

/**
 * The account for a platform id, as the hot paths (every webhook, every classified comment) need it, without a query
 * each time: a Caffeine cache of detached {@link Account} snapshots. They are read, never changed or merged.
 *
 * <p>{@link AccountService} empties the cache after every committed change, so a change made through this instance
 * applies to the next comment; a change made through another instance applies at the latest after
 * {@code tingvakt.accounts.cache-ttl} (default 5 s). Unknown ids are not cached (a new account is found at once).
 */
@ApplicationScoped
public class AccountDirectory {
    private final Cache<Key, Account> cache;
    private final TransactionSynchronizationRegistry transactions;

    public AccountDirectory(
            TransactionSynchronizationRegistry transactions,
            @ConfigProperty(name = "tingvakt.accounts.cache-ttl", defaultValue = "5s") Duration ttl) {
        this.transactions = transactions;
        this.cache =
                Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).build();
    }

    private record Key(Platform platform, String externalId) {}

    /** The account (a read-only snapshot, not attached to the caller's persistence context), if registered. */
    public Optional<Account> find(Platform platform, String externalId) {
        Key key = new Key(platform, externalId);
        Account cached = cache.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Account> loaded = Account.findByPlatformId(platform, externalId);
        loaded.ifPresent(a -> {
            Account.getEntityManager().detach(a);
            cache.put(key, a);
        });
        return loaded;
    }

    /** Empties the cache now and again when the caller's transaction ends (so no reader caches the old state). */
    public void invalidate() {
        cache.invalidateAll();
        if (transactions.getTransactionKey() != null) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    cache.invalidateAll();
                }
            });
        }
    }
}
