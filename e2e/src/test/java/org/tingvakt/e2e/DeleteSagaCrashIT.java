package org.tingvakt.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tingvakt.client.moderation.model.ActionView;
import org.tingvakt.client.moderation.model.CaseState;
import org.tingvakt.client.moderation.model.Decision;
import org.tingvakt.client.moderation.model.DecisionRequest;
import org.tingvakt.client.moderation.model.QueueItem;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.LocalSecrets;
import org.tingvakt.devstack.SampleWebhook;
import org.tingvakt.devstack.TingvaktService;

/**
 * Delete only after evidence, with real crashes: the moderation service is SIGKILLed between the saga's steps (after
 * the archive request, before the record; after the record, while the platform delete is pending) and restarted. The
 * comment stays hidden throughout, is deleted on the platform only after the matching {@code RecordArchived}, exactly
 * once, and the thread notice is posted once.
 */
class DeleteSagaCrashIT {
    /** A restarted service waits for the killed instance to leave its consumer groups (its session timeout; 10 s here). */
    private static final Duration AFTER_REBALANCE = Duration.ofSeconds(180);

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Short leases and backoffs so a resumed action runs within seconds, and notices are looked at every second. */
    private static final Map<String, String> MODERATION_ENV = Map.of(
            "TINGVAKT_THREAD_NOTICE_POLL",
            "1s",
            "TINGVAKT_PLATFORM_ACTIONS_LEASE",
            "10s",
            "TINGVAKT_PLATFORM_ACTIONS_BACKOFF",
            "1s",
            "TINGVAKT_PLATFORM_ACTIONS_MAX_BACKOFF",
            "2s",
            "TINGVAKT_META_RETRY_MAX_ATTEMPTS",
            "2");

    private static ServiceStack stack;

    @BeforeAll
    static void startEverything() {
        stack = ServiceStack.start(
                "delete-saga-crash",
                false,
                (self, service) -> service == TingvaktService.MODERATION ? MODERATION_ENV : Map.of());
    }

    @AfterAll
    static void stopEverything() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void killedBetweenSagaStepsTheCommentStaysHiddenAndIsDeletedOnceAfterItsRecord() throws Exception {
        String post = SampleWebhook.DEMO_PAGE_ID + "_" + UUID.randomUUID();
        String commentId = post + "_1";
        String hideOrUnhide = "POST /v25.0/" + commentId;
        String delete = "DELETE /v25.0/" + commentId;
        String notice = "POST /v25.0/" + post + "/comments";
        HttpResponse<String> accepted = SampleWebhook.post(
                stack.url(TingvaktService.MODERATION),
                LocalSecrets.META_APP_SECRET,
                SampleWebhook.comment(
                        SampleWebhook.DEMO_PAGE_ID,
                        post,
                        commentId,
                        "5550101",
                        "Per Hansen",
                        "Jeg vil slå borgmesteren ihjel. Hvornår er han på rådhuset?"));
        assertThat(accepted.statusCode()).isEqualTo(200);
        QueueItem theCase = await().atMost(WAIT)
                .until(() -> stack.caseFor(commentId), c -> c != null && c.getState() == CaseState.PENDING_REVIEW);
        String caseId = theCase.getId().toString();

        // Step 1 with the archive down: the decision hides and requests the record, in one transaction.
        stack.kill(TingvaktService.ARCHIVE);
        var decided = stack.cases("moderator")
                .decideCase(
                        theCase.getId(),
                        new DecisionRequest().decision(Decision.DELETE).reason("THREAT"));
        assertThat(decided.getState()).isEqualTo(CaseState.ARCHIVING);
        await().atMost(WAIT).until(() -> stack.graph().calls().contains(hideOrUnhide));
        stack.events().await(Topics.ARCHIVE_REQUESTS, r -> r.value().contains(commentId), WAIT);

        // Crash 1: after the request, before the record.
        stack.kill(TingvaktService.MODERATION);
        stack.graph().failDeletes(true);
        stack.restart(TingvaktService.ARCHIVE);
        stack.events().await(Topics.ARCHIVE_RECORDS, r -> r.value().contains(commentId), AFTER_REBALANCE);
        Instant recordSeen = Instant.now();
        assertThat(stack.graph().calls()).doesNotContain(delete).containsOnlyOnce(hideOrUnhide);

        // Restarted: the record is taken up (ARCHIVED) and the delete queued, but the platform fails it for now.
        stack.restart(TingvaktService.MODERATION);
        await().atMost(AFTER_REBALANCE).until(() -> stack.graph().calls().contains(delete));
        assertThat(stack.caseFor(commentId).getState()).isEqualTo(CaseState.ARCHIVED);

        // Crash 2: after the record, while the delete is pending.
        stack.kill(TingvaktService.MODERATION);
        long deletesBeforeHeal =
                stack.graph().calls().stream().filter(delete::equals).count();
        assertThat(stack.graph().calls()).doesNotContain(notice);
        stack.graph().failDeletes(false);
        stack.restart(TingvaktService.MODERATION);
        await().atMost(AFTER_REBALANCE).until(() -> stack.caseFor(commentId).getState() == CaseState.DELETED);

        // Hidden once and never shown again; deleted after the record; one delete succeeded; one notice.
        List<String> calls = stack.graph().calls();
        assertThat(calls).containsOnlyOnce(hideOrUnhide);
        assertThat(calls.indexOf(hideOrUnhide)).isLessThan(calls.indexOf(delete));
        assertThat(calls.stream().filter(delete::equals).count()).isGreaterThan(deletesBeforeHeal);
        List<ActionView> actions = stack.platformActions("moderator").listPlatformActions(theCase.getId(), null, null);
        Map<String, ActionView> byOperation = new HashMap<>();
        actions.forEach(a -> byOperation.merge(a.getOperation(), a, (x, y) -> {
            throw new AssertionError("two " + x.getOperation() + " actions: " + actions);
        }));
        assertThat(byOperation).containsOnlyKeys("HIDE", "DELETE");
        assertThat(byOperation.get("HIDE").getState()).isEqualTo("DONE");
        assertThat(byOperation.get("DELETE").getState()).isEqualTo("DONE");
        assertThat(byOperation.get("DELETE").getRuns()).isGreaterThan(1);
        assertThat(byOperation.get("DELETE").getCreatedAt().toInstant()).isAfter(recordSeen.minusSeconds(1));
        assertThat(stack.events()
                        .await(
                                Topics.MODERATION_ACTIONS,
                                r -> r.value().contains(caseId) && r.value().contains("\"DELETED\""),
                                WAIT))
                .hasSize(1);
        await().atMost(WAIT).until(() -> stack.graph().calls().contains(notice));
        Thread.sleep(5000);
        assertThat(stack.graph().calls().stream().filter(notice::equals).count())
                .isEqualTo(1);
        assertThat(stack.records("archivist")
                        .searchRecords(null, null, commentId, null, null, null, null, null, null, null, null)
                        .getItems())
                .hasSize(1);
    }
}
