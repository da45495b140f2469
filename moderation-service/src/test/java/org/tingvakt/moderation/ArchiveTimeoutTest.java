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

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.ArchiveRequested;
import org.tingvakt.contracts.EventSignature;
import org.tingvakt.contracts.EventType;
import org.tingvakt.contracts.EvidenceDigest;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.LocalSecrets;
import org.tingvakt.devstack.SampleWebhook;
import org.tingvakt.eventing.EventJson;
import org.tingvakt.moderation.actions.ArchiveTimeouts;

/**
 * A case the archive never answers does not stay ARCHIVING: after the timeout it is asked again (a new, signed request
 * for the same version), and after the last attempt the case is REJECTED and listed in the queue. The test moves the
 * clock past the timeout instead of waiting for it.
 */
@QuarkusTest
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class ArchiveTimeoutTest {
    private static final Duration WAIT = Duration.ofSeconds(45);

    @Inject
    DataSource db;

    @Inject
    ArchiveTimeouts timeouts;

    @ConfigProperty(name = "tingvakt.archive-request.timeout")
    Duration timeout;

    @ConfigProperty(name = "tingvakt.archive-request.max-attempts")
    int maxAttempts;

    private final EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());

    /** The Graph API that hides and deletes; started here, not left to whichever test class happened to run first. */
    private final org.tingvakt.moderation.actions.connector.FakeGraphApi graph = GraphApiStub.get();

    @Test
    void anUnansweredRequestIsAskedAgainThenTheCaseIsRejectedAndLateEvidenceStillDeletes() {
        String post = SampleWebhook.DEMO_PAGE_ID + "_" + UUID.randomUUID();
        String commentId = post + "_c";
        String text = "Jeg ved hvor du bor, og jeg finder dig.";
        signedMeta(SampleWebhook.comment(SampleWebhook.DEMO_PAGE_ID, post, commentId, "5550001", "Ole Test", text))
                .then()
                .statusCode(200)
                .body("stored", equalTo(1));
        String caseId = await().atMost(WAIT)
                .until(
                        () -> single(db, "SELECT id FROM moderation_case WHERE comment_id = ?", commentId),
                        id -> id != null);
        long version = as("moderator")
                .when()
                .get("/api/cases/" + caseId)
                .then()
                .extract()
                .jsonPath()
                .getLong("version");
        decide(caseId, "DELETE", version).then().statusCode(200).body("state", equalTo("ARCHIVING"));

        // Not yet timed out: nothing happens.
        timeouts.expire(Instant.now());
        assertThat(requests(caseId)).hasSize(1);

        // Each timeout asks again, signed, for the same comment version, until max-attempts requests exist.
        for (int attempt = 2; attempt <= maxAttempts; attempt++) {
            timeouts.expire(Instant.now().plus(timeout).plusSeconds(1));
            int expected = attempt;
            List<ArchiveRequested> requests =
                    await().atMost(WAIT).until(() -> requests(caseId), r -> r.size() == expected);
            assertThat(requests).extracting(ArchiveRequested::requestId).doesNotHaveDuplicates();
            assertThat(requests).allSatisfy(r -> {
                assertThat(r.commentId()).isEqualTo(commentId);
                assertThat(r.contentSha256()).isEqualTo(EvidenceDigest.of(commentId, 1, "5550001", text));
                assertThat(EventSignature.verify(
                                EventSignature.signedContent(r),
                                r.signature(),
                                EventSignature.publicKeys(LocalSecrets.MODERATION_VERIFY_KEY)))
                        .isTrue();
            });
            as("moderator").when().get("/api/cases/" + caseId).then().body("state", equalTo("ARCHIVING"));
        }
        assertThat(count(db, "archive_request WHERE case_id = ?::uuid AND state = 'REJECTED'", caseId))
                .isEqualTo(maxAttempts - 1);

        // The last attempt times out too: the case is REJECTED and in the queue; no further request.
        timeouts.expire(Instant.now().plus(timeout).plusSeconds(1));
        as("moderator").when().get("/api/cases/" + caseId).then().body("state", equalTo("REJECTED"));
        List<String> rejected = as("moderator")
                .queryParam("state", "REJECTED")
                .when()
                .get("/api/cases")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id", String.class);
        assertThat(rejected).contains(caseId);
        List<String> waiting = as("moderator")
                .queryParam("waiting", "true")
                .queryParam("size", "200")
                .when()
                .get("/api/cases")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id", String.class);
        assertThat(waiting)
                .as("a rejected case waits for a moderator's decision")
                .contains(caseId);
        assertThat(count(db, "archive_request WHERE case_id = ?::uuid AND state = 'REQUESTED'", caseId))
                .isZero();
        assertThat(requests(caseId)).hasSize(maxAttempts);

        // Authentic evidence arriving late, for the first request, still completes the deletion.
        ArchiveRequested first = requests(caseId).get(0);
        JsonPath req = JsonPath.from(EventJson.write(first));
        kafka.sendEvent(
                Topics.ARCHIVE_RECORDS,
                first.threadKey(),
                EventType.RECORD_ARCHIVED.ceType(),
                EventJson.write(archived(req, first.contentSha256())));
        await().atMost(WAIT)
                .untilAsserted(() -> as("moderator")
                        .when()
                        .get("/api/cases/" + caseId)
                        .then()
                        .body("state", equalTo("DELETED")));
        assertThat(GraphApiStub.requestsFor(commentId))
                .as("the comment was deleted on the platform")
                .anySatisfy(r -> assertThat(r.method()).isEqualTo("DELETE"));
    }

    private List<ArchiveRequested> requests(String caseId) {
        return kafka.readAll(Topics.ARCHIVE_REQUESTS).stream()
                .filter(r -> r.value().contains(caseId))
                .map(r -> EventJson.read(
                        r.value().getBytes(java.nio.charset.StandardCharsets.UTF_8), ArchiveRequested.class))
                .toList();
    }
}
