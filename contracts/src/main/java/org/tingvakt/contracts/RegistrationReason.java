package org.tingvakt.contracts;

/** Why a record is to be registered at capture; null on a request that leaves registration to the archive's rules. */
public enum RegistrationReason {
    /** The comment is a complaint (intent COMPLAINT): registered by default. */
    COMPLAINT,
    /** The comment is a threat (label THREAT): registered by default. */
    THREAT,
    /** The account's policy registers this label or intent automatically. */
    ACCOUNT_POLICY,
    /** A moderator decided REGISTER on the case. */
    MODERATOR_DECISION
}
