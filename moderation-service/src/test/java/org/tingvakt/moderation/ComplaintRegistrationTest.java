package org.tingvakt.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.tingvakt.moderation.TestSupport.as;
import static org.tingvakt.moderation.TestSupport.signedMeta;
import static org.tingvakt.moderation.TestSupport.single;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.ArchivePurpose;
import org.tingvakt.contracts.EventType;
import org.tingvakt.contracts.EvidenceDigest;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.RecordArchived;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.SampleWebhook;
import org.tingvakt.eventing.EventJson;
import org.tingvakt.moderation.actions.connector.FakeGraphApi;

/**
 * Registration without removal: a complaint on the page goes to the archive for registration and stays on the page;
 * once the archive's record comes back with its number, the citizen gets an acknowledgement reply in the account's
 * language. A moderator can register any case with a REGISTER decision.
 */
@QuarkusTest
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class ComplaintRegistrationTest {
    private static final Duration WAIT = Duration.ofSeconds(45);

    @Inject
    DataSource db;

    private final EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());

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

    private JsonPath awaitRegistrationRequest(Comment c) {
        return JsonPath.from(kafka.await(
                        Topics.ARCHIVE_REQUESTS,
                        r -> r.value().contains(c.caseId) && r.value().contains("\"REGISTRATION\""),
                        WAIT)
                .get(0)
                .value());
    }

    /** What the archive answers to a registration request: verified, with the number it gave. */
    private void archiveRegisters(JsonPath req, Comment c, String number) {
        String digest = EvidenceDigest.of(c.commentId, 1, c.senderId, c.text);
        assertThat(req.getString("contentSha256")).isEqualTo(digest);
        RecordArchived answer = new RecordArchived(
                        UUID.randomUUID().toString(),
                        req.getString("requestId"),
                        req.getString("caseId"),
                        req.getString("commentId"),
                        req.getInt("version"),
                        Platform.FACEBOOK,
                        req.getString("accountId"),
                        req.getString("threadKey"),
                        digest,
                        "ab".repeat(32),
                        true,
                        Instant.now(),
                        ArchivePurpose.REGISTRATION,
                        number,
                        null)
                .signedWith(org.tingvakt.contracts.EventSignature.privateKey(
                        org.tingvakt.devstack.LocalSecrets.ARCHIVE_SIGNING_KEY));
        kafka.sendEvent(
                Topics.ARCHIVE_RECORDS,
                req.getString("threadKey"),
                EventType.RECORD_ARCHIVED.ceType(),
                EventJson.write(answer));
    }

    private FakeGraphApi.Recorded awaitReply(Comment c) {
        return await().atMost(WAIT)
                .until(
                        () -> GraphApiStub.requestsFor(c.commentId).stream()
                                .filter(r ->
                                        r.method().equals("POST") && r.path().endsWith("/" + c.commentId + "/comments"))
                                .findFirst()
                                .orElse(null),
                        r -> r != null);
    }

    @Test
    void aComplaintIsRegisteredLeftOnThePageAndAcknowledgedWithItsNumber() {
        String page = "1000000" + (100_000_000L + (long) (Math.random() * 800_000_000L));
        TestSupport.account(db, Platform.FACEBOOK, page, "da", "{}", false);
        String accountId = single(db, "SELECT id FROM account WHERE external_id = ?", page);
        as("moderator")
                .when()
                .get("/api/accounts/" + accountId + "/registration-policy")
                .then()
                .statusCode(200)
                .body("register", org.hamcrest.Matchers.contains("COMPLAINT"))
                .body("publishNumber", equalTo(false));
        // The account publishes the number in its acknowledgements (off by default); only an admin may say so.
        Map<String, Object> policy = Map.of("register", java.util.List.of("COMPLAINT"), "publishNumber", true);
        as("moderator")
                .contentType(ContentType.JSON)
                .body(policy)
                .when()
                .put("/api/accounts/" + accountId + "/registration-policy")
                .then()
                .statusCode(403);
        as("admin")
                .contentType(ContentType.JSON)
                .body(policy)
                .when()
                .put("/api/accounts/" + accountId + "/registration-policy")
                .then()
                .statusCode(200)
                .body("publishNumber", equalTo(true));

        Comment c = comment(page, "Jeg vil klage over kommunens behandling af min byggesag.");
        as("moderator")
                .when()
                .get("/api/cases/" + c.caseId)
                .then()
                .statusCode(200)
                .body("intents", org.hamcrest.Matchers.hasItem("COMPLAINT"));
        JsonPath req = awaitRegistrationRequest(c);
        assertThat(req.getList("intents", String.class)).contains("COMPLAINT");
        assertThat(req.getString("registration")).isEqualTo("COMPLAINT");
        assertThat(req.getString("requestedBy")).isEqualTo("policy");

        archiveRegisters(req, c, "KS 2026/42");
        FakeGraphApi.Recorded reply = awaitReply(c);
        assertThat(reply.form().get("message"))
                .isEqualTo("Tak for din henvendelse. Vi har modtaget din klage, og den er journaliseret under "
                        + "journalnummer KS 2026/42. Du hører fra os hurtigst muligt.");

        // The comment stays on the page: never hidden, never deleted; the case waits for a person as before.
        as("moderator").when().get("/api/cases/" + c.caseId).then().body("state", equalTo("PENDING_REVIEW"));
        assertThat(GraphApiStub.requestsFor(c.commentId))
                .noneMatch(r -> "true".equals(r.form().get("is_hidden")))
                .noneMatch(r -> r.method().equals("DELETE"));
        assertThat(single(
                        db,
                        "SELECT registration_number FROM archive_request WHERE case_id = ?::uuid "
                                + "AND purpose = 'REGISTRATION'",
                        c.caseId))
                .isEqualTo("KS 2026/42");
        // The same answer again neither acknowledges twice nor changes anything.
        archiveRegisters(req, c, "KS 2026/42");
        await().during(Duration.ofSeconds(2))
                .atMost(WAIT)
                .until(() -> GraphApiStub.requestsFor(c.commentId).stream()
                                .filter(r -> r.path().endsWith("/" + c.commentId + "/comments"))
                                .count()
                        == 1);
    }

    @Test
    void withoutPublishingTheAcknowledgementSaysRegisteredWithoutTheNumber() {
        String page = "1000000" + (100_000_000L + (long) (Math.random() * 800_000_000L));
        TestSupport.account(db, Platform.FACEBOOK, page, "sv", "{}", false);
        Comment c = comment(page, "Jag vill lämna in ett klagomål på hur kommunen har hanterat mitt ärende.");
        as("moderator")
                .when()
                .get("/api/cases/" + c.caseId)
                .then()
                .statusCode(200)
                .body("intents", org.hamcrest.Matchers.hasItem("COMPLAINT"));
        JsonPath req = awaitRegistrationRequest(c);
        archiveRegisters(req, c, "KS 2026/43");
        String text = awaitReply(c).form().get("message");
        assertThat(text).contains("diarieförts").doesNotContain("KS 2026/43");
    }

    @Test
    void aModeratorRegistersAnyCaseOnceWithoutTouchingTheComment() {
        Comment c = comment(SampleWebhook.DEMO_PAGE_ID, "Flot arbejde med den nye cykelsti langs åen.");
        long version = as("moderator")
                .when()
                .get("/api/cases/" + c.caseId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("version");
        as("moderator")
                .contentType(ContentType.JSON)
                .body(Map.of("decision", "REGISTER", "reason", "CASE_DOCUMENT", "expectedVersion", version))
                .when()
                .post("/api/cases/" + c.caseId + "/decisions")
                .then()
                .statusCode(200);
        JsonPath req = awaitRegistrationRequest(c);
        assertThat(req.getString("registration")).isEqualTo("MODERATOR_DECISION");
        assertThat(req.getString("requestedBy")).isNotBlank().isNotEqualTo("policy");
        as("moderator")
                .contentType(ContentType.JSON)
                .body(Map.of("decision", "REGISTER", "reason", "CASE_DOCUMENT"))
                .when()
                .post("/api/cases/" + c.caseId + "/decisions")
                .then()
                .statusCode(409);
        archiveRegisters(req, c, "KS 2026/44");
        await().atMost(WAIT)
                .until(() -> "KS 2026/44"
                        .equals(single(
                                db,
                                "SELECT registration_number FROM "
                                        + "archive_request WHERE case_id = ?::uuid AND purpose = 'REGISTRATION'",
                                c.caseId)));
        // Not a complaint: no public acknowledgement; and nothing hidden or deleted.
        assertThat(GraphApiStub.requestsFor(c.commentId)).isEmpty();
    }

    @Test
    void aThreatIsRegisteredWhenItLeavesPublicViewNotOnArrival() {
        // The default policy: a threat waits for a person and is not registered on arrival.
        String page = "1000000" + (100_000_000L + (long) (Math.random() * 800_000_000L));
        TestSupport.account(db, Platform.FACEBOOK, page, "da", "{}", false);
        Comment waiting = comment(page, "Jeg vil dræbe borgmesteren i morgen.");
        long version = as("moderator")
                .when()
                .get("/api/cases/" + waiting.caseId)
                .then()
                .statusCode(200)
                .body("labels", org.hamcrest.Matchers.hasItem("THREAT"))
                .body("state", equalTo("PENDING_REVIEW"))
                .extract()
                .jsonPath()
                .getLong("version");
        // (the case and any registration request are written in one transaction)
        assertThat(single(db, "SELECT count(*) FROM archive_request WHERE case_id = ?::uuid", waiting.caseId))
                .isEqualTo("0");

        // A moderator hides it as a threat: it is registered as it leaves public view.
        as("moderator")
                .contentType(ContentType.JSON)
                .body(Map.of("decision", "HIDE", "reason", "THREAT", "expectedVersion", version))
                .when()
                .post("/api/cases/" + waiting.caseId + "/decisions")
                .then()
                .statusCode(200);
        JsonPath req = awaitRegistrationRequest(waiting);
        assertThat(req.getString("registration")).isEqualTo("THREAT");
        assertThat(req.getString("requestedBy")).isNotBlank().isNotEqualTo("policy");

        // A policy that hides threats by itself registers each as it hides it.
        String hidingPage = "1000000" + (100_000_000L + (long) (Math.random() * 800_000_000L));
        TestSupport.account(db, Platform.FACEBOOK, hidingPage, "da", "{\"THREAT\":\"HIDE\"}", false);
        Comment hidden = comment(hidingPage, "Jeg vil dræbe borgmesteren i morgen.");
        JsonPath byPolicy = awaitRegistrationRequest(hidden);
        assertThat(byPolicy.getString("registration")).isEqualTo("THREAT");
        assertThat(byPolicy.getString("requestedBy")).isEqualTo("policy");
        await().atMost(WAIT)
                .until(() -> GraphApiStub.requestsFor(hidden.commentId).stream()
                        .anyMatch(r -> "true".equals(r.form().get("is_hidden"))));
        assertThat(single(db, "SELECT count(*) FROM archive_request WHERE case_id = ?::uuid", hidden.caseId))
                .isEqualTo("1");
    }
}
