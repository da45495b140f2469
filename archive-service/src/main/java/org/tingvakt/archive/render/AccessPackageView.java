package org.tingvakt.archive.render;

import java.time.Instant;
import java.util.List;

/**
 * An access-request package (GDPR Art. 15) as the data protection officer reads it on paper: sections (one per service
 * and kind of data) of items, each a list of labelled values. Labels are keys of {@code i18n/access_<lang>.properties};
 * values are shown as held, escaped; codes (states, kinds, yes/no) in words when the bundle has {@code value.<label>.<code>}.
 *
 * @param language the requester's language
 * @param subject what the request was for (the platform id), shown on the first page
 * @param services the services whose data the package holds
 */
public record AccessPackageView(
        EvidenceView.RecordLanguage language,
        Instant generatedAt,
        String subject,
        List<String> services,
        List<Section> sections) {

    /** One part of the package; {@code headingKey} names it. An empty section says so in the PDF. */
    public record Section(String headingKey, List<Item> items) {}

    /** One comment, message, case, record or deadline. */
    public record Item(List<Field> fields) {}

    /** One value and the key of its label; null values are left out. */
    public record Field(String labelKey, String value) {}
}
