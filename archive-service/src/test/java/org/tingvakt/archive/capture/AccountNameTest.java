package org.tingvakt.archive.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tingvakt.archive.account.AccountRule;
import org.tingvakt.contracts.ArchiveRequested;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.Sender;

/** Which account name the evidence record shows. */
class AccountNameTest {

    private static ArchiveRequested request(String accountName) {
        return new ArchiveRequested(
                "r",
                "c",
                "p_c",
                1,
                Platform.FACEBOOK,
                "104889123456789",
                accountName,
                "p",
                "FACEBOOK:p",
                new Sender("1", "A", null),
                "text",
                null,
                List.of(),
                Instant.EPOCH,
                List.of("THREAT"),
                "THREAT",
                "anna",
                List.of(),
                "x",
                Instant.EPOCH);
    }

    private static AccountRule rule(String name) {
        AccountRule rule = new AccountRule();
        rule.accountId = "104889123456789";
        rule.accountName = name;
        return rule;
    }

    @Test
    void theNameModerationSentIsShownInsteadOfThePlatformId() {
        assertThat(EvidenceRecorder.accountName(request("Aarhus Kommune"), rule(null)))
                .isEqualTo("Aarhus Kommune");
    }

    @Test
    void anArchivistsNameForTheAccountWins() {
        assertThat(EvidenceRecorder.accountName(request("Aarhus Kommune"), rule("Aarhus Kommune – Borgerservice")))
                .isEqualTo("Aarhus Kommune – Borgerservice");
    }

    @Test
    void withoutAnyNameThePlatformIdIsShown() {
        assertThat(EvidenceRecorder.accountName(request(null), rule(null))).isEqualTo("104889123456789");
        assertThat(EvidenceRecorder.accountName(request("  "), rule(""))).isEqualTo("104889123456789");
    }
}
