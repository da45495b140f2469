package org.tingvakt.archive.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DataDeletionPageTest {
    @Test
    void everyLanguageHasEveryTextAndEveryStatus() {
        Set<String> english = keys(DataDeletionPage.texts("en"));
        for (MetaDataDeletions.Status s : MetaDataDeletions.Status.values()) {
            assertThat(english).contains("status." + s.name());
        }
        for (String language : DataDeletionPage.LANGUAGES) {
            ResourceBundle texts = DataDeletionPage.texts(language);
            assertThat(keys(texts)).as(language).isEqualTo(english);
            assertThat(texts.getLocale().getLanguage()).as(language).isEqualTo(language);
            for (String key : english) {
                assertThat(texts.getString(key)).as(language + " " + key).isNotBlank();
            }
        }
    }

    @Test
    void theLanguageIsTheAskedOneOrTheBrowsersOrEnglish() {
        assertThat(DataDeletionPage.language("nn", "da")).isEqualTo("nn");
        assertThat(DataDeletionPage.language("fi", "da-DK,da;q=0.9")).isEqualTo("da");
        assertThat(DataDeletionPage.language(null, "no-NO")).isEqualTo("nb");
        assertThat(DataDeletionPage.language(null, "fr, sv;q=0.5")).isEqualTo("sv");
        assertThat(DataDeletionPage.language(null, "fr")).isEqualTo("en");
        assertThat(DataDeletionPage.language(null, ";;;=")).isEqualTo("en");
        assertThat(DataDeletionPage.language(null, null)).isEqualTo("en");
    }

    @Test
    void thePageShowsTheCodeAndStatusAndLinksTheOtherLanguages() {
        String page =
                DataDeletionPage.render("da", "ABCDEFGHJKLMNPQRSTUV", MetaDataDeletions.Status.COMPLETED_SOME_KEPT);
        assertThat(page)
                .contains("lang=\"da\"", "ABCDEFGHJKLMNPQRSTUV", "journalisering")
                .contains("?lang=sv", "?lang=nb", "?lang=nn", "?lang=en")
                .doesNotContain("?lang=da", "<script");
    }

    private static Set<String> keys(ResourceBundle bundle) {
        return new TreeSet<>(Collections.list(bundle.getKeys()));
    }
}
