package org.tingvakt.notifier.calendar;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayType;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Names closed days in a language. jollyday translates its holidays into Swedish (and English) only, so the
 * bundle {@code i18n/closed_days} carries Danish, Norwegian Bokmål and Nynorsk and Finnish names under jollyday's
 * keys; for a key the bundle lacks, jollyday's own description is used, which falls back to English.
 */
final class ClosedDayNames {

    static final String EXTRA_KEY = "EXTRA";
    private static final String BUNDLE = "i18n.closed_days";
    // The JVM's default locale must not leak into names: fall back to the base (English) bundle only.
    private static final ResourceBundle.Control NO_DEFAULT_LOCALE_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private ClosedDayNames() {}

    static String name(String key, LocalDate date, Locale locale) {
        ResourceBundle bundle = bundle(locale);
        if (bundle != null && bundle.containsKey(key)) {
            return bundle.getString(key);
        }
        return new Holiday(date, key, HolidayType.PUBLIC_HOLIDAY).getDescription(locale);
    }

    static String weekendName(LocalDate date, Locale locale) {
        return date.getDayOfWeek().getDisplayName(TextStyle.FULL, locale);
    }

    private static ResourceBundle bundle(Locale locale) {
        try {
            return ResourceBundle.getBundle(
                    BUNDLE, locale, ClosedDayNames.class.getClassLoader(), NO_DEFAULT_LOCALE_FALLBACK);
        } catch (MissingResourceException e) {
            return null;
        }
    }
}
