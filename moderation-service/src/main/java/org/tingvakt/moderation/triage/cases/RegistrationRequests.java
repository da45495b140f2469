package org.tingvakt.moderation.triage.cases;

import org.tingvakt.contracts.RegistrationReason;

/**
 * Registering a case's comment while it stays on the platform: the archive records it and gives it a registration
 * number; nothing is hidden or deleted. The policy (complaints, threats, the account's choice) and a moderator's
 * REGISTER decision ask for it here, inside their transaction; the implementation lives with the archive requests.
 */
public interface RegistrationRequests {

    /**
     * Ask the archive to register the case's current comment version. Asking again for the same version changes
     * nothing. Returns false when it had been asked already.
     */
    boolean requestRegistration(ModerationCase mc, RegistrationReason reason, String actor);
}
