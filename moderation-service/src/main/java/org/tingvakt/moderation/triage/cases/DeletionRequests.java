package org.tingvakt.moderation.triage.cases;

/**
 * Deleting a case's comment, which only ever happens after its evidence is archived (ARCHITECTURE.md invariant 1). The
 * policy and moderators' decisions ask for it here, inside their transaction; the implementation is the deletion saga
 * with the platform actions, which hides at once, asks the archive for the record and deletes once it is verified.
 */
public interface DeletionRequests {

    /** A moderator decided to delete: hide now, archive, then delete. */
    void requestEvidence(ModerationCase mc, String reason, String actor);

    /**
     * Hide now and archive; with {@code deleteWhenArchived} false the case stays ARCHIVED (hidden) until
     * {@link #deleteArchived} is asked for.
     */
    void requestEvidence(ModerationCase mc, String reason, String actor, boolean deleteWhenArchived);

    /** Delete a case kept ARCHIVED whose current version has a verified record; 409 otherwise. */
    void deleteArchived(ModerationCase mc, String reason, String moderator);
}
