package org.tingvakt.moderation.outreach.replies;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import org.tingvakt.moderation.kernel.NoticeLanguage;

/**
 * The canned replies a new account starts with, from {@code i18n/replies_<language>.properties} (no fallback between
 * languages: a test checks that every bundle has the same keys).
 */
public final class StarterReplies {
    public static final String BUNDLE = "i18n.replies";
    /** The placeholder of the earlier-answer reply, replaced literally by the link to the earlier answer. */
    public static final String LINK = "{link}";

    /** One starter reply: {@code key} is the bundle key stem (e.g. {@code thanks}). */
    public record Starter(String key, String name, String text) {}

    private StarterReplies() {}

    public static ResourceBundle bundle(NoticeLanguage language) {
        ResourceBundle b = ResourceBundle.getBundle(
                BUNDLE,
                language.locale(),
                StarterReplies.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        if (!b.getLocale().getLanguage().equals(language.code())) {
            throw new java.util.MissingResourceException("no replies bundle for " + language.code(), BUNDLE, "");
        }
        return b;
    }

    public static List<Starter> of(NoticeLanguage language) {
        ResourceBundle b = bundle(language);
        Set<String> stems = new TreeSet<>();
        for (String k : b.keySet()) {
            stems.add(k.substring("reply.".length(), k.lastIndexOf('.')));
        }
        List<Starter> out = new ArrayList<>();
        for (String stem : stems) {
            out.add(new Starter(stem, b.getString("reply." + stem + ".name"), b.getString("reply." + stem + ".text")));
        }
        return out;
    }
}
