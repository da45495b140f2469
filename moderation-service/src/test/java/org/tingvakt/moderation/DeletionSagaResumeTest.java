package org.tingvakt.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.tingvakt.moderation.TestSupport.archived;
import static org.tingvakt.moderation.TestSupport.as;
import static org.tingvakt.moderation.TestSupport.count;
import static org.tingvakt.moderation.TestSupport.decide;
import static org.tingvakt.moderation.TestSupport.signedMeta;
import static org.tingvakt.moderation.TestSupport.single;
import static org.tingvakt.moderation.TestSupport.update;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.EventType;
import org.tingvakt.contracts.EvidenceDigest;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.SampleWebhook;
import org.tingvakt.eventing.EventJson;
import org.tingvakt.moderation.actions.PlatformActionRunner;
import org.tingvakt.moderation.actions.PlatformActionSteps;
import org.tingvakt.moderation.actions.connector.FakeGraphApi;
import org.tingvakt.moderation.actions.connector.FakeGraphApi.Answer;

/**
 * Delete only after evidence, with real platform calls against the fake Graph API: failures stay visible and are retried,
 * a run that died mid-call resumes, and the policy hides at once but deletes by itself only where allowed.
 *
 * <p>A Quarkus test cannot kill its own process, so "the service died" is simulated with the state a dead process leaves
 * in the database: an action claimed (leased) by a run that never recorded its outcome, while the runner is paused.
 */
