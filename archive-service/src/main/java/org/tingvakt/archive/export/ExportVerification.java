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
    public record Problem(String path, Kind kind, String detail) {
    }

    public enum Kind {
        /** The file's SHA-256 differs from the one in METS.xml or manifest-sha256.txt. */
        CHECKSUM_MISMATCH,
        /** METS.xml or the manifest lists a file that is not in the zip. */
        MISSING,
        /** A file in the zip is listed in neither the manifest nor METS.xml. */
        UNLISTED,
        /** The entry's name could escape the extraction folder (absolute, "..", backslashes, drive letters). */
        UNSAFE_PATH,
        /** Two entries have the same name. */
        DUPLICATE_ENTRY,
        /** The entry could not be read (corrupt compressed data, CRC error, truncated zip). */
        UNREADABLE,
        /** The entry or the whole package is larger, or compresses better, than the limits allow (a zip bomb). */
        LIMIT_EXCEEDED,
        /** METS.xml or the manifest is missing or cannot be parsed. */
        MALFORMED_METADATA
    }
}
