package org.tingvakt.moderation.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.LocalSecrets;
import org.tingvakt.devstack.LocalTokens;
import org.tingvakt.devstack.SampleWebhook;

/**
 * The live queue's stream: a new case and a decision on it reach a connected moderator as events, with ids only; with no
 * console connected the feed fetches nothing, and it starts again when one connects.
 */
@QuarkusTest
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class CaseStreamTest {

    @Inject
    CaseChangeFeed feed;

    @Test
    void aNewCaseAndItsDecisionArriveAsEventsWithoutTextOrSender() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<java.io.InputStream> response = open(lines);
        String commentId = postComment("Stine Stream", "7770001", "Jeg vil slå borgmesteren ihjel.");
        String caseId = await().atMost(Duration.ofSeconds(60)).until(() -> caseIdOf(commentId), id -> id != null);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> lines.stream()
                        .anyMatch(l -> l.startsWith("data:") && l.contains(caseId) && l.contains("\"CLASSIFIED\"")));
        given().auth()
                .oauth2(LocalTokens.forRole("moderator"))
                .contentType(ContentType.JSON)
                .body("{\"decision\":\"APPROVE\",\"reason\":\"OK\"}")
                .when()
                .post("/api/cases/" + caseId + "/decisions")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> lines.stream()
                        .anyMatch(l -> l.startsWith("data:") && l.contains(caseId) && l.contains("\"APPROVED\"")));

        // ids and types only: never the comment's text or its sender
        assertThat(lines).noneMatch(l -> l.contains("borgmesteren") || l.contains("Stine") || l.contains("7770001"));
        response.body().close();
    }

    @Test
    void withNoConsoleConnectedTheFeedFetchesNothingAndItResumesWhenOneConnects() throws Exception {
        // another test's stream may still be closing
        await().atMost(Duration.ofSeconds(30)).until(() -> feed.watchers() == 0);
        Thread.sleep(1500); // a poll (500 ms) the feed had under way when the last watcher left has ended
        long before = feed.fetched();
        String unseen = postComment("Ida Idle", "7770002", "Hvornår åbner genbrugspladsen?");
        await().atMost(Duration.ofSeconds(60)).until(() -> caseIdOf(unseen), id -> id != null);
        // the case's events are on the topics now; nobody watches, so the feed must not read them
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> feed.fetched() == before);

        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<java.io.InputStream> response = open(lines);
        assertThat(feed.watchers()).isPositive();
        String commentId = postComment("Ida Idle", "7770002", "Du er en idiot.");
        String caseId = await().atMost(Duration.ofSeconds(60)).until(() -> caseIdOf(commentId), id -> id != null);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> lines.stream()
                        .anyMatch(l -> l.startsWith("data:") && l.contains(caseId) && l.contains("\"CLASSIFIED\"")));
        assertThat(feed.fetched()).isGreaterThan(before);
        response.body().close();
        await().atMost(Duration.ofSeconds(30)).until(() -> feed.watchers() == 0);
    }

    /** Connects to the stream as a moderator, collects its lines in the background, and waits for READY. */
    private static HttpResponse<java.io.InputStream> open(List<String> lines) throws Exception {
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/cases/stream"))
                                .header("Authorization", "Bearer " + LocalTokens.forRole("moderator"))
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("text/event-stream");
        Thread reader = new Thread(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // closed at the end of the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream().anyMatch(l -> l.contains("\"READY\"")));
        return response;
    }

    /** Posts a signed Meta webhook with a new comment on a new post of the demo page; returns the comment id. */
    private static String postComment(String senderName, String senderId, String text) {
        String post = SampleWebhook.DEMO_PAGE_ID + "_" + UUID.randomUUID();
        String commentId = post + "_1";
        String body = SampleWebhook.comment(SampleWebhook.DEMO_PAGE_ID, post, commentId, senderId, senderName, text);
        given().contentType(ContentType.JSON)
                .body(body)
                .header(
                        "X-Hub-Signature-256",
                        SampleWebhook.signature(LocalSecrets.META_APP_SECRET, body.getBytes(StandardCharsets.UTF_8)))
                .when()
                .post("/webhooks/meta")
                .then()
                .statusCode(200);
        return commentId;
    }

    private static String caseIdOf(String commentId) {
        JsonPath page = given().auth()
                .oauth2(LocalTokens.forRole("moderator"))
                .when()
                .get("/api/cases?size=200")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> ids = page.getList("items.findAll { it.commentId == '" + commentId + "' }.id");
        return ids.isEmpty() ? null : ids.get(0);
    }
}
