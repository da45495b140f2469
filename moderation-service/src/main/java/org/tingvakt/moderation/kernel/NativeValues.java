package org.tingvakt.moderation.kernel;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Values read by native SQL queries, whose Java type depends on the driver and Hibernate's mapping. */
public final class NativeValues {
    private NativeValues() {}

    /** A timestamp column as an Instant (null stays null); any other type is a programming error, not "now". */
    public static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + o.getClass());
    }
}
