package org.tingvakt.moderation.actions.connector;

import java.util.Objects;
import org.tingvakt.contracts.Platform;

/**
 * Someone who wrote a direct message to a page. Holds a person's page-scoped id: never log it.
 *
 * @param pageId the Facebook page id that receives the messages (for Instagram: the page linked to the IG account)
 * @param recipientId the page-scoped id of the person (PSID, or IGSID on Instagram)
 */
public record MessageRecipient(Platform platform, String accountId, String pageId, String recipientId) {

    public MessageRecipient {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(pageId, "pageId");
        Objects.requireNonNull(recipientId, "recipientId");
    }

    @Override
    public String toString() {
        return "MessageRecipient[platform=" + platform + ", accountId=" + accountId + ", pageId=" + pageId
                + ", recipientId=<redacted>]";
    }
}
