package org.tingvakt.archive.export;

import java.util.List;

/** Paths and names inside an export package, shared by the writer and the verifier. */
final class PackageLayout {
    static final String METS = "METS.xml";
    static final String DESCRIPTIVE = "metadata/descriptive/";
    static final String PRESERVATION = "metadata/preservation/";
    static final String DESCRIPTION = DESCRIPTIVE + "description.xml";
    static final String INDEX = DESCRIPTIVE + "records.csv";
    static final String PREMIS = PRESERVATION + "premis.xml";
    static final String SCHEMAS = "schemas/";
    static final String DOCUMENTATION = "documentation/";
    static final String README = DOCUMENTATION + "README.txt";
    /** The one representation: its folder name, also the OBJID of its METS. */
    static final String REP = "rep1";

    static final String REP_FOLDER = "representations/" + REP + "/";
    /** Inside the representation folder. */
    static final String DATA = "data/";

    /** Folders of a package, each written as a directory entry (some readers look for them). */
    static final List<String> FOLDERS = List.of(
            "metadata/",
            DESCRIPTIVE,
            PRESERVATION,
            SCHEMAS,
            DOCUMENTATION,
            "representations/",
            REP_FOLDER,
            REP_FOLDER + DATA,
            REP_FOLDER + "metadata/",
            REP_FOLDER + PRESERVATION,
            REP_FOLDER + SCHEMAS,
            REP_FOLDER + DOCUMENTATION);

    static final String METS_NS = "http://www.loc.gov/METS/";
    static final String XLINK_NS = "http://www.w3.org/1999/xlink";
    static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
    static final String CSIP_NS = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS";
    static final String SIP_NS = "https://DILCIS.eu/XML/METS/SIPExtensionMETS";
    static final String PREMIS_NS = "http://www.loc.gov/premis/v3";
    static final String DC_NS = "http://purl.org/dc/elements/1.1/";
    static final String DESCRIPTION_NS = "https://tingvakt.org/xml/package-description/1";

    private PackageLayout() {}

    /** A record id as a file name: anything outside [A-Za-z0-9._-] becomes '_', and it never starts with a dot. */
    static String fileStem(String recordId) {
        String stem = recordId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (stem.isEmpty() || stem.startsWith(".")) {
            stem = "_" + stem;
        }
        return stem.length() > 150 ? stem.substring(0, 150) : stem;
    }

    /**
     * Whether a path inside a zip is safe to extract anywhere: relative, forward slashes only, no '.' or '..' segments, no
     * empty segments, no drive letters or control characters.
     */
    static boolean isSafeRelativePath(String name) {
        if (name == null || name.isEmpty() || name.length() > 1024 || name.startsWith("/") || name.contains("\\")) {
            return false;
        }
        if (name.length() >= 2 && name.charAt(1) == ':') {
            return false;
        }
        String body = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String segment : body.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return name.chars().noneMatch(c -> c < 0x20 || c == 0x7F);
    }
}
