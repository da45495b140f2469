package org.tingvakt.moderation.account;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.tingvakt.contracts.Intent;
import org.tingvakt.contracts.PolicyAction;

/**
 * One account's moderation policy: an action per label, the action for labels without a rule, and whether automatic
 * deletion (after evidence) is allowed at all. Pure: the decision needs no database, so it is cheap per comment.
 *
 * @param perLabel the configured action per label name (THREAT, HATE, …)
 * @param unlisted the action for a label that has no rule of its own (REVIEW unless the account says otherwise)
 * @param autoDeleteEnabled off by default: without it DELETE_AFTER_ARCHIVE is applied as HIDE_AND_ARCHIVE
 */
public record AccountPolicy(Map<String, PolicyAction> perLabel, PolicyAction unlisted, boolean autoDeleteEnabled) {

    /** What an account has before an admin sets anything: every label goes to a moderator, nothing is hidden by itself. */
    public static final AccountPolicy DEFAULT = new AccountPolicy(Map.of(), PolicyAction.REVIEW, false);

    public AccountPolicy {
        perLabel = Map.copyOf(perLabel == null ? Map.of() : new TreeMap<>(perLabel));
        unlisted = unlisted == null ? PolicyAction.REVIEW : unlisted;
    }

    public PolicyAction actionFor(String label) {
        return perLabel.getOrDefault(label, unlisted);
    }

    /** The strictest action of the labels, lowered where deletion is not allowed; intents add flags. */
    public PolicyDecision decide(Set<String> labels, Set<String> intents) {
        PolicyAction action = PolicyAction.ALLOW;
        Optional<String> deciding = Optional.empty();
        for (String label : new java.util.TreeSet<>(labels)) { // sorted: the same input always names the same label
            PolicyAction a = actionFor(label);
            if (deciding.isEmpty() || a.stricterThan(action)) {
                action = a;
                deciding = Optional.of(label);
            }
        }
        if (action == PolicyAction.ALLOW) {
            deciding = Optional.empty();
        }
        boolean complaint = Intent.COMPLAINT.in(intents);
        boolean political = Intent.POLITICAL.in(intents);
        boolean question = Intent.QUESTION.in(intents);
        boolean downgraded = false;
        if (action == PolicyAction.DELETE_AFTER_ARCHIVE && (!autoDeleteEnabled || complaint)) {
            action = PolicyAction.HIDE_AND_ARCHIVE; // complaints are never auto-deleted (invariant 5)
            downgraded = true;
        }
        if (action == PolicyAction.ALLOW && (complaint || political || question)) {
            action = PolicyAction.REVIEW; // someone must register, refer or answer it
        }
        return new PolicyDecision(action, deciding, complaint, political, question, downgraded);
    }

    /** The table as an admin sees it: every known label with its action. */
    public Map<String, PolicyAction> table(Set<String> knownLabels) {
        Map<String, PolicyAction> t = new TreeMap<>();
        knownLabels.forEach(l -> t.put(l, actionFor(l)));
        t.putAll(perLabel);
        return t;
    }
}
