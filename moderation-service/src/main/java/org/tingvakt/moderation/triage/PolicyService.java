package org.tingvakt.moderation.triage;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.tingvakt.moderation.account.Account;
import org.tingvakt.moderation.account.PolicyDecision;
import org.tingvakt.moderation.intake.CommentVersion;
import org.tingvakt.moderation.triage.cases.PlatformLimit;

/**
 * The per-account, per-label moderation decision. The classification pipeline calls {@link #decide} for every classified
 * comment; the account's policy is stored on the account (see {@code AccountResource}).
 */
@ApplicationScoped
public class PolicyService {

    /** What the account's policy does with a comment that has these labels and intents. Never touches the database. */
    public PolicyDecision decide(Account account, Set<String> labels, Set<String> intents) {
        return account.policy().decide(labels, intents);
    }

    /**
     * As {@link #decide(Account, Set, Set)} for this stored comment: where the platform does not let the account hide
     * or delete it ({@link PlatformLimit}, e.g. a caption mention on another account's media) a hiding or deleting
     * action becomes REVIEW, so nothing is queued that can only fail and a person looks at it (the case API shows
     * {@code platformLimit} as the reason).
     */
    public PolicyDecision decide(Account account, CommentVersion version, Set<String> labels, Set<String> intents) {
        PolicyDecision decision = decide(account, labels, intents);
        return decision.hideNow() && PlatformLimit.of(version).isPresent() ? decision.reviewInstead() : decision;
    }
}
