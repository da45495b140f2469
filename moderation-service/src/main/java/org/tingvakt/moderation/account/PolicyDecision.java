package org.tingvakt.moderation.account;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.tingvakt.contracts.Intent;
import org.tingvakt.contracts.KnownValues;
import org.tingvakt.contracts.PolicyAction;

/**
 * The account policy's answer for one classified comment.
 *
 * @param action what to do with the comment now
 * @param deciding the label whose rule gave {@code action} (the reason category for a thread notice); empty for ALLOW
 *                 without labels, or when an intent alone decided
 * @param registrationTask a complaint: it must be registered and is never deleted automatically (invariant 5)
 * @param politicalReferral a political question: answer with the account's referral template
 * @param replyNeeded a question: someone must answer it by the account's deadline
 * @param downgraded true when the configured action was stricter than what was allowed here (automatic deletion off, or
 *                   a complaint), so the action was lowered to HIDE_AND_ARCHIVE
 */
public record PolicyDecision(
        PolicyAction action,
        Optional<String> deciding,
        boolean registrationTask,
        boolean politicalReferral,
        boolean replyNeeded,
        boolean downgraded) {

    public PolicyDecision {
        java.util.Objects.requireNonNull(action, "action");
        java.util.Objects.requireNonNull(deciding, "deciding");
    }

    /** True when the comment is to be hidden on the platform now. */
    public boolean hideNow() {
        return action.compareTo(PolicyAction.HIDE) >= 0;
    }

    /** True when the archive record is to be requested now. */
    public boolean archiveNow() {
        return action.compareTo(PolicyAction.HIDE_AND_ARCHIVE) >= 0;
    }

    /** True when the comment is to be deleted automatically once its verified record exists. */
    public boolean deleteAfterArchive() {
        return action == PolicyAction.DELETE_AFTER_ARCHIVE;
    }

    /** True when a person must look at the case (anything but ALLOW, or any intent that needs work). */
    public boolean needsModerator() {
        return action != PolicyAction.ALLOW || registrationTask || politicalReferral || replyNeeded;
    }

    /** The same decision with REVIEW as its action: a person decides (the platform would refuse the action). */
    public PolicyDecision reviewInstead() {
        return new PolicyDecision(
                PolicyAction.REVIEW, deciding, registrationTask, politicalReferral, replyNeeded, downgraded);
    }

    /** The intents the policy knows. */
    public static final Set<String> INTENTS = Set.copyOf(KnownValues.Names.names(EnumSet.allOf(Intent.class)));
}
