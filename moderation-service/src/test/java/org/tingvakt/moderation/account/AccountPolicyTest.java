package org.tingvakt.moderation.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.PolicyAction;

class AccountPolicyTest {
    private static final AccountPolicy STRICT = new AccountPolicy(
            Map.of(
                    "THREAT",
                    PolicyAction.DELETE_AFTER_ARCHIVE,
                    "PROFANITY",
                    PolicyAction.HIDE,
                    "ADVERTISING",
                    PolicyAction.ALLOW,
                    "PERSONAL_DATA",
                    PolicyAction.HIDE_AND_ARCHIVE),
            PolicyAction.REVIEW,
            true);

    @Test
    void aCommentWithoutLabelsOrIntentsIsAllowed() {
        PolicyDecision d = AccountPolicy.DEFAULT.decide(Set.of(), Set.of());
        assertThat(d.action()).isEqualTo(PolicyAction.ALLOW);
        assertThat(d.deciding()).isEmpty();
        assertThat(d.needsModerator()).isFalse();
    }

    @Test
    void theDefaultPolicyQueuesEveryLabelAndHidesNothing() {
        PolicyDecision d = AccountPolicy.DEFAULT.decide(Set.of("THREAT", "HATE"), Set.of());
        assertThat(d.action()).isEqualTo(PolicyAction.REVIEW);
        assertThat(d.hideNow()).isFalse();
    }

    @Test
    void theStrictestLabelWinsAndIsNamedAsTheReason() {
        PolicyDecision d = STRICT.decide(Set.of("PROFANITY", "PERSONAL_DATA", "ADVERTISING"), Set.of());
        assertThat(d.action()).isEqualTo(PolicyAction.HIDE_AND_ARCHIVE);
        assertThat(d.deciding()).contains("PERSONAL_DATA");
        assertThat(d.hideNow()).isTrue();
        assertThat(d.archiveNow()).isTrue();
        assertThat(d.deleteAfterArchive()).isFalse();
    }

    @Test
    void anUnlistedLabelGetsTheUnlistedAction() {
        assertThat(STRICT.decide(Set.of("SEXUAL"), Set.of()).action()).isEqualTo(PolicyAction.REVIEW);
        assertThat(STRICT.decide(Set.of("ADVERTISING"), Set.of()).action()).isEqualTo(PolicyAction.ALLOW);
    }

    @Test
    void automaticDeletionNeedsTheAccountsSwitch() {
        AccountPolicy off = new AccountPolicy(STRICT.perLabel(), PolicyAction.REVIEW, false);
        PolicyDecision d = off.decide(Set.of("THREAT"), Set.of());
        assertThat(d.action()).isEqualTo(PolicyAction.HIDE_AND_ARCHIVE);
        assertThat(d.downgraded()).isTrue();
        assertThat(STRICT.decide(Set.of("THREAT"), Set.of()).deleteAfterArchive())
                .isTrue();
    }

    @Test
    void aComplaintIsNeverDeletedAutomaticallyAndIsRegistered() {
        PolicyDecision d = STRICT.decide(Set.of("THREAT"), Set.of("COMPLAINT"));
        assertThat(d.action()).isEqualTo(PolicyAction.HIDE_AND_ARCHIVE);
        assertThat(d.registrationTask()).isTrue();
        assertThat(d.downgraded()).isTrue();
        PolicyDecision clean = STRICT.decide(Set.of(), Set.of("COMPLAINT"));
        assertThat(clean.action()).isEqualTo(PolicyAction.REVIEW);
        assertThat(clean.registrationTask()).isTrue();
    }

    @Test
    void questionsNeedARepliesAndPoliticalOnesAReferral() {
        PolicyDecision q = AccountPolicy.DEFAULT.decide(Set.of(), Set.of("QUESTION"));
        assertThat(q.replyNeeded()).isTrue();
        assertThat(q.politicalReferral()).isFalse();
        assertThat(q.action()).isEqualTo(PolicyAction.REVIEW);
        PolicyDecision p = AccountPolicy.DEFAULT.decide(Set.of(), Set.of("QUESTION", "POLITICAL"));
        assertThat(p.politicalReferral()).isTrue();
        assertThat(p.deciding()).isEqualTo(Optional.empty());
    }
}
