package org.tingvakt.moderation.policy;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.tingvakt.moderation.account.Account;

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
}
