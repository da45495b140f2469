package org.tingvakt.archive.render;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import org.tingvakt.archive.render.EvidenceView.ThreadItem;
import org.tingvakt.archive.render.EvidenceView.ThreadRole;

/**
 * Lays out an {@link EvidenceView} as one XHTML document. Every value from the view passes through {@link PrintableText};
 * the only markup is written here. The document references nothing outside itself: fonts come from the renderer, the
 * stylesheet is inlined.
 */
final class EvidenceHtml {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private final String css;
    private final PrintableText printable;

    EvidenceHtml(String css, PrintableText printable) {
        this.css = css;
        this.printable = printable;
    }

    String toXhtml(EvidenceView view) {
        ResourceBundle h = EvidenceHeadings.forLanguage(view.language());
        ZoneId zone = view.zone();
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"")
                .append(view.language().tag())
                .append("\"><head><meta charset=\"UTF-8\"/>")
                .append("<title>")
                .append(t(h.getString("title")))
                .append(" · ")
                .append(t(view.recordId()))
                .append("</title>")
                .append("<meta name=\"subject\" content=\"")
                .append(t(view.recordId()))
                .append("\"/>")
                .append("<style>")
                .append(css)
                .append("</style></head><body>");

        // Running footer first: openhtmltopdf needs running elements before the content that flows past them.
        b.append("<div id=\"footer\"><table class=\"foot\"><tr><td>")
                .append(t(h.getString("recordId")))
                .append(": <span class=\"mono\">")
                .append(t(view.recordId()))
                .append("</span><br/>")
                .append(t(h.getString("contentSha256")))
                .append(": <span class=\"mono\">")
                .append(t(view.contentSha256()))
                .append("</span></td><td class=\"pg\">")
                .append(t(h.getString("generatedBy")))
                .append("<br/>")
                .append(t(h.getString("page")))
                .append(" <span class=\"pagenum\"></span></td></tr></table></div>");

        // Header: whose page, when captured, which record.
        b.append("<div class=\"band\"><div class=\"title\">")
                .append(t(h.getString("title")))
                .append("</div>")
                .append("<div class=\"sub\">")
                .append(t(h.getString("subtitle")))
                .append("</div></div>");
        b.append("<table class=\"kv head\">");
        row(
                b,
                h.getString("account"),
                t(view.account().name()) + " <span class=\"muted\">("
                        + t(view.account().id()) + ")</span>");
        row(
                b,
                h.getString("platform"),
                t(h.getString("platform." + view.account().platform().name())));
        row(b, h.getString("capturedAt"), "<b>" + t(time(view.capturedAt(), zone)) + "</b>");
        row(b, h.getString("recordId"), "<span class=\"mono\">" + t(view.recordId()) + "</span>");
        row(
                b,
                h.getString("registrationNumber"),
                view.registrationNumber()
                        .map(this::t)
                        .orElse("<span class=\"muted\">" + t(h.getString("notRegistered")) + "</span>"));
        row(b, h.getString("timeZone"), t(zone.getId()));
        b.append("</table>");

        // The comment itself, with the sender's details.
        EvidenceView.Comment c = view.comment();
        b.append("<h2>").append(t(h.getString("commentSection"))).append("</h2>");
        b.append("<div class=\"subject\"><table class=\"kv\">");
        row(b, h.getString("sender"), "<b>" + t(c.sender().name()) + "</b>");
        row(b, h.getString("senderId"), "<span class=\"mono\">" + t(c.sender().platformId()) + "</span>");
        row(
                b,
                h.getString("senderProfile"),
                c.sender()
                        .profileUrl()
                        .map(u -> "<span class=\"url\">" + t(u) + "</span>")
                        .orElse(t("–")));
        row(b, h.getString("postedAt"), t(time(c.postedAt(), zone)));
        row(
                b,
                h.getString("commentId"),
                "<span class=\"mono\">" + t(c.commentId()) + "</span> · " + t(h.getString("version")) + " "
                        + c.version());
        row(
                b,
                h.getString("permalink"),
                c.permalink()
                        .map(u -> "<span class=\"url\">" + t(u) + "</span>")
                        .orElse(t("–")));
        b.append("</table><div class=\"text big\">").append(t(c.text())).append("</div></div>");

