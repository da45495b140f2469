package org.tingvakt.archive.export;

/** Lets tests in other packages use the generated records. */
public final class ExportPackageTestAccess {
    private ExportPackageTestAccess() {}

    public static ExportSeries.RecordSource source(int records) {
        return new GeneratedRecords(records, 1500, 2500);
    }
}
