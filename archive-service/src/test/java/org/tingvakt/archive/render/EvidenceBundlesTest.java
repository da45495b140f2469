package org.tingvakt.archive.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every heading a record shows exists in Danish, Swedish, Bokmål, Nynorsk and English: the bundles' key sets agree. */
class EvidenceBundlesTest {

    @Test
    void theFiveBundlesHaveTheSameKeysAndNoEmptyValue() throws IOException {
        Set<Object> english = load("en").keySet();
        assertThat(english).isNotEmpty();
        for (String language : new String[] {"da", "sv", "nb", "nn"}) {
            Properties p = load(language);
            assertThat(p.keySet()).as(language).isEqualTo(english);
            p.forEach((k, v) ->
                    assertThat(v.toString().trim()).as(language + " " + k).isNotEmpty());
        }
    }

    private static Properties load(String language) throws IOException {
        Properties p = new Properties();
        try (InputStream in =
                EvidenceBundlesTest.class.getResourceAsStream("/i18n/evidence_" + language + ".properties")) {
            assertThat(in).as(language).isNotNull();
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }
}
