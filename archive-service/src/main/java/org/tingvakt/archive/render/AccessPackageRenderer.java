package org.tingvakt.archive.render;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * Renders an access-request package as a PDF/A-2b with the archive's bundled fonts embedded (the same fonts, colour
 * profile and closed-off resource loading as an evidence record), its headings in the requester's language.
 */
public final class AccessPackageRenderer {
    static final String BUNDLE = "i18n.access";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");
    private static final String CSS = "@page { size: A4; margin: 14mm; }\n"
            + "body { font-family: '" + EvidenceRenderer.SANS
            + "'; font-size: 9pt; line-height: 1.3; color: #1b1b1b; }\n"
            + "h1 { font-size: 14pt; color: #1f3a5f; margin: 0 0 4pt 0; }\n"
            + "h2 { font-size: 11pt; color: #1f3a5f; border-bottom: 0.8pt solid #1f3a5f; margin: 12pt 0 4pt 0; }\n"
            + "table { width: 100%; table-layout: fixed; border-collapse: collapse; margin-bottom: 5pt; "
            + "page-break-inside: avoid; }\n"
            + "td { vertical-align: top; padding: 1pt 3pt; word-wrap: break-word; border-bottom: 0.3pt solid #cccccc; }\n"
            + "td.k { width: 45mm; color: #4a4a4a; }\n"
            + "td.v { white-space: pre-wrap; }\n"
            + ".cp { font-family: '" + EvidenceRenderer.MONO + "'; }\n"
            + "p.none { color: #4a4a4a; }\n";

    private final EvidenceRenderer renderer;

    public AccessPackageRenderer(EvidenceRenderer renderer) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    public byte[] render(AccessPackageView view) {
        try {
            return renderer.renderPdf(xhtml(view));
        } catch (IOException | RuntimeException e) {
            // Never the content: the package is the person's data.
            throw new EvidenceRenderingException("could not render an access-request package", e);
        }
    }

    String xhtml(AccessPackageView view) {
        ResourceBundle t = ResourceBundle.getBundle(
                BUNDLE,
                view.language().locale(),
                AccessPackageRenderer.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        PrintableText p = renderer.printable();
        StringBuilder out = new StringBuilder(16 * 1024);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"")
                .append(view.language().tag())
                .append("\"><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\"/><title>")
                .append(p.toXhtml(t.getString("title")))
                .append("</title><style>")
                .append(CSS)
                .append("</style></head><body><h1>")
                .append(p.toXhtml(t.getString("title")))
                .append("</h1><table>");
        row(out, p, t.getString("subject"), view.subject());
        row(out, p, t.getString("generatedAt"), time(view.generatedAt()));
        row(out, p, t.getString("services"), String.join(", ", view.services()));
        out.append("</table><p>").append(p.toXhtml(t.getString("intro"))).append("</p>");
        for (AccessPackageView.Section section : view.sections()) {
            out.append("<h2>")
                    .append(p.toXhtml(t.getString(section.headingKey())))
                    .append(" (")
                    .append(section.items().size())
                    .append(")</h2>");
            if (section.items().isEmpty()) {
                out.append("<p class=\"none\">")
                        .append(p.toXhtml(t.getString("none")))
                        .append("</p>");
            }
            for (AccessPackageView.Item item : section.items()) {
                out.append("<table>");
                for (AccessPackageView.Field f : item.fields()) {
                    if (f.value() != null) {
                        row(out, p, t.getString(f.labelKey()), valueText(t, f));
                    }
                }
                out.append("</table>");
            }
        }
        return out.append("</body></html>").toString();
    }

    /**
     * A code (a registration state, a case or deadline state, a kind of message, a yes/no) in the package's language
     * ({@code value.<label>.<code>} in the bundle); any other value as it is held.
     */
    static String valueText(ResourceBundle t, AccessPackageView.Field f) {
        String key = "value." + f.labelKey() + "." + f.value();
        return t.containsKey(key) ? t.getString(key) : f.value();
    }

    private static void row(StringBuilder out, PrintableText p, String label, String value) {
        out.append("<tr><td class=\"k\">")
                .append(p.toXhtml(label))
                .append("</td><td class=\"v\">")
                .append(p.toXhtml(value))
                .append("</td></tr>");
    }

    /** A time as the package shows it (UTC, seconds). */
    public static String time(Instant at) {
        return at == null ? null : TIME.format(at.atOffset(ZoneOffset.UTC));
    }
}
