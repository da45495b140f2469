package org.tingvakt.moderation.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.tingvakt.moderation.api.CaseFixtures.as;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.tingvakt.devstack.DevStackTestResource;

/** The moderators' case API: queue filters and paging, case detail, single and bulk decisions, optimistic locking. */
@QuarkusTest
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class CaseApiTest {
    @Inject
    DataSource ds;

    @Test
    void theQueueFiltersByAccountLabelStateLanguageAndTimeAndPages() {
        UUID account = CaseFixtures.account(ds, "da");
        Instant t0 = Instant.parse("2025-03-01T10:00:00Z");
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // newest is i = 4
            ids.add(CaseFixtures.caseOf(
                    ds,
                    account,
                    "p" + i,
                    i % 2 == 0 ? "PENDING_REVIEW" : "APPROVED",
                    i < 3 ? "da" : "sv",
                    i == 1 ? new String[] {"THREAT", "INSULT"} : new String[] {"INSULT"},
                    new String[0],
                    t0.plus(i, ChronoUnit.MINUTES),
                    null,
                    null));
        }
        String base = "/api/cases?account=" + account;
        assertThat(ids(base)).containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
        assertThat(ids(base + "&state=APPROVED")).containsExactly(ids.get(3), ids.get(1));
        assertThat(ids(base + "&label=THREAT")).containsExactly(ids.get(1));
        assertThat(ids(base + "&language=sv")).containsExactly(ids.get(4), ids.get(3));
        assertThat(ids(base + "&from=" + t0.plus(1, ChronoUnit.MINUTES) + "&to=" + t0.plus(3, ChronoUnit.MINUTES)))
                .containsExactly(ids.get(2), ids.get(1));
        JsonPath p0 = as("moderator")
                .when()
                .get(base + "&size=2&page=0")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(p0.getBoolean("hasMore")).isTrue();
        JsonPath p2 = as("moderator")
                .when()
                .get(base + "&size=2&page=2")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(p2.getList("items.id", String.class))
                .containsExactly(ids.get(0).toString());
        assertThat(p2.getBoolean("hasMore")).isFalse();

        as("moderator").when().get(base + "&state=NOPE").then().statusCode(400).contentType("application/problem+json");
        as("moderator").when().get(base + "&label=drop table").then().statusCode(400);
        as("moderator").when().get(base + "&from=" + t0 + "&to=" + t0).then().statusCode(400);
    }

    @Test
    void aCaseShowsItsCommentExplanationsThreadAndTheEarlierAnswersToTheSameQuestion() {
        UUID account = CaseFixtures.account(ds, "da");
        String thread = "post-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        UUID answered = CaseFixtures.caseOf(
                ds,
                account,
                thread,
                "REPLIED",
                "da",
                new String[0],
                new String[] {"QUESTION"},
                now.minusSeconds(600),
                now.minusSeconds(300),
                null);
        UUID answeredLater = CaseFixtures.caseOf(
                ds,
                account,
                thread,
                "REPLIED",
                "da",
                new String[0],
                new String[] {"QUESTION"},
                now.minusSeconds(500),
                now.minusSeconds(200),
                null);
        UUID repliedNoQuestion = CaseFixtures.caseOf(
                ds,
                account,
                thread,
                "REPLIED",
                "da",
                new String[0],
                new String[0],
                now.minusSeconds(400),
                now.minusSeconds(100),
                null);
        UUID asked = CaseFixtures.caseOf(
                ds,
                account,
                thread,
                "PENDING_REVIEW",
                "da",
                new String[] {"INSULT"},
                new String[] {"QUESTION"},
                now,
                null,
                null);
        JsonPath c = as("moderator")
                .when()
                .get("/api/cases/" + asked)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(c.getString("state")).isEqualTo("PENDING_REVIEW");
        assertThat(c.getString("comment.text")).startsWith("Du er en idiot");
        assertThat(c.getString("explanations[0].label")).isEqualTo("INSULT");
        assertThat(c.getString("explanations[0].excerpt")).isEqualTo("idiot");
        assertThat(c.getDouble("explanations[0].score")).isEqualTo(0.93);
        // The thread around it, oldest first; the questions answered there before, oldest first, each with its own
        // link.
        assertThat(c.getList("thread.commentId", String.class))
                .hasSize(3)
                .satisfiesExactly(
                        id -> assertThat(id).endsWith(answered.toString()),
                        id -> assertThat(id).endsWith(answeredLater.toString()),
                        id -> assertThat(id).endsWith(repliedNoQuestion.toString()));
        assertThat(c.getList("earlierAnswers.caseId", String.class))
                .containsExactly(answered.toString(), answeredLater.toString());
        assertThat(c.getString("earlierAnswers[0].permalink")).endsWith(answered.toString());
        assertThat(c.getString("earlierAnswers[1].permalink")).endsWith(answeredLater.toString());
    }

    @Test
    void decisionsMoveTheCaseAndAreAuditedWithReasonAndNote() {
        UUID account = CaseFixtures.account(ds, "da");
        UUID id = CaseFixtures.pending(ds, account, "t-" + UUID.randomUUID());
        as("moderator")
                .body(Map.of("decision", "ESCALATE", "reason", "UNSURE", "note", "Jurist bør se den"))
                .when()
                .post("/api/cases/" + id + "/decisions")
                .then()
                .statusCode(200)
                .body("state", equalTo("PENDING_REVIEW"))
                .body("decisionNote", equalTo("Jurist bør se den"));
        as("moderator")
                .when()
                .get("/api/cases?escalated=true&account=" + account)
                .then()
                .body("items.size()", equalTo(1));
        as("moderator")
                .body(Map.of("decision", "HIDE", "reason", "INSULT"))
                .when()
                .post("/api/cases/" + id + "/decisions")
                .then()
                .statusCode(200)
                .body("state", equalTo("HIDDEN"))
                .body("decidedBy", equalTo("moderator@tingvakt.local"));
        as("moderator")
                .body(Map.of("decision", "UNHIDE", "reason", "MISTAKE"))
                .when()
                .post("/api/cases/" + id + "/decisions")
                .then()
                .statusCode(200)
                .body("state", equalTo("APPROVED"));
        as("moderator")
                .body(Map.of("decision", "UNHIDE", "reason", "AGAIN"))
                .when()
                .post("/api/cases/" + id + "/decisions")
                .then()
                .statusCode(409);
        as("moderator")
                .body(Map.of("decision", "HIDE"))
                .when()
                .post("/api/cases/" + id + "/decisions")
                .then()
                .statusCode(400); // no reason
        List<String> actions = as("admin")
                .when()
                .get("/api/audit?targetId=" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("action", String.class);
        assertThat(actions).containsExactly("CASE_UNHIDE", "CASE_HIDE", "CASE_ESCALATE");
        assertThat(CaseFixtures.single(
                        ds, "SELECT first_response_at IS NOT NULL FROM moderation_case WHERE id = ?", id))
                .isEqualTo("t");
    }

    @Test
    void aReplyIsSignedWithTheModeratorsFirstNameAndTheUnit() {
        UUID account = CaseFixtures.account(ds, "da");
        UUID id = CaseFixtures.pending(ds, account, "t-" + UUID.randomUUID());
        String canned = as("editor")
                .body(Map.of("language", "da", "name", "Åbningstider", "text", "Borgerservice har åbent 10–15."))
                .when()
                .post("/api/accounts/" + account + "/replies")
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        as("moderator")
                .body(Map.of("decision", "REPLY", "cannedReplyId", canned))
                .when()
                .post("/api/cases/" + id + "/decisions")
                .then()
                .statusCode(200)
                .body("state", equalTo("REPLIED"));
        String posted = CaseFixtures.single(
                ds, "SELECT text FROM platform_action WHERE case_id = ? AND operation = 'REPLY'", id);
        assertThat(posted).isEqualTo("Borgerservice har åbent 10–15.\n– Anna, Kommunikation");
        as("moderator")
                .body(Map.of(
                        "decision", "REPLY", "cannedReplyId", UUID.randomUUID().toString()))
                .when()
                .post("/api/cases/" + id + "/decisions")
                .then()
                .statusCode(400);
    }

    @Test
    void twoModeratorsDecidingAtOnceGetOneSuccessAndOneConflict() throws Exception {
        UUID account = CaseFixtures.account(ds, "da");
        for (int round = 0; round < 3; round++) {
            UUID id = CaseFixtures.pending(ds, account, "t-" + UUID.randomUUID());
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (String decision : List.of("APPROVE", "HIDE")) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return as("moderator")
                                .body(Map.of("decision", decision, "reason", "R", "expectedVersion", 0))
                                .when()
                                .post("/api/cases/" + id + "/decisions")
                                .then()
                                .extract()
                                .statusCode();
                    }));
                }
                start.countDown();
                int approve = results.get(0).get();
                int hide = results.get(1).get();
                assertThat(List.of(approve, hide)).containsExactlyInAnyOrder(200, 409);
                // The winner's decision is what the case shows: no lost update.
                assertThat(CaseFixtures.single(ds, "SELECT state FROM moderation_case WHERE id = ?", id))
                        .isEqualTo(approve == 200 ? "APPROVED" : "HIDDEN");
                assertThat(CaseFixtures.count(ds, "audit_entry WHERE target_id = ?", id.toString()))
                        .isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aBulkDecisionReportsPerCase() {
        UUID account = CaseFixtures.account(ds, "da");
        UUID a = CaseFixtures.pending(ds, account, "t-" + UUID.randomUUID());
        UUID b = CaseFixtures.pending(ds, account, "t-" + UUID.randomUUID());
        UUID missing = UUID.randomUUID();
        JsonPath r = as("moderator")
                .body(Map.of(
                        "decision",
                        "APPROVE",
                        "reason",
                        "OK",
                        "cases",
                        List.of(
                                Map.of("id", a.toString(), "expectedVersion", 0),
                                Map.of("id", b.toString(), "expectedVersion", 5),
                                Map.of("id", missing.toString()))))
                .when()
                .post("/api/cases/decisions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(r.getList("status", Integer.class)).containsExactly(200, 409, 404);
        assertThat(r.getString("[0].state")).isEqualTo("APPROVED");
        assertThat(CaseFixtures.single(ds, "SELECT state FROM moderation_case WHERE id = ?", b))
                .isEqualTo("PENDING_REVIEW");
        as("moderator")
                .body(Map.of("decision", "APPROVE", "reason", "OK", "cases", List.of()))
                .when()
                .post("/api/cases/decisions")
                .then()
                .statusCode(400);
    }

    private static List<UUID> ids(String url) {
        return as("moderator")
                .when()
                .get(url)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id", String.class)
                .stream()
                .map(UUID::fromString)
                .toList();
    }
}