        // The thread, with the comment in its place.
        b.append("<h2>").append(t(h.getString("threadSection"))).append("</h2>");
        for (Entry e : threadOrder(view)) {
            String cls = e.subject ? "item subjectitem" : (e.role == ThreadRole.POST ? "item post" : "item");
            String role = e.subject ? h.getString("role.SUBJECT") : h.getString("role." + e.role.name());
            b.append("<div class=\"")
                    .append(cls)
                    .append("\"><div class=\"meta\"><span class=\"role\">")
                    .append(t(role))
                    .append("</span> · <b>")
                    .append(t(e.author))
                    .append("</b>");
            e.postedAt.ifPresent(p -> b.append(" · ").append(t(time(p, zone))));
            b.append("</div><div class=\"text\">").append(t(e.text)).append("</div></div>");
        }

        // Moderation.
        b.append("<h2>").append(t(h.getString("moderationSection"))).append("</h2><table class=\"kv\">");
        StringBuilder chips = new StringBuilder();
        for (String label : view.labels()) {
            chips.append("<span class=\"chip\">").append(t(labelName(h, label))).append("</span> ");
        }
        row(b, h.getString("labels"), view.labels().isEmpty() ? t(h.getString("none")) : chips.toString());
        row(b, h.getString("reason"), "<div class=\"text\">" + t(view.moderatorReason()) + "</div>");
        StringBuilder att = new StringBuilder();
        for (EvidenceView.Attachment a : view.attachments()) {
            att.append("<div class=\"att\">")
                    .append(t(a.name()))
                    .append(" <span class=\"url\">")
                    .append(t(a.url()))
                    .append("</span></div>");
        }
        row(b, h.getString("attachments"), view.attachments().isEmpty() ? t(h.getString("none")) : att.toString());
        b.append("</table>");
        b.append("<p class=\"note\">").append(t(h.getString("invisibleNote"))).append("</p>");
        b.append("</body></html>");
        return b.toString();
    }

    private record Entry(ThreadRole role, boolean subject, String author, String text, Optional<Instant> postedAt) {}

    /** Post(s) first, then parent(s), then the neighbours and the archived comment by time (unknown times last). */
    private static List<Entry> threadOrder(EvidenceView view) {
        List<Entry> head = new ArrayList<>();
        List<Entry> rest = new ArrayList<>();
        for (ThreadItem item : view.thread()) {
            Entry e = new Entry(item.role(), false, item.authorName(), item.text(), item.postedAt());
            (item.role() == ThreadRole.NEIGHBOUR ? rest : head).add(e);
        }
        head.sort(Comparator.comparingInt(e -> e.role.ordinal()));
        EvidenceView.Comment c = view.comment();
        rest.add(new Entry(ThreadRole.NEIGHBOUR, true, c.sender().name(), c.text(), Optional.of(c.postedAt())));
        rest.sort(Comparator.comparing((Entry e) -> e.postedAt.orElse(Instant.MAX)));
        head.addAll(rest);
        return head;
    }

    private void row(StringBuilder b, String key, String valueXhtml) {
        b.append("<tr><th>")
                .append(t(key))
                .append("</th><td>")
                .append(valueXhtml)
                .append("</td></tr>");
    }

    private String t(String untrusted) {
        return printable.toXhtml(untrusted);
    }

    private static String time(Instant instant, ZoneId zone) {
        return TIME.format(instant.atZone(zone));
    }

    /** A label's name in the record's language ({@code label.<LABEL>} in the bundle); an unknown label as sent. */
    static String labelName(ResourceBundle h, String label) {
        if (label == null) {
            return "";
        }
        String key = "label." + label.trim().toUpperCase(java.util.Locale.ROOT);
        return h.containsKey(key) ? h.getString(key) : label;
    }
}
