package org.tingvakt.archive.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.tingvakt.archive.render.AccessPackageView.Field;
import org.tingvakt.archive.render.AccessPackageView.Item;
import org.tingvakt.archive.render.AccessPackageView.Section;

/** An access package shows codes and yes/no in the requester's language, and the person's own values as held. */
class AccessPackageRendererTest {
    private static final AccessPackageRenderer RENDERER = new AccessPackageRenderer(new EvidenceRenderer());

    private static String xhtml(String language) {
        return RENDERER.xhtml(new AccessPackageView(
                EvidenceView.RecordLanguage.ofTag(language),
                Instant.parse("2026-12-07T10:00:00Z"),
                "1234567890",
                List.of("archive-service"),
                List.of(
                        new Section(
                                "section.records",
                                List.of(new Item(List.of(
                                        new Field("registrationState", "REGISTERED"),
                                        new Field("legalHold", "true"),
                                        new Field("text", "REGISTERED true"))))),
                        new Section(
                                "section.cases",
                                List.of(new Item(List.of(
                                        new Field("state", "PENDING_REVIEW"),
                                        new Field("registrationState", "SOMETHING_NEW"))))))));
    }

    @Test
    void registrationStatesStatesAndBooleansAreWordsInThePackagesLanguage() {
        assertThat(xhtml("sv"))
                .contains(">Diarieförd<", ">Ja<", ">Väntar på moderator<")
                .doesNotContain(">REGISTERED<", ">true<", ">PENDING_REVIEW<");
        assertThat(xhtml("nn")).contains(">Journalført<", ">Ja<", ">Ventar på moderator<");
        assertThat(xhtml("en")).contains(">Registered in the public records<", ">Yes<");
        // The person's text is theirs, word for word; a code without a translation is shown as held.
        assertThat(xhtml("da")).contains(">REGISTERED true<", ">SOMETHING_NEW<");
    }

    @Test
    void theFiveAccessBundlesHaveTheSameKeys() throws IOException {
        Properties english = load("en");
        assertThat(english.keySet()).contains("value.legalHold.false", "value.registrationState.PENDING");
        for (String language : List.of("da", "sv", "nb", "nn")) {
            assertThat(load(language).keySet()).as(language).isEqualTo(english.keySet());
        }
    }

    private static Properties load(String language) throws IOException {
        Properties p = new Properties();
        try (InputStream in =
                AccessPackageRendererTest.class.getResourceAsStream("/i18n/access_" + language + ".properties")) {
            assertThat(in).as(language).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
