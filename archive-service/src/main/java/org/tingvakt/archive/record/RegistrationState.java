package org.tingvakt.archive.record;

/**
 * A record's registration assessment: still to do, registered (immutable from then on), or not required with a reason.
 * A column of the record, so it sits with {@link ArchiveRecord}; the registration feature decides it.
 */
public enum RegistrationState {
    PENDING,
    REGISTERED,
    NOT_REQUIRED
}
