package org.tingvakt.moderation.triage.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.ModerationAction;
import org.tingvakt.contracts.ModerationActionTaken;
import org.tingvakt.contracts.Platform;

class ModerationActionEventsTest {

    @Test
    void theEventNamesTheCasesCurrentVersionAndTheActionByItsContractName() {
        ModerationCase mc = new ModerationCase();
        mc.id = UUID.fromString("00000000-0000-0000-0000-00000000002a");
        mc.commentId = "123_456";
        mc.version = 3;
        mc.platform = Platform.FACEBOOK;
        mc.threadKey = "facebook:123";
        Instant at = Instant.parse("2026-12-07T12:00:00Z");

        ModerationActionTaken e =
                ModerationActionEvents.of(mc, "page-1", ModerationAction.NO_REPLY_NEEDED, "moderator-7", "HATE", at);

        assertThat(e)
                .isEqualTo(new ModerationActionTaken(
                        "00000000-0000-0000-0000-00000000002a",
                        "123_456",
                        3,
                        Platform.FACEBOOK,
                        "page-1",
                        "facebook:123",
                        "NO_REPLY_NEEDED",
                        "moderator-7",
                        "HATE",
                        at));
    }
}
