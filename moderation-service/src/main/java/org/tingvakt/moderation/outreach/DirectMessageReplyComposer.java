package org.tingvakt.moderation.outreach;

import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import org.tingvakt.moderation.account.SecureChannel;
import org.tingvakt.moderation.kernel.NoticeLanguage;

/**
 * Writes the standard reply to a direct message: the message channel is not secure, so here are the account's secure
 * channels. The same text for everyone; it quotes nothing from the message.
 */
public final class DirectMessageReplyComposer {

    private final NoticeTexts texts;

    public DirectMessageReplyComposer(NoticeTexts texts) {
        this.texts = Objects.requireNonNull(texts, "texts");
    }

    /**
     * @param channels the account's secure channels, in the order to list them; at least one
     */
    public String compose(NoticeLanguage language, List<SecureChannel> channels) {
        Objects.requireNonNull(language, "language");
        if (channels == null || channels.isEmpty()) {
            throw new IllegalArgumentException("an account needs at least one secure channel for its DM reply");
        }
        StringJoiner text = new StringJoiner("\n");
        text.add(texts.text(language, "dm.reply.intro"));
        text.add(texts.text(language, channels.size() == 1 ? "dm.reply.channels.one" : "dm.reply.channels.other"));
        for (SecureChannel channel : channels) {
            String name = texts.text(language, "dm.channel." + channel.type().name());
            text.add("• "
                    + channel.address().map(address -> name + ": " + address).orElse(name));
        }
        text.add(texts.text(language, "dm.reply.automatic"));
        return text.toString();
    }
}