@QuarkusTest
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class DeletionSagaResumeTest {
    private static final String PAGE = SampleWebhook.DEMO_PAGE_ID;
    private static final Duration WAIT = Duration.ofSeconds(45);

    @Inject
    DataSource db;

    @Inject
    PlatformActionRunner runner;

    @Inject
    PlatformActionSteps steps;

    private final EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());
    private final FakeGraphApi graph = GraphApiStub.get();

    @AfterEach
    void runnerOn() {
        runner.resume();
    }

    @Test
    void aFailedPlatformDeleteLeavesTheCaseArchivedAndHiddenUntilTheResumerDeletesIt() {
        Comment c = comment(PAGE, "Jeg vil dræbe borgmesteren i morgen.");
        graph.on(
                "DELETE",
                "/" + c.commentId,
                Answer.graphError(400, 4, null, "Application request limit reached")
                        .withHeader("Retry-After", "6"));
        JsonPath req = deleteDecisionAndRequest(c);
        sendVerifiedRecord(req, c);

        // The platform refused (rate limit): the case is ARCHIVED, the comment hidden, the failure on the case.
        await().atMost(WAIT)
                .until(() -> "RATE_LIMITED"
                        .equals(single(
                                db,
                                "SELECT result_category FROM platform_action WHERE case_id = ?::uuid AND operation = 'DELETE'",
                                c.caseId)));
        JsonPath actions = as("moderator")
                .queryParam("caseId", c.caseId)
                .when()
                .get("/api/platform-actions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(actions.getList("operation", String.class)).containsExactly("HIDE", "DELETE");
        assertThat(actions.getList("state", String.class)).containsExactly("DONE", "PENDING");
        assertThat(actions.getInt("[1].graphCode")).isEqualTo(4);
        assertThat(actions.getString("[1].nextAttemptAt")).isNotNull();
        as("moderator").when().get("/api/cases/" + c.caseId).then().body("state", equalTo("ARCHIVED"));
        assertThat(GraphApiStub.requestsFor(c.commentId))
                .anyMatch(r -> "true".equals(r.form().get("is_hidden")));

        // The resumer tries again after the platform's wait and deletes it; one ModerationActionTaken DELETED.
        await().atMost(WAIT)
                .untilAsserted(() -> as("moderator")
                        .when()
                        .get("/api/cases/" + c.caseId)
                        .then()
                        .body("state", equalTo("DELETED")));
        assertThat(GraphApiStub.requestsFor(c.commentId))
                .filteredOn(r -> r.method().equals("DELETE"))
                .hasSize(2);
        assertThat(kafka.await(
                        Topics.MODERATION_ACTIONS,
                        r -> r.value().contains(c.caseId) && r.value().contains("\"DELETED\""),
                        WAIT))
                .hasSize(1);
    }

    @Test
    void aRunThatDiedMidCallIsResumedAfterItsLease() {
        Comment c = comment(PAGE, "Jeg vil dræbe borgmesteren i morgen.");
        JsonPath req = deleteDecisionAndRequest(c);
        await().atMost(WAIT)
                .until(() -> GraphApiStub.requestsFor(c.commentId).stream()
                        .anyMatch(r -> "true".equals(r.form().get("is_hidden"))));

        runner.pause(); // the service is down from here
        sendVerifiedRecord(req, c);
        String deleteId = await().atMost(WAIT)
                .until(
                        () -> single(
                                db,
                                "SELECT id FROM platform_action WHERE case_id = ?::uuid AND operation = 'DELETE'",
                                c.caseId),
                        id -> id != null);
        as("moderator").when().get("/api/cases/" + c.caseId).then().body("state", equalTo("ARCHIVED"));

        // A run took the delete up and died before the platform answered: claimed (leased), outcome never recorded.
        assertThat(steps.claim(UUID.fromString(deleteId))).isPresent();
        runner.resume(); // the service is back
        runner.runDue(); // the lease still holds: nothing is sent twice while the dead run might still be in flight
        assertThat(GraphApiStub.requestsFor(c.commentId))
                .noneMatch(r -> r.method().equals("DELETE"));
        as("moderator").when().get("/api/cases/" + c.caseId).then().body("state", equalTo("ARCHIVED"));

        // The lease runs out: the next run deletes it, once.
        update(
                db,
                "UPDATE platform_action SET next_attempt_at = now() - interval '1 second' WHERE id = ?::uuid",
                deleteId);
        await().atMost(WAIT)
                .untilAsserted(() -> as("moderator")
                        .when()
                        .get("/api/cases/" + c.caseId)
                        .then()
                        .body("state", equalTo("DELETED")));
        assertThat(GraphApiStub.requestsFor(c.commentId))
                .filteredOn(r -> r.method().equals("DELETE"))
                .hasSize(1);
        assertThat(single(db, "SELECT runs FROM platform_action WHERE id = ?::uuid", deleteId))
                .isEqualTo("2");
    }

    @Test
    void aPermanentFailureStopsAndIsRetriedOnlyWhenAPersonAsks() {
        Comment c = comment(PAGE, "Jeg vil dræbe borgmesteren i morgen.");
        graph.on("DELETE", "/" + c.commentId, Answer.graphError(400, 190, null, "Error validating access token"));
        JsonPath req = deleteDecisionAndRequest(c);
        sendVerifiedRecord(req, c);
        String deleteId = await().atMost(WAIT)
                .until(
                        () -> single(
                                db,
                                "SELECT id FROM platform_action WHERE case_id = ?::uuid AND operation = 'DELETE' AND state = 'FAILED'",
                                c.caseId),
                        id -> id != null);
        as("moderator")
                .queryParam("caseId", c.caseId)
                .when()
                .get("/api/platform-actions")
                .then()
                .body("[1].resultCategory", equalTo("AUTH"))
                .body("[1].graphCode", equalTo(190));
        as("moderator")
                .when()
                .post("/api/platform-actions/" + deleteId + "/retry")
                .then()
                .statusCode(403);
        as("editor")
                .when()
                .post("/api/platform-actions/" + UUID.randomUUID() + "/retry")
                .then()
                .statusCode(404);
        as("editor")
                .when()
                .post("/api/platform-actions/" + deleteId + "/retry")
                .then()
                .statusCode(200);
        await().atMost(WAIT)
                .untilAsserted(() -> as("moderator")
                        .when()
                        .get("/api/cases/" + c.caseId)
                        .then()
                        .body("state", equalTo("DELETED")));
    }

    @Test
    void thePolicyHidesAtOnceAndDeletesByItselfOnlyWhereAllowedAndNeverAComplaint() {
        String autoPage = "200000000000002";
        TestSupport.account(db, Platform.FACEBOOK, autoPage, "sv", "{\"THREAT\":\"DELETE_AFTER_ARCHIVE\"}", true);
        String hidePage = "200000000000003";
        TestSupport.account(db, Platform.FACEBOOK, hidePage, "nb", "{\"THREAT\":\"HIDE\"}", false);

        // HIDE: hidden on the platform at once, HIDDEN, and the action is published with the policy as actor.
        Comment hidden = comment(hidePage, "Jeg vil dræbe borgmesteren i morgen.");
        await().atMost(WAIT)
                .until(() -> GraphApiStub.requestsFor(hidden.commentId).stream()
                        .anyMatch(r -> "true".equals(r.form().get("is_hidden"))));
        as("moderator").when().get("/api/cases/" + hidden.caseId).then().body("state", equalTo("HIDDEN"));
        EventProbe.Received hiddenEvent = kafka.await(
                        Topics.MODERATION_ACTIONS,
                        r -> r.value().contains(hidden.caseId) && r.value().contains("\"HIDDEN\""),
                        WAIT)
                .get(0);
        assertThat(hiddenEvent.value()).contains("\"actor\":\"policy\"");

        // DELETE_AFTER_ARCHIVE with automatic deletion on: hidden, archived, deleted without a person.
        Comment threat = comment(autoPage, "Jeg vil dræbe borgmesteren i morgen.");
        JsonPath req = awaitRequest(threat);
        assertThat(req.getString("requestedBy")).isEqualTo("policy");
        sendVerifiedRecord(req, threat);
        await().atMost(WAIT)
                .untilAsserted(() -> as("moderator")
                        .when()
                        .get("/api/cases/" + threat.caseId)
                        .then()
                        .body("state", equalTo("DELETED")));

        // The same policy for a complaint: hidden and archived, never deleted automatically (invariant 5).
        Comment complaint = comment(autoPage, "Jeg vil klage over kommunen. Jeg vil dræbe borgmesteren.");
        as("moderator")
                .when()
                .get("/api/cases/" + complaint.caseId)
                .then()
                .body("intents", org.hamcrest.Matchers.hasItem("COMPLAINT"));
        JsonPath complaintReq = awaitRequest(complaint);
        sendVerifiedRecord(complaintReq, complaint);
        await().atMost(WAIT)
                .untilAsserted(() -> as("moderator")
                        .when()
                        .get("/api/cases/" + complaint.caseId)
                        .then()
                        .body("state", equalTo("ARCHIVED")));
        // The hide is a platform action the runner makes after commit (a scheduled run may hold it mid-call, so a
        // runDue here would not wait for it): it is hidden on the platform...
        await().atMost(WAIT)
                .until(() -> GraphApiStub.requestsFor(complaint.commentId).stream()
                        .anyMatch(r -> "true".equals(r.form().get("is_hidden"))));
        // ...and, with everything due run, never deleted.
        runner.runDue();
        assertThat(count(db, "platform_action WHERE case_id = ?::uuid AND operation = 'DELETE'", complaint.caseId))
                .isZero();
        assertThat(GraphApiStub.requestsFor(complaint.commentId))
                .noneMatch(r -> r.method().equals("DELETE"));
    }

    private record Comment(String post, String commentId, String text, String senderId, String caseId) {}

    private Comment comment(String page, String text) {
        String post = page + "_" + UUID.randomUUID();
        String commentId = post + "_c";
        String sender = Long.toString(1_000_000 + (long) (Math.random() * 1_000_000));
        signedMeta(SampleWebhook.comment(page, post, commentId, sender, "Ada Testesen", text))
                .then()
                .statusCode(200)
                .body("stored", equalTo(1));
        String caseId = await().atMost(WAIT)
                .until(
                        () -> single(db, "SELECT id FROM moderation_case WHERE comment_id = ?", commentId),
                        id -> id != null);
        return new Comment(post, commentId, text, sender, caseId);
    }

    private JsonPath deleteDecisionAndRequest(Comment c) {
        long version = as("moderator")
                .when()
                .get("/api/cases/" + c.caseId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("version");
        decide(c.caseId, "DELETE", version).then().statusCode(200).body("state", equalTo("ARCHIVING"));
        return awaitRequest(c);
    }

    private JsonPath awaitRequest(Comment c) {
        // The evidence request, not the registration a threat or complaint gets when it is classified.
        EventProbe.Received request = kafka.await(
                        Topics.ARCHIVE_REQUESTS,
                        r -> r.value().contains(c.caseId) && r.value().contains("\"purpose\":\"REMOVAL_EVIDENCE\""),
                        WAIT)
                .get(0);
        return JsonPath.from(request.value());
    }

    private void sendVerifiedRecord(JsonPath req, Comment c) {
        String digest = EvidenceDigest.of(c.commentId, 1, c.senderId, c.text);
        assertThat(req.getString("contentSha256")).isEqualTo(digest);
        kafka.sendEvent(
                Topics.ARCHIVE_RECORDS,
                req.getString("threadKey"),
                EventType.RECORD_ARCHIVED.ceType(),
                EventJson.write(archived(req, digest)));
    }
}
