package org.tingvakt.moderation.outreach;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tingvakt.moderation.kernel.NoticeLanguage;

/** Writes the reply that refers a political question to the political committee responsible for it. */
public final class PoliticalReferralComposer {

    private final NoticeTexts texts;

    public PoliticalReferralComposer(NoticeTexts texts) {
        this.texts = Objects.requireNonNull(texts, "texts");
    }

    /**
     * @param committee the committee's name as it should read in the sentence, e.g. "Teknik- og Miljøudvalget"
     * @param forwarded whether the question has actually been passed on to the committee ("we have passed it on"); when
     *                  false the reply only says whose question it is
     * @param contact where to reach the committee, added as a last sentence when present
     */
    public String compose(NoticeLanguage language, String committee, boolean forwarded, Optional<URI> contact) {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(contact, "contact");
        if (committee == null || committee.isBlank()) {
            throw new IllegalArgumentException("a referral names the committee");
        }
        String text = texts.format(
                language,
                forwarded ? "political.referral.forwarded" : "political.referral.responsible",
                Map.of("committee", committee.strip()));
        return contact.map(url -> text + " "
                        + texts.format(language, "political.referral.contact", Map.of("contact", url.toString())))
                .orElse(text);
    }
}
