package org.tingvakt.moderation.account;

import java.util.Objects;
import java.util.Optional;

/**
 * A secure way to reach the account's organisation, configured per account and listed in the standard DM reply.
 *
 * @param address what to write to or where: an e-mail address, a phone number, a link to the digital mailbox entry
 *                (e.g. the organisation's page on borger.dk); empty when the channel's name says enough
 */
public record SecureChannel(SecureChannelType type, Optional<String> address) {

    public SecureChannel {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(address, "address");
        address = address.map(String::strip).filter(a -> !a.isEmpty());
        if (address.isEmpty()
                && (type == SecureChannelType.EMAIL
                        || type == SecureChannelType.PHONE
                        || type == SecureChannelType.WEB_FORM)) {
            throw new IllegalArgumentException(type + " needs an address");
        }
        if (address.isPresent() && address.get().contains("\n")) {
            throw new IllegalArgumentException("an address is one line");
        }
    }

    public static SecureChannel of(SecureChannelType type, String address) {
        return new SecureChannel(type, Optional.ofNullable(address));
    }

    public static SecureChannel of(SecureChannelType type) {
        return new SecureChannel(type, Optional.empty());
    }
}
