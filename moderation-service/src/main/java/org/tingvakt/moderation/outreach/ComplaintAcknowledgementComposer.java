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
}
