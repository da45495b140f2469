package org.tingvakt.notifier.calendar;

import java.time.ZoneId;
import java.util.Locale;

/** A country whose public-holiday calendar an account can follow. */
public enum Country {
    DK("dk", "Europe/Copenhagen", new Locale("da")),
    SE("se", "Europe/Stockholm", new Locale("sv")),
    NO("no", "Europe/Oslo", new Locale("nb")),
    FI("fi", "Europe/Helsinki", new Locale("fi"));

    private final String jollydayCode;
    private final ZoneId defaultZone;
    private final Locale language;

    Country(String jollydayCode, String zone, Locale language) {
        this.jollydayCode = jollydayCode;
        this.defaultZone = ZoneId.of(zone);
        this.language = language;
    }

    /** The zone an account in this country uses unless it says otherwise. */
    public ZoneId defaultZone() {
        return defaultZone;
    }

    /** The language closed-day names are given in by default (Norway: Bokmål). */
    public Locale language() {
        return language;
    }

    String jollydayCode() {
        return jollydayCode;
    }

    /**
     * Reads a country code such as {@code "se"} or {@code "SE"}.
     *
     * @throws IllegalArgumentException naming the accepted codes when the input is not one of them
     */
    public static Country parse(String code) {
        if (code != null) {
            String c = code.trim().toUpperCase(Locale.ROOT);
            for (Country country : values()) {
                if (country.name().equals(c)) {
                    return country;
                }
            }
        }
        throw new IllegalArgumentException("Unknown country '" + code + "': expected one of DK, SE, NO, FI");
    }
}
