package org.tingvakt.contracts;

/**
 * Why moderation asks the archive for a record. The archive handles both alike (render, store, chain, verify); what
 * differs is what moderation does with the answer: evidence of a removal lets the deletion go on, a registration never
 * touches the comment on the platform.
 */
public enum ArchivePurpose {
    /** Evidence kept before the comment is hidden or deleted (invariant 1). Also the meaning of a request without purpose. */
    REMOVAL_EVIDENCE,
    /** The comment stays on the platform; it is recorded to be registered (journalised, diarised) as a case document. */
    REGISTRATION
}
