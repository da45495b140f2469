package org.tingvakt.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.tingvakt.client.moderation.model.CaseState;
import org.tingvakt.client.moderation.model.Decision;
import org.tingvakt.client.moderation.model.DecisionRequest;
import org.tingvakt.client.moderation.model.QueueItem;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.LocalSecrets;
import org.tingvakt.devstack.SampleWebhook;
import org.tingvakt.devstack.TingvaktService;

/**
 * The three packaged services as separate processes against one devstack, driven only through public interfaces:
 * a webhook in, REST (through the clients generated from the OpenAPI documents) and Kafka events out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration AFTER_REBALANCE = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ServiceStack stack;

    @BeforeAll
    static void startEverything() {
        stack = ServiceStack.start("walking-skeleton", false, (self, service) -> Map.of());
    }

    @AfterAll
    static void stopEverything() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aThreateningQuestionIsClassifiedGetsADeadlineAndIsDeletedOnlyAfterItsRecord() throws Exception {
        String post = SampleWebhook.DEMO_PAGE_ID + "_" + UUID.randomUUID();
        String commentId = post + "_1";
        String body = SampleWebhook.comment(
                SampleWebhook.DEMO_PAGE_ID,
                post,
                commentId,
                "5550001",
                "Per Hansen",
                "Jeg vil slå borgmesteren ihjel. Hvornår er han på rådhuset?");
        HttpResponse<String> accepted =
                SampleWebhook.post(stack.url(TingvaktService.MODERATION), LocalSecrets.META_APP_SECRET, body);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(accepted.body()).get("stored").asInt()).isEqualTo(1);

        // moderation: a case, classified with the threat and the question
        QueueItem theCase = await().atMost(WAIT)
                .until(() -> stack.caseFor(commentId), c -> c != null && c.getState() == CaseState.PENDING_REVIEW);
        assertThat(theCase.getLabels()).contains("THREAT");
        assertThat(theCase.getIntents()).contains("QUESTION");
        String caseId = theCase.getId().toString();

        // notifier: a reply deadline for the question
        var deadline = await().atMost(WAIT)
                .until(
                        () -> stack.deadlines("moderator").listDeadlines(null, caseId, null, null, null),
                        d -> !d.isEmpty())
                .get(0);
        assertThat(String.valueOf(deadline.getState())).isEqualTo("OPEN");
        assertThat(deadline.getIntent()).isEqualTo("QUESTION");

        // a moderator deletes: evidence first (archive), then deleted (an answer other than 2xx throws ApiException)
        var decided = stack.cases("moderator")
                .decideCaseWithHttpInfo(
                        theCase.getId(),
                        new DecisionRequest().decision(Decision.DELETE).reason("THREAT"));
        assertThat(decided.getData().getState()).isEqualTo(CaseState.ARCHIVING);
        // the version of the contract that served the call: major 1, the /api paths without a prefix (docs/api.md)
        assertThat(decided.getHeaders().get("api-version"))
                .singleElement()
                .asString()
                .startsWith("1.");
        await().atMost(WAIT).until(() -> stack.caseFor(commentId).getState() == CaseState.DELETED);

        // deleted on the platform (the local Graph API stand-in) only now, after the record
        assertThat(stack.graph().calls()).contains("DELETE /v25.0/" + commentId);
        var records = stack.records("archivist")
                .searchRecords(null, null, commentId, null, null, null, null, null, null, null, null)
                .getItems();
        assertThat(records).isNotEmpty();
        var verification =
                stack.records("archivist").verifyRecord(records.get(0).getId());
        assertThat(verification.getRecordHashMatches()).isTrue();
        assertThat(verification.getContentDigestMatches()).isTrue();

        // the deletion closes the deadline, and the action is on the bus
        await().atMost(WAIT)
                .until(() -> "CLOSED"
                        .equals(String.valueOf(stack.deadlines("moderator")
                                .listDeadlines(null, caseId, null, null, null)
                                .get(0)
                                .getState())));
        assertThat(stack.events()
                        .await(
                                Topics.MODERATION_ACTIONS,
                                r -> r.value().contains(caseId) && r.value().contains("\"DELETED\""),
                                WAIT))
                .hasSize(1);
    }

    @Test
    @Order(2)
    void aServiceKilledBetweenItsCommitAndItsPublishPublishesAfterRestart() throws Exception {
        // The moderation service commits webhooks but its outbox relay never runs: a crash right after every commit.
        stack.kill(TingvaktService.MODERATION);
        stack.restart(TingvaktService.MODERATION, Map.of("TINGVAKT_EVENTING_RELAY_ENABLED", "false"));

        String post = SampleWebhook.DEMO_PAGE_ID + "_" + UUID.randomUUID();
        String commentId = post + "_crash";
        HttpResponse<String> accepted = SampleWebhook.post(
                stack.url(TingvaktService.MODERATION),
                LocalSecrets.META_APP_SECRET,
                SampleWebhook.comment(
                        SampleWebhook.DEMO_PAGE_ID,
                        post,
                        commentId,
                        "5550002",
                        "Kari Nordmann",
                        "Når åpner biblioteket igjen?"));
        assertThat(JSON.readTree(accepted.body()).get("stored").asInt()).isEqualTo(1);
        Thread.sleep(3000);
        assertThat(stack.events().readAll(Topics.COMMENTS_RECEIVED))
                .noneMatch(r -> r.value().contains(commentId));

        stack.kill(TingvaktService.MODERATION); // SIGKILL: no shutdown hook, nothing flushed
        stack.restart(TingvaktService.MODERATION);

        List<EventProbe.Received> published =
                stack.events().await(Topics.COMMENTS_RECEIVED, r -> r.value().contains(commentId), WAIT);
        assertThat(published).hasSize(1);
        // The killed instance stays in its consumer group until the broker's session timeout (45 s) expires.
        QueueItem theCase = await().atMost(AFTER_REBALANCE).until(() -> stack.caseFor(commentId), c -> c != null);
        assertThat(theCase.getIntents()).contains("QUESTION");
    }
}
