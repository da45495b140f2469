package org.tingvakt.archive.retention;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The public status page of a data-deletion confirmation code: the code and how far its request is, in da, sv, nb, nn
 * or en ({@code i18n/data-deletion_*.properties}), nothing about the person. Plain HTML, no scripts, no external files.
 */
public final class DataDeletionPage {
    /** The languages, in the order the page links them. */
    public static final List<String> LANGUAGES = List.of("da", "sv", "nb", "nn", "en");

    private DataDeletionPage() {}

    /** The language to answer in: {@code lang} if it is one of ours, else the first of Accept-Language that is, else en. */
    public static String language(String lang, String acceptLanguage) {
        if (lang != null && LANGUAGES.contains(lang)) {
            return lang;
        }
        if (acceptLanguage != null) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    String tag = range.getRange().toLowerCase(Locale.ROOT);
                    String primary = tag.split("-", 2)[0];
                    if (primary.equals("no")) {
                        return "nb";
                    }
                    if (LANGUAGES.contains(primary)) {
                        return primary;
                    }
                }
            } catch (IllegalArgumentException e) {
                // A malformed header is ignored: the page is still shown, in English.
            }
        }
        return "en";
    }

    /** The texts of one language; no fallback to another language or to the JVM's locale. */
    public static ResourceBundle texts(String language) {
        return ResourceBundle.getBundle(
                "i18n.data-deletion",
                Locale.forLanguageTag(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The page. The code is checked against its pattern before it gets here; it is escaped all the same. */
    public static String render(String language, String code, MetaDataDeletions.Status status) {
        ResourceBundle t = texts(language);
        StringBuilder links = new StringBuilder();
        for (String other : LANGUAGES) {
            if (!other.equals(language)) {
                links.append("<a href=\"?lang=")
                        .append(other)
                        .append("\" hreflang=\"")
                        .append(other)
                        .append("\">")
                        .append(escape(texts(other).getString("language")))
                        .append("</a> ");
            }
        }
        return "<!DOCTYPE html>\n<html lang=\"" + language + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>" + escape(t.getString("title")) + "</title></head>"
                + "<body><main><h1>" + escape(t.getString("title")) + "</h1>"
                + "<p>" + escape(t.getString("code")) + " <strong>" + escape(code) + "</strong></p>"
                + "<p id=\"status\" data-status=\"" + status.name() + "\">"
                + escape(t.getString("status." + status.name())) + "</p>"
                + "<p>" + escape(t.getString("about")) + "</p></main>"
                + "<nav>" + links.toString().trim() + "</nav></body></html>\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
