package org.tingvakt.archive.export;

import java.util.List;

/**
 * The outcome of re-reading an export package: every problem found, each naming the file it concerns.
 *
 * @param packageId the package's root folder, when one could be determined
 * @param filesChecked files whose bytes were read and hashed
 */
public record ExportVerification(String packageId, int filesChecked, List<Problem> problems) {
    public ExportVerification {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** One thing wrong with one file (path relative to the package root, or the zip entry name when outside it). */
    public record Problem(String path, Kind kind, String detail) {}

    public enum Kind {
        /** The file's SHA-256 differs from the one in the METS document that lists it. */
        CHECKSUM_MISMATCH,
        /** The file's size differs from the SIZE in the METS document that lists it. */
        SIZE_MISMATCH,
        /** A METS document lists a file that is not in the zip. */
        MISSING,
        /** A file in the zip is listed in no METS document of the package. */
        UNLISTED,
        /** The entry's name could escape the extraction folder (absolute, "..", backslashes, drive letters). */
        UNSAFE_PATH,
        /** Two entries have the same name. */
        DUPLICATE_ENTRY,
        /** The entry could not be read (corrupt compressed data, CRC error, truncated zip). */
        UNREADABLE,
        /** The entry or the whole package is larger, or compresses better, than the limits allow (a zip bomb). */
        LIMIT_EXCEEDED,
        /** The package METS.xml is missing, a METS document cannot be parsed, or it gives no SHA-256 for a file. */
        MALFORMED_METADATA
    }
}
