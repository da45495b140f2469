package org.tingvakt.archive.render;

import java.util.ResourceBundle;

/** The headings of an evidence record, from the bundles {@code i18n/evidence_<lang>.properties}. */
final class EvidenceHeadings {
    static final String BUNDLE = "i18n.evidence";

    private EvidenceHeadings() {}

    static ResourceBundle forLanguage(EvidenceView.RecordLanguage language) {
        // No fallback to the JVM's default locale: a Swedish record must never get Danish headings by accident.
        return ResourceBundle.getBundle(
                BUNDLE,
                language.locale(),
                EvidenceHeadings.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
