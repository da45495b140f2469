package org.tingvakt.moderation.outreach;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.tingvakt.contracts.Platform;

/**
 * The standard DM reply goes to a sender at most once per calendar day in the account's time zone. Pure logic; the caller
 * stores {@link DirectMessageReplyState} per {@link #senderKey sender key}.
 */
public final class DirectMessageThrottle {

    private final Clock clock;

    public DirectMessageThrottle(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether the sender may get the standard reply now, given when they last got it. */
    public boolean mayReply(Optional<Instant> lastReplyAt, ZoneId accountZone) {
        Objects.requireNonNull(accountZone, "accountZone");
        if (lastReplyAt.isEmpty()) {
            return true;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), accountZone);
        return LocalDate.ofInstant(lastReplyAt.get(), accountZone).isBefore(today);
    }

    /** The state to store after a reply went out now. */
    public DirectMessageReplyState replied(String senderKey) {
        return new DirectMessageReplyState(senderKey, clock.instant());
    }

    /** The first instant at which a sender who got a reply at {@code lastReplyAt} may get the next: the next midnight. */
    public static Instant nextAllowedAt(Instant lastReplyAt, ZoneId accountZone) {
        return LocalDate.ofInstant(lastReplyAt, accountZone)
                .plusDays(1)
                .atStartOfDay(accountZone)
                .toInstant();
    }

    /**
     * A stable key for a sender on an account that does not hold their page-scoped id: SHA-256 of platform, account and
     * sender id, in hex. The throttle table then holds no identifier that leads back to a person by itself.
     */
    public static String senderKey(Platform platform, String accountId, String senderId) {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(senderId, "senderId");
        String material = platform.name().toLowerCase(Locale.ROOT) + "\n" + accountId + "\n" + senderId;
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(material.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
