package org.tingvakt.archive.render;

import java.util.function.IntPredicate;

/**
 * Turns untrusted text into XHTML character content that shows exactly what was written.
 *
 * <p>Markup characters are escaped, so a comment can never become markup. Characters that would be invisible or misleading
 * on paper (controls, zero-width and bidirectional formatting characters, unpaired surrogates, unassigned code points) and
 * characters the archive font has no glyph for (emoji, most scripts outside Europe) are shown as a visible {@code [U+XXXX]}
 * marker instead, so the record neither hides nor silently drops anything.
 */
final class PrintableText {
    private final IntPredicate hasGlyph;

    PrintableText(IntPredicate hasGlyph) {
        this.hasGlyph = hasGlyph;
    }

    /** Escaped XHTML for {@code text}; line breaks are kept as {@code \n} (the stylesheet shows them). */
    String toXhtml(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(normalised.length() + 16);
        int i = 0;
        while (i < normalised.length()) {
            int cp = normalised.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\n', '\t' -> out.append((char) cp);
                default -> {
                    if (isShownAsMarker(cp)) {
                        out.append("<span class=\"cp\">[U+").append(hex(cp)).append("]</span>");
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        }
        return out.toString();
    }

    private boolean isShownAsMarker(int cp) {
        int type = Character.getType(cp);
        if (type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.SURROGATE
                || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR) {
            return true;
        }
        // U+FFFE/U+FFFF and friends are not XML characters at all.
        if ((cp & 0xFFFE) == 0xFFFE) {
            return true;
        }
        return !Character.isWhitespace(cp) && !hasGlyph.test(cp);
    }

    private static String hex(int cp) {
        String h = Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT);
        return h.length() >= 4 ? h : "0".repeat(4 - h.length()) + h;
    }
}
