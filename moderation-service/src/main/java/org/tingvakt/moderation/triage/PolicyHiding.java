package org.tingvakt.moderation.triage;

import java.util.UUID;
import org.tingvakt.moderation.triage.cases.ModerationCase;

/**
 * What the account policy asks of the platform for a classified comment: hide it, or show it again after an allowed
 * edit. Each call records a durable step in the caller's transaction (the call itself is made after commit and retried);
 * the implementation lives with the platform actions.
 */
public interface PolicyHiding {
    /** The actor the policy's platform actions are recorded with. */
    String ACTOR = "policy";

    void hide(ModerationCase mc, String accountExternalId, String reason);

    void unhide(ModerationCase mc, String accountExternalId, String reason);

    /** Whether the case's latest hide or unhide on the platform was a hide by the policy (false: by a person, or none). */
    boolean hiddenByPolicy(UUID caseId);
}
