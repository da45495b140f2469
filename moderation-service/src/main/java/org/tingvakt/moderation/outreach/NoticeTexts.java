package org.tingvakt.moderation.outreach;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tingvakt.moderation.kernel.NoticeLanguage;

/**
 * The texts of {@code i18n/notices_<language>.properties}, one bundle per {@link NoticeLanguage}, with named placeholders
 * ({@code {count}}) filled in literally, so that apostrophes and braces in values need no escaping.
 *
 * <p>No fallback between languages or to the JVM's default locale: a missing key is an error (and a test checks that every
 * bundle has the same keys).
 */
public final class NoticeTexts {

    public static final String BUNDLE = "i18n.notices";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private final Map<NoticeLanguage, ResourceBundle> bundles;

    private NoticeTexts(Map<NoticeLanguage, ResourceBundle> bundles) {
        this.bundles = bundles;
    }

    /** Loads all five bundles from the classpath; fails at once if one is missing. */
    public static NoticeTexts load() {
        Map<NoticeLanguage, ResourceBundle> bundles = new EnumMap<>(NoticeLanguage.class);
        ResourceBundle.Control exact =
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        for (NoticeLanguage language : NoticeLanguage.values()) {
            ResourceBundle bundle =
                    ResourceBundle.getBundle(BUNDLE, language.locale(), NoticeTexts.class.getClassLoader(), exact);
            if (!bundle.getLocale().getLanguage().equals(language.code())) {
                throw new MissingResourceException("no notice bundle for " + language.code(), BUNDLE, "");
            }
            bundles.put(language, bundle);
        }
        return new NoticeTexts(Collections.unmodifiableMap(bundles));
    }

    /** The keys of one language's bundle. */
    public Set<String> keys(NoticeLanguage language) {
        return bundles.get(language).keySet();
    }

    /** The raw text of a key. */
    public String text(NoticeLanguage language, String key) {
        return bundles.get(language).getString(key);
    }

    /** The text of a key with its placeholders replaced; an unknown placeholder is an error. */
    public String format(NoticeLanguage language, String key, Map<String, String> values) {
        String pattern = text(language, key);
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for {" + m.group(1) + "} in " + key);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The placeholder names a text uses. */
    static Set<String> placeholders(String text) {
        Set<String> names = new java.util.TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
