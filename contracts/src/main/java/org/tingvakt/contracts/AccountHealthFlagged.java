package org.tingvakt.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A connected account needs an admin: the daily check of its page token and webhook subscription found something new
 * wrong. Carries no token and no personal data.
 *
 * @param threadKey the Kafka key: {@code account:<PLATFORM>:<id>}, so an account's flags stay in order ({@link #of})
 * @param accountId the account's platform id (page or Instagram account id)
 * @param flags what is wrong: TOKEN_INVALID, TOKEN_EXPIRING, PERMISSION_MISSING, SUBSCRIPTION_LOST, TOKEN_UNREADABLE
 * @param missingPermissions the permissions Tingvakt needs that the token lacks (empty unless PERMISSION_MISSING)
 * @param tokenExpiresAt when the token expires, or null (never, or unknown)
 */
public record AccountHealthFlagged(
        String threadKey,
        String accountId,
        Platform platform,
        String accountName,
        List<String> flags,
        List<String> missingPermissions,
        Instant tokenExpiresAt,
        Instant checkedAt)
        implements Event {
    public static AccountHealthFlagged of(
            String accountId,
            Platform platform,
            String accountName,
            List<String> flags,
            List<String> missingPermissions,
            Instant tokenExpiresAt,
            Instant checkedAt) {
        return new AccountHealthFlagged(
                "account:" + platform + ":" + accountId,
                accountId,
                platform,
                accountName,
                flags,
                missingPermissions,
                tokenExpiresAt,
                checkedAt);
    }
}
