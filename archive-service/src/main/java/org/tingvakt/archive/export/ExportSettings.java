package org.tingvakt.archive.export;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How packages are written: the E-ARK profile, the language of the package description, who submits the package, and how
 * large one package may grow before the export starts the next one.
 *
 * @param profile E-ARK SIP 2.2 or FGS Paketstruktur 2.0
 * @param language language of the package description and documentation: da, nb, nn, sv or en (others fall back to en)
 * @param submitterName the submitting organisation (SIP15–SIP18); empty: the account's name is used
 * @param submitterId its identification code (SIP19/SIP20), e.g. "VAT:DK12345678"; empty: none written
 * @param submissionAgreement the submission agreement's reference (SIP5), if there is one
 * @param softwareVersion the version written in the software agent's note (CSIP15/CSIP16)
 * @param maxRecordsPerPackage a package holds at most this many records
 * @param maxBytesPerPackage a package's artefacts add up to at most this many bytes (a single larger record still gets
 *     its own package)
 */
public record ExportSettings(
        EarkProfile profile,
        String language,
        String submitterName,
        String submitterId,
        Optional<String> submissionAgreement,
        String softwareVersion,
        int maxRecordsPerPackage,
        long maxBytesPerPackage) {

    public static final Set<String> LANGUAGES = Set.of("da", "nb", "nn", "sv", "en");
    public static final String SOFTWARE = "Tingvakt archive-service";
    public static final int DEFAULT_MAX_RECORDS = 2000;
    public static final long DEFAULT_MAX_BYTES = 2L << 30;

    public ExportSettings {
        Objects.requireNonNull(profile, "profile");
        language = language == null ? "en" : language.toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(language)) {
            language = "en";
        }
        submitterName = submitterName == null ? "" : submitterName.strip();
        submitterId = submitterId == null ? "" : submitterId.strip();
        submissionAgreement = submissionAgreement == null
                ? Optional.empty()
                : submissionAgreement.map(String::strip).filter(s -> !s.isEmpty());
        softwareVersion = softwareVersion == null || softwareVersion.isBlank() ? version() : softwareVersion.strip();
        if (maxRecordsPerPackage < 1) {
            throw new IllegalArgumentException("maxRecordsPerPackage must be at least 1");
        }
        if (maxBytesPerPackage < 1) {
            throw new IllegalArgumentException("maxBytesPerPackage must be at least 1");
        }
    }

    /** E-ARK SIP 2.2, English, the account as submitter, the default package limits. */
    public static ExportSettings defaults() {
        return new ExportSettings(
                EarkProfile.EARK_SIP_2_2, "en", "", "", Optional.empty(), null, DEFAULT_MAX_RECORDS, DEFAULT_MAX_BYTES);
    }

    public ExportSettings withProfile(EarkProfile p) {
        return new ExportSettings(
                p,
                language,
                submitterName,
                submitterId,
                submissionAgreement,
                softwareVersion,
                maxRecordsPerPackage,
                maxBytesPerPackage);
    }

    public ExportSettings withLanguage(String l) {
        return new ExportSettings(
                profile,
                l,
                submitterName,
                submitterId,
                submissionAgreement,
                softwareVersion,
                maxRecordsPerPackage,
                maxBytesPerPackage);
    }

    public ExportSettings withLimits(int maxRecords, long maxBytes) {
        return new ExportSettings(
                profile,
                language,
                submitterName,
                submitterId,
                submissionAgreement,
                softwareVersion,
                maxRecords,
                maxBytes);
    }

    public ExportSettings withSubmitter(String name, String id) {
        return new ExportSettings(
                profile,
                language,
                name,
                id,
                submissionAgreement,
                softwareVersion,
                maxRecordsPerPackage,
                maxBytesPerPackage);
    }

    public ExportSettings withSubmissionAgreement(String reference) {
        return new ExportSettings(
                profile,
                language,
                submitterName,
                submitterId,
                Optional.ofNullable(reference),
                softwareVersion,
                maxRecordsPerPackage,
                maxBytesPerPackage);
    }

    /** The service's version from its jar manifest, or "development" when run from classes. */
    static String version() {
        String v = ExportSettings.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "development" : v;
    }
}
