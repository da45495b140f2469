package org.tingvakt.archive.export;

import java.util.Locale;

/**
 * The E-ARK profile an export package is written to: the METS profile URL that {@code mets/@PROFILE} names (SIP2), and the
 * version of the DILCIS extension schemas shipped in the package.
 */
public enum EarkProfile {
    /** E-ARK SIP 2.2.0 on CSIP 2.2.0 (2024-05-17), the newest release. */
    EARK_SIP_2_2(
            "E-ARK-SIP-2.2",
            "2.2.0",
            "https://earksip.dilcis.eu/profile/E-ARK-SIP-v2-2-0.xml",
            "E-ARK SIP 2.2.0 (CSIP 2.2.0)"),
    /**
     * Riksarkivet's FGS Paketstruktur 2.0 (RAFGS1V2.0), which consists of E-ARK CSIP 2.1.0 and E-ARK SIP 2.1.0: the SIP
     * 2.1.0 profile URL (its SIP2) and the 2.1.0 extension schemas.
     */
    FGS_2_0(
            "FGS-2.0",
            "2.1.0",
            "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml",
            "FGS Paketstruktur 2.0 (E-ARK SIP 2.1.0, CSIP 2.1.0)");

    private final String id;
    private final String version;
    private final String profileUrl;
    private final String title;

    EarkProfile(String id, String version, String profileUrl, String title) {
        this.id = id;
        this.version = version;
        this.profileUrl = profileUrl;
        this.title = title;
    }

    /** The setting's value: {@code E-ARK-SIP-2.2} or {@code FGS-2.0}. */
    public String id() {
        return id;
    }

    /** The CSIP and SIP version: {@code 2.2.0} or {@code 2.1.0}. */
    public String version() {
        return version;
    }

    /** The value of {@code mets/@PROFILE} in every METS of the package (SIP2). */
    public String profileUrl() {
        return profileUrl;
    }

    public String title() {
        return title;
    }

    /** Classpath folder of this version's DILCIS extension schemas. */
    String extensionSchemaFolder() {
        return "eark/" + version + "/";
    }

    /**
     * The profile a setting names: {@code E-ARK-SIP-2.2} or {@code FGS-2.0} (case-insensitive; the enum names and
     * {@code SIP-2.1.0} for FGS are accepted too).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static EarkProfile parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("profile is empty; use E-ARK-SIP-2.2 or FGS-2.0");
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (EarkProfile p : values()) {
            if (p.id.toUpperCase(Locale.ROOT).equals(v) || p.name().equals(v)) {
                return p;
            }
        }
        if (v.equals("E-ARK-SIP-2.2.0") || v.equals("SIP-2.2.0")) {
            return EARK_SIP_2_2;
        }
        if (v.equals("FGS-2")
                || v.equals("FGS-PAKETSTRUKTUR-2.0")
                || v.equals("SIP-2.1.0")
                || v.equals("E-ARK-SIP-2.1")) {
            return FGS_2_0;
        }
        throw new IllegalArgumentException("unknown profile '" + value + "'; use E-ARK-SIP-2.2 or FGS-2.0");
    }
}
