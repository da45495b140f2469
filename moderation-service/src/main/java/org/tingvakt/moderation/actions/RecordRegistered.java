package org.tingvakt.moderation.actions;

import java.util.UUID;
import org.tingvakt.contracts.RegistrationReason;

/**
 * The archive registered a comment that stays on the platform (a REGISTRATION request): fired synchronously in the
 * transaction that accepts the verified record, so outreach can acknowledge it without actions knowing outreach.
 *
 * @param registrationNumber the archive's number; null if the archive left the record for an archivist's assessment
 */
public record RecordRegistered(UUID caseId, UUID accountId, RegistrationReason reason, String registrationNumber) {}
