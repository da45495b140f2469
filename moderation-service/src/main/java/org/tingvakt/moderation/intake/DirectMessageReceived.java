package org.tingvakt.moderation.intake;

import org.tingvakt.contracts.Platform;
import org.tingvakt.moderation.account.Account;

/**
 * A direct message with a known sender was stored. Fired synchronously inside the webhook's transaction, so the standard
 * reply it may queue commits with the message.
 */
public record DirectMessageReceived(Account account, Platform platform, String senderId) {}
