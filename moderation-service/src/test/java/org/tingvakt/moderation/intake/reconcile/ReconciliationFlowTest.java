package org.tingvakt.moderation.intake.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.Platform;
import org.tingvakt.devstack.BackupTestDatabase;
import org.tingvakt.devstack.LocalGraphApi;
import org.tingvakt.devstack.LocalSecrets;
import org.tingvakt.moderation.ReconciliationTestSupport;

/**
 * Nothing missed, against devstack's Graph API stand-in (comments that exist only on the platform, Meta's paging and
 * usage headers, a rate limit) and the real broker and database: a comment no webhook brought becomes a case within one
 * reconciliation cycle, exactly once, also when its webhook arrives later; a page with 5,000 comments over 200 posts is
 * backfilled without Meta ever throttling a call.
 */
@QuarkusTest
@TestProfile(ReconciliationFlowTest.AgainstTheStandIn.class)
public class ReconciliationFlowTest {
    public static final int PORT = 18932;
    private static LocalGraphApi graph;

    /**
     * The service's Graph API is the stand-in, at its version (v25.0 by default). Its database is a PostgreSQL 15
     * cluster of its own, which moderation's {@code BackupRestoreTest} (same profile, so no extra start) dumps and
     * restores with Debian's pg_dump 15; Kafka is the devstack's.
     */
    public static class AgainstTheStandIn implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(BackupTestDatabase.class, Map.of("database", "moderation")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tingvakt.meta.graph-url",
                    "http://127.0.0.1:" + PORT,
                    "tingvakt.reconciliation.max-pause",
                    "200ms");
        }
    }

    @Inject
    DataSource db;

    @Inject
    CommentReconciliation reconciliation;

    @Inject
    MeterRegistry metrics;

    @BeforeAll
    static void standIn() {
        graph = LocalGraphApi.shared(PORT);
    }

    @AfterEach
    void normalLimits() {
        graph.rateLimit(4800, Duration.ofHours(1));
        graph.dropWebhooks(false);
    }

    private static String newPage() {
        return "3"
                + String.format("%014d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000_000_000L));
    }

    private void page(String page) {
        ReconciliationTestSupport.account(db, Platform.FACEBOOK, page);
        graph.deliverWebhooksTo(
                URI.create("http://localhost:" + RestAssured.port + "/webhooks/meta"), LocalSecrets.META_APP_SECRET);
    }

    private static int postComment(String postId, String id, String message) throws Exception {
        String body = "{\"postId\":\"" + postId + "\",\"id\":\"" + id + "\",\"message\":\"" + message + "\","
                + "\"from\":{\"id\":\"900" + id.replace("_", "") + "\",\"name\":\"Ada Borger\"},"
                + "\"created_time\":\""
                + Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", "+0000")
                + "\"}";
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(graph.graphUrl() + "/__comments"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private long cases(String commentId) {
        return ReconciliationTestSupport.count(db, "moderation_case WHERE comment_id = ?", commentId);
    }

    private long versions(String commentId) {
        return ReconciliationTestSupport.count(db, "comment_version WHERE comment_id = ?", commentId);
    }

    private double recovered(String page) {
        return metrics.counter("tingvakt.reconciliation.recovered", "platform", "FACEBOOK", "account", page)
                .count();
    }

    @Test
    void aCommentOnlyOnThePlatformBecomesACaseInOneCycleExactlyOnceAlsoWhenItsWebhookArrivesLater() throws Exception {
        String page = newPage();
        page(page);
        String post = page + "_1";
        String comment = "1_" + page.substring(5);
        assertThat(postComment(post, comment, "Hvornår åbner svømmehallen igen?"))
                .isEqualTo(201);
        assertThat(versions(comment)).isZero();

        CommentReconciliation.AccountRun run = reconciliation.reconcile(Platform.FACEBOOK, page);

        assertThat(run.recovered()).isEqualTo(1);
        assertThat(run.complete()).isTrue();
        assertThat(graph.calls()).contains("GET /v25.0/" + page + "/feed", "GET /v25.0/" + post + "/comments");
        await().atMost(Duration.ofSeconds(45)).until(() -> cases(comment) == 1);
        assertThat(recovered(page)).isEqualTo(1.0);

        // The webhook Meta was late with: a duplicate, nothing new.
        assertThat(graph.deliverWebhook(comment)).isEqualTo(200);
        assertThat(versions(comment)).isEqualTo(1);
        // Another cycle finds nothing new, and reads only the feed (the post's updated_time did not move).
        CommentReconciliation.AccountRun again = reconciliation.reconcile(Platform.FACEBOOK, page);
        assertThat(again.recovered()).isZero();
        assertThat(again.calls()).isEqualTo(1);
        Thread.sleep(1500);
        assertThat(cases(comment)).isEqualTo(1);
        assertThat(recovered(page)).isEqualTo(1.0);
    }

    @Test
    void aCommentTheWebhookBroughtIsNotCountedAsRecoveredAndARepliesParentIsKept() throws Exception {
        String page = newPage();
        page(page);
        String post = page + "_2";
        String comment = "2_" + page.substring(5);
        String reply = "3_" + page.substring(5);
        postComment(post, comment, "Tak for svaret");
        assertThat(graph.deliverWebhook(comment)).isEqualTo(200);
        graph.addComment(post, reply, comment, "Enig", "900777", "Bo Borger", Instant.now());
        graph.dropWebhooks(true);
        assertThat(graph.deliverWebhook(reply)).isZero(); // lost, as Meta may lose it

        CommentReconciliation.AccountRun run = reconciliation.reconcile(Platform.FACEBOOK, page);

        assertThat(run.commentsRead()).isEqualTo(2);
        assertThat(run.recovered()).isEqualTo(1);
        assertThat(ReconciliationTestSupport.single(
                        db, "SELECT parent_id FROM comment_version WHERE comment_id = ?", reply))
                .isEqualTo(comment);
        assertThat(recovered(page)).isEqualTo(1.0);
    }

    @Test
    void thePagesOwnPostsAreStoredOnceAsThreadRootsByWebhookAndByReconciliation() throws Exception {
        String page = newPage();
        page(page);
        String announced = page + "_40"; // its webhook arrives
        String quiet = page + "_41"; // its webhook is lost: only the reconciliation sees it
        String visitors = page + "_42"; // a citizen's post on the page: not the page's own
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        graph.addPost(page, announced, false, now.minusSeconds(120), "Svømmehallen åbner mandag.", page);
        graph.addPost(page, quiet, false, now.minusSeconds(60), "Vejarbejde på Torvet.", page);
        graph.addPost(page, visitors, false, now.minusSeconds(30), "Hvornår kommer skraldebilen?", "9004211");
        assertThat(graph.deliverPostWebhook(announced)).isEqualTo(200);
        assertThat(posts(page)).isEqualTo(1);
        String comment = "4_" + page.substring(5);
        assertThat(postComment(quiet, comment, "Hvor længe varer det?")).isEqualTo(201);

        CommentReconciliation.AccountRun run = reconciliation.reconcile(Platform.FACEBOOK, page);
        reconciliation.forgetSeen(); // as after a restart: every post of the window is read again
        reconciliation.reconcile(Platform.FACEBOOK, page);

        assertThat(run.recovered()).isEqualTo(1);
        assertThat(posts(page))
                .as("the two own posts, once each; not the visitor's")
                .isEqualTo(2);
        assertThat(ReconciliationTestSupport.single(db, "SELECT text FROM page_post WHERE post_id = ?", quiet))
                .isEqualTo("Vejarbejde på Torvet.");
        assertThat(ReconciliationTestSupport.single(db, "SELECT permalink FROM page_post WHERE post_id = ?", quiet))
                .isEqualTo("https://www.facebook.com/" + quiet);
        // The comment's case shows the post it was written under as its thread's root.
        await().atMost(Duration.ofSeconds(45)).until(() -> cases(comment) == 1);
        String caseId =
                ReconciliationTestSupport.single(db, "SELECT id FROM moderation_case WHERE comment_id = ?", comment);
        RestAssured.given()
                .auth()
                .oauth2(org.tingvakt.devstack.LocalTokens.forRole("moderator"))
                .when()
                .get("/api/cases/" + caseId)
                .then()
                .statusCode(200)
                .body("thread[0].relation", org.hamcrest.Matchers.equalTo("POST"))
                .body("thread[0].text", org.hamcrest.Matchers.equalTo("Vejarbejde på Torvet."));
    }

    private long posts(String page) {
        return ReconciliationTestSupport.count(
                db, "page_post p JOIN account a ON a.id = p.account_id WHERE a.external_id = ?", page);
    }

    @Test
    void aCycleStopsBeforeMetaThrottlesAndTheNextGoesOn() throws Exception {
        String page = newPage();
        page(page);
        for (int p = 0; p < 20; p++) {
            graph.addComment(page + "_" + (500 + p), (500 + p) + "_1", null, "Hej", "71", "Cy", Instant.now());
        }
        graph.rateLimit(10, Duration.ofMinutes(10)); // 10 calls in any 10 minutes
        int throttledBefore = graph.throttledCalls();

        CommentReconciliation.AccountRun first = reconciliation.reconcile(Platform.FACEBOOK, page);

        assertThat(first.complete()).isFalse();
        assertThat(first.calls()).as("stops at 80 %% of the limit").isLessThanOrEqualTo(8);
        assertThat(first.stoppedBecause()).hasValueSatisfying(w -> assertThat(w).contains("rate limit"));
        assertThat(graph.throttledCalls()).isEqualTo(throttledBefore);
        assertThat(first.recovered()).isBetween(1, 19);

        graph.rateLimit(4800, Duration.ofHours(1)); // the window has room again
        CommentReconciliation.AccountRun next = reconciliation.reconcile(Platform.FACEBOOK, page);
        assertThat(next.complete()).isTrue();
        assertThat(first.recovered() + next.recovered()).isEqualTo(20);
    }

    @Test
    void aPageWith5000CommentsOver200PostsIsBackfilledWithoutBeingThrottled_andItsHourlyCost() throws Exception {
        String page = newPage();
        page(page);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int p = 0; p < 200; p++) {
            String post = page + "_" + (1000 + p);
            graph.addPost(page, post, false, now.minusSeconds(3600L * 24 * 3).plusSeconds(60L * p));
            for (int c = 0; c < 25; c++) {
                graph.addComment(
                        post,
                        (1000 + p) + "_" + (10_000 + c),
                        null,
                        "Kommentar " + c,
                        "9" + c,
                        "Borger " + c,
                        now.minusSeconds(3600L * 24 * 2).plusSeconds(60L * p + c));
            }
        }
        // Meta's limit as the stand-in plays it: 100 calls in any 10 s. Read at full speed, 202 calls would pass it.
        graph.rateLimit(100, Duration.ofSeconds(10));
        int throttledBefore = graph.throttledCalls();
        long started = System.nanoTime();
        int calls = 0;
        int cycles = 0;
        int recovered = 0;
        while (recovered < 5000
                && System.nanoTime() - started < Duration.ofSeconds(150).toNanos()) {
            CommentReconciliation.AccountRun run = reconciliation.reconcile(Platform.FACEBOOK, page);
            calls += run.calls();
            recovered += run.recovered();
            cycles++;
            if (!run.complete()) {
                Thread.sleep(1000); // the next cycle (every 60 s or less in a local run; sooner here)
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "RECONCILIATION backfill: 5000 comments over 200 posts: %d Graph calls, %d cycles, %.1f s, "
                        + "throttled %d%n",
                calls, cycles, seconds, graph.throttledCalls() - throttledBefore);
        assertThat(recovered).isEqualTo(5000);
        assertThat(graph.throttledCalls()).isEqualTo(throttledBefore);
        assertThat(ReconciliationTestSupport.count(
                        db,
                        "comment_version v JOIN account a ON a.id = v.account_id " + "WHERE a.external_id = ?",
                        page))
                .isEqualTo(5000);

        // An hour at 100 comments an hour, cycles every 60 s: 60 cycles, the comments spread over the recent posts.
        graph.rateLimit(4800, Duration.ofHours(1));
        Random random = new Random(7);
        int hourCalls = 0;
        int hourRecovered = 0;
        long hourStarted = System.nanoTime();
        int made = 0;
        for (int cycle = 0; cycle < 60; cycle++) {
            int due = (cycle + 1) * 100 / 60;
            for (; made < due; made++) {
                int p = 1000 + 150 + random.nextInt(50);
                graph.addComment(
                        page + "_" + p,
                        p + "_" + (20_000 + made),
                        null,
                        "Ny kommentar",
                        "8" + made,
                        "Borger",
                        Instant.now().plusSeconds(cycle * 60L + 1));
            }
            CommentReconciliation.AccountRun run = reconciliation.reconcile(Platform.FACEBOOK, page);
            hourCalls += run.calls();
            hourRecovered += run.recovered();
        }
        double hourSeconds = (System.nanoTime() - hourStarted) / 1e9;
        System.out.printf(
                "RECONCILIATION hour: 100 comments, 60 cycles, 200 posts in the window: %d Graph calls, "
                        + "%.1f s of work%n",
                hourCalls, hourSeconds);
        assertThat(hourRecovered).isEqualTo(100);
        assertThat(hourCalls)
                .as("2 feed pages a cycle, and one read per post with new comments")
                .isLessThanOrEqualTo(60 * 2 + 100);
    }
}
