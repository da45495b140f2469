package org.tingvakt.moderation.outreach;

import java.util.Objects;
import org.tingvakt.moderation.kernel.NoticeLanguage;

/** Writes the reply that acknowledges a complaint received on the page (a complaint is always registered). */
public final class ComplaintAcknowledgementComposer {

    private final NoticeTexts texts;

    public ComplaintAcknowledgementComposer(NoticeTexts texts) {
        this.texts = Objects.requireNonNull(texts, "texts");
    }

    public String compose(NoticeLanguage language) {
        return texts.text(Objects.requireNonNull(language, "language"), "complaint.acknowledgement");
    }

    /**
     * The acknowledgement once the archive has registered the complaint: with its number where the account publishes
     * it, else saying only that it is registered.
     */
    public String composeRegistered(NoticeLanguage language, java.util.Optional<String> number) {
        Objects.requireNonNull(language, "language");
        return number.filter(n -> !n.isBlank())
                .map(n ->
                        texts.format(language, "complaint.acknowledgement.registeredAs", java.util.Map.of("number", n)))
                .orElseGet(() -> texts.text(language, "complaint.acknowledgement.registered"));
    }
}
