package org.tingvakt.contracts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The values an event's string field (or list of strings) takes: the names of an enum of this module. Fields stay strings
 * on the wire so that a value a newer producer adds never breaks an older consumer; every producer writes an enum's
 * {@code name()} and every consumer reads through {@link #parse}, which ignores what it does not know. The JSON schemas
 * list the values (EventSchemasTest reads this annotation).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD})
public @interface KnownValues {
    Class<? extends Enum<?>> value();

    /** Tolerant reading of enum names that travel as strings. */
    final class Names {
        private Names() {}

        /** The constant named {@code name} (case and surrounding blanks ignored), or empty for null or an unknown name. */
        public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String name) {
            if (name == null || name.isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Enum.valueOf(type, name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                return Optional.empty();
            }
        }

        /** The known constants among {@code names}, in their order; unknown names and null are left out. */
        public static <E extends Enum<E>> List<E> parseAll(Class<E> type, Collection<String> names) {
            List<E> known = new ArrayList<>();
            if (names != null) {
                for (String n : names) {
                    parse(type, n).ifPresent(known::add);
                }
            }
            return known;
        }

        /** The names of {@code values}, for an event's string list. */
        public static List<String> names(Collection<? extends Enum<?>> values) {
            List<String> names = new ArrayList<>(values.size());
            for (Enum<?> v : values) {
                names.add(v.name());
            }
            return List.copyOf(names);
        }
    }
}
