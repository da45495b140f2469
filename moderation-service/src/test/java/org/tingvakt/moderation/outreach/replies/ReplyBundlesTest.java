package org.tingvakt.moderation.outreach.replies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tingvakt.moderation.kernel.NoticeLanguage;

/** The starter canned replies exist in all five languages with the same keys, and the link placeholder is kept. */
class ReplyBundlesTest {

    @Test
    void everyLanguageHasTheSameKeysAndNoEmptyText() {
        Set<String> english = StarterReplies.bundle(NoticeLanguage.EN).keySet();
        assertThat(english).isNotEmpty();
        for (NoticeLanguage language : NoticeLanguage.values()) {
            var bundle = StarterReplies.bundle(language);
            assertThat(bundle.keySet()).as(language.code()).isEqualTo(english);
            bundle.keySet()
                    .forEach(k -> assertThat(bundle.getString(k))
                            .as(language.code() + " " + k)
                            .isNotBlank());
            assertThat(bundle.getString("reply.earlier-answer.text")).contains(StarterReplies.LINK);
            assertThat(StarterReplies.of(language)).hasSize(english.size() / 2);
        }
    }

    @Test
    void theBundlesAreReallyTranslated() {
        assertThat(StarterReplies.bundle(NoticeLanguage.DA).getString("reply.thanks.text"))
                .isNotEqualTo(StarterReplies.bundle(NoticeLanguage.NB).getString("reply.thanks.text"))
                .isNotEqualTo(StarterReplies.bundle(NoticeLanguage.EN).getString("reply.thanks.text"));
        assertThat(StarterReplies.bundle(NoticeLanguage.NB).getString("reply.thanks.text"))
                .isNotEqualTo(StarterReplies.bundle(NoticeLanguage.NN).getString("reply.thanks.text"));
    }
}
