package org.tingvakt.notifier.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tingvakt.contracts.AccountHealthFlagged;
import org.tingvakt.contracts.CommentClassified;
import org.tingvakt.contracts.EventType;
import org.tingvakt.contracts.ModerationActionTaken;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.ReplyPolicy;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.LocalTokens;
import org.tingvakt.eventing.EventJson;
import org.tingvakt.notifier.notification.channel.ChatWebhookChannel;

/**
 * Reminders and escalations end to end, against the real broker and database, a real SMTP server (GreenMail) and a real
 * HTTP server for the Teams webhook: events in, the scheduled dispatcher, e-mails, webhook and SSE out.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "notifier"))
class NotificationFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Matches %test.quarkus.mailer.port. */
    @RegisterExtension
    static final GreenMailExtension SMTP =
            new GreenMailExtension(new ServerSetup(39025, "127.0.0.1", "smtp")).withPerMethodLifecycle(false);

    private static HttpServer webhook;
    private static final ConcurrentLinkedQueue<String[]> HOOKS = new ConcurrentLinkedQueue<>();
    private final EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());

    @TestHTTPResource("/")
    URI base;

    @BeforeAll
    static void startWebhook() throws IOException {
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/teams", ex -> {
            HOOKS.add(new String[] {
                ex.getRequestHeaders().getFirst(ChatWebhookChannel.TIMESTAMP_HEADER),
                ex.getRequestHeaders().getFirst(ChatWebhookChannel.SIGNATURE_HEADER),
                new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
            });
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        webhook.createContext("/broken", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        webhook.start();
    }

    @AfterAll
    static void stopWebhook() {
        webhook.stop(0);
    }

    @Test
    void aDueReminderIsMailedToTheModeratorInSwedishSignedToTeamsAndStreamedOnce() throws Exception {
        String account = "acct-" + UUID.randomUUID();
        String moderator = "moderator-" + UUID.randomUUID() + "@kommun.example";
        String teams = "http://127.0.0.1:" + webhook.getAddress().getPort() + "/teams";
        settings(
                        account,
                        Map.of(
                                "language",
                                "sv",
                                "reminders",
                                List.of("1%"),
                                "teamsWebhookUrl",
                                teams,
                                "recipients",
                                List.of(
                                        Map.of("email", moderator, "role", "MODERATOR"),
                                        Map.of(
                                                "email",
                                                "editor-" + UUID.randomUUID() + "@kommun.example",
                                                "role",
                                                "EDITOR"))))
                .then()
                .statusCode(200)
                .body("reminders", equalTo(List.of("1%")));

        ConcurrentLinkedQueue<String> sse = new ConcurrentLinkedQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(base.resolve("/api/notifications/stream?accountId=" + account))
                                .header("Authorization", "Bearer " + LocalTokens.forRole("moderator"))
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> open = stream.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(open.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> open.body().forEach(sse::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();

        // 2000 business hours is about a year away; 1 % of that window has passed 30 days after arrival.
        String caseId = UUID.randomUUID().toString();
        send(classified(
                caseId,
                account,
                "QUESTION",
                "BUSINESS_HOURS(2000)",
                Instant.now().minus(Duration.ofDays(30))));

        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(moderator)).hasSize(1));
        MimeMessage mail = mailsTo(moderator).get(0);
        assertThat(mail.getSubject()).startsWith("Påminnelse: svar senast").contains(caseId);
        assertThat(((String) mail.getContent())).contains("en fråga").contains(account);

        await().atMost(WAIT).until(() -> HOOKS.stream().anyMatch(h -> h[2].contains(caseId)));
        String[] hook =
                HOOKS.stream().filter(h -> h[2].contains(caseId)).findFirst().orElseThrow();
        assertThat(hook[1])
                .isEqualTo("sha256="
                        + ChatWebhookChannel.sign(
                                "test-only-webhook-secret".getBytes(StandardCharsets.UTF_8), hook[0], hook[2]));
        await().atMost(WAIT).until(() -> sse.stream().anyMatch(l -> l.startsWith("data:") && l.contains(caseId)));
        assertThat(sse.stream().filter(l -> l.contains(caseId)).findFirst().orElseThrow())
                .contains("\"kind\":\"REMINDER\"");

        String deadline = deadlineId(caseId);
        await().atMost(WAIT)
                .untilAsserted(() -> as("moderator")
                        .get("/api/deadlines/" + deadline + "/notifications")
                        .then()
                        .statusCode(200)
                        .body("find { it.kind == 'REMINDER' }.state", equalTo("SENT"))
                        .body("find { it.kind == 'REMINDER' }.delivered", equalTo("email,sse,teams,slack"))
                        .body("find { it.kind == 'ESCALATION_EDITORS' }.state", equalTo("PENDING")));
        Thread.sleep(3000); // several dispatcher runs later, still one e-mail and one webhook call
        assertThat(mailsTo(moderator)).hasSize(1);
        assertThat(HOOKS.stream().filter(h -> h[2].contains(caseId))).hasSize(1);
        stream.cancel(true);
    }

    @Test
    void aMissedDeadlineEscalatesToEditorsAndOwnerAndStaleRemindersAreDropped() throws Exception {
        String account = "acct-" + UUID.randomUUID();
        String editor = "editor-" + UUID.randomUUID() + "@kommun.example";
        String owner = "owner-" + UUID.randomUUID() + "@kommun.example";
        settings(
                        account,
                        Map.of(
                                "language",
                                "nb",
                                "ownerEscalationAfter",
                                "PT1H",
                                "recipients",
                                List.of(
                                        Map.of("email", editor, "role", "EDITOR"),
                                        Map.of("email", owner, "role", "OWNER"))))
                .then()
                .statusCode(200);
        String caseId = UUID.randomUUID().toString();
        // Monday 12 Jan 2026 09:00 in Stockholm, due Tuesday 09:00: long past, so both escalations are due now.
        send(classified(
                caseId, account, "COMPLAINT", "WITHIN_24H_OR_NEXT_WORKDAY", Instant.parse("2026-01-12T08:00:00Z")));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(mailsTo(editor)).hasSize(1);
            assertThat(mailsTo(owner)).hasSize(1);
        });
        assertThat(mailsTo(editor).get(0).getSubject())
                .isEqualTo("Fristen er oversittet: sak " + caseId + " skulle vært besvart 2026-01-13 09:00 (+01:00)");
        assertThat(mailsTo(owner).get(0).getSubject()).startsWith("Fortsatt ubesvart: sak " + caseId);
        String deadline = deadlineId(caseId);
        await().atMost(WAIT)
                .untilAsserted(() -> as("editor")
                        .get("/api/deadlines/" + deadline + "/notifications")
                        .then()
                        .body("findAll { it.kind == 'REMINDER' }.state", equalTo(List.of("CANCELLED", "CANCELLED")))
                        .body("findAll { it.kind != 'REMINDER' }.state", equalTo(List.of("SENT", "SENT"))));
        as("moderator")
                .queryParam("state", "missed")
                .queryParam("accountId", account)
                .get("/api/deadlines")
                .then()
                .statusCode(200)
                .body("caseId", equalTo(List.of(caseId)))
                .body("[0].overdue", is(true));
        as("moderator")
                .queryParam("state", "met")
                .queryParam("accountId", account)
                .get("/api/deadlines")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void aDigestAccountGetsAtMostOneMailAnHour() throws Exception {
        String account = "acct-" + UUID.randomUUID();
        String editor = "editor-" + UUID.randomUUID() + "@kommun.example";
        settings(
                        account,
                        Map.of(
                                "language",
                                "da",
                                "digest",
                                true,
                                "recipients",
                                List.of(Map.of("email", editor, "role", "EDITOR"))))
                .then()
                .statusCode(200);
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        send(classified(first, account, "QUESTION", "NEXT_WORKDAY", Instant.parse("2026-02-02T08:00:00Z")));
        send(classified(second, account, "QUESTION", "NEXT_WORKDAY", Instant.parse("2026-02-03T08:00:00Z")));

        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(editor)).hasSize(1));
        String d1 = deadlineId(first);
        String d2 = deadlineId(second);
        Thread.sleep(3000); // several dispatcher runs later
        assertThat(mailsTo(editor)).as("one digest an hour").hasSize(1);
        MimeMessage digest = mailsTo(editor).get(0);
        String text = (String) digest.getContent();
        assertThat(digest.getSubject()).startsWith("Svarfrister:").endsWith("for konto " + account);
        // Each escalation either went into that digest (SENT), or waits for the next hour (PENDING, due later).
        for (String[] c : new String[][] {{first, d1}, {second, d2}}) {
            as("admin")
                    .get("/api/deadlines/" + c[1] + "/notifications")
                    .then()
                    .body(
                            "find { it.kind == 'ESCALATION_EDITORS' }.state",
                            equalTo(text.contains(c[0]) ? "SENT" : "PENDING"));
        }
        assertThat(text.contains(first) || text.contains(second)).isTrue();
    }

    @Test
    void aFailingWebhookIsRetriedWithoutMailingAgain() throws Exception {
        String account = "acct-" + UUID.randomUUID();
        String editor = "editor-" + UUID.randomUUID() + "@kommun.example";
        settings(
                        account,
                        Map.of(
                                "slackWebhookUrl",
                                "http://127.0.0.1:" + webhook.getAddress().getPort() + "/broken",
                                "ownerEscalationAfter",
                                "P30D",
                                "recipients",
                                List.of(Map.of("email", editor, "role", "EDITOR"))))
                .then()
                .statusCode(200);
        String caseId = UUID.randomUUID().toString();
        send(classified(caseId, account, "QUESTION", "NEXT_WORKDAY", Instant.parse("2026-02-02T08:00:00Z")));
        String deadline = deadlineId(caseId);
        // The first run mails the editor and fails on Slack; the retry (3 s later under %test) asks Slack alone, and
        // fails
        // again.
        await().atMost(WAIT)
                .untilAsserted(() -> as("admin")
                        .get("/api/deadlines/" + deadline + "/notifications")
                        .then()
                        .body(
                                "find { it.kind == 'ESCALATION_EDITORS' }.attempts",
                                org.hamcrest.Matchers.greaterThanOrEqualTo(2)));
        as("admin")
                .get("/api/deadlines/" + deadline + "/notifications")
                .then()
                .log()
                .ifValidationFails()
                .body("find { it.kind == 'ESCALATION_EDITORS' }.state", equalTo("PENDING"))
                .body("find { it.kind == 'ESCALATION_EDITORS' }.delivered", equalTo("email,sse,teams"))
                .body("find { it.kind == 'ESCALATION_EDITORS' }.lastError", containsString("slack"));
        assertThat(mailsTo(editor)).as("the e-mail is not sent again").hasSize(1);
    }

    @Test
    void aModeratorMarksNoReplyNeededAndTheRemindersAreCancelled() {
        String account = "acct-" + UUID.randomUUID();
        String caseId = UUID.randomUUID().toString();
        send(classified(caseId, account, "QUESTION", "BUSINESS_HOURS(2000)", Instant.now()));
        String deadline = deadlineId(caseId);
        as("analyst")
                .post("/api/deadlines/" + deadline + "/no-reply-needed")
                .then()
                .statusCode(403);
        as("moderator")
                .post("/api/deadlines/" + deadline + "/no-reply-needed")
                .then()
                .statusCode(200)
                .body("state", equalTo("CLOSED"))
                .body("closedBy", equalTo("NO_REPLY_NEEDED"));
        as("moderator")
                .get("/api/deadlines/" + deadline + "/notifications")
                .then()
                .statusCode(200)
                .body("state", org.hamcrest.Matchers.everyItem(equalTo("CANCELLED")))
                .body("size()", equalTo(4));
        as("moderator")
                .post("/api/deadlines/" + deadline + "/no-reply-needed")
                .then()
                .statusCode(409)
                .contentType(containsString("json"))
                .body("status", equalTo(409));
        as("moderator")
                .post("/api/deadlines/" + UUID.randomUUID() + "/no-reply-needed")
                .then()
                .statusCode(404);
    }

    @Test
    void aReplyCancelsWhatIsStillPending() {
        String account = "acct-" + UUID.randomUUID();
        String caseId = UUID.randomUUID().toString();
        CommentClassified q = classified(caseId, account, "QUESTION", "BUSINESS_HOURS(2000)", Instant.now());
        send(q);
        String deadline = deadlineId(caseId);
        ModerationActionTaken reply = new ModerationActionTaken(
                caseId,
                q.commentId(),
                1,
                Platform.FACEBOOK,
                account,
                q.threadKey(),
                "REPLIED",
                "platform",
                null,
                Instant.now());
        kafka.sendEvent(
                Topics.MODERATION_ACTIONS,
                reply.threadKey(),
                EventType.MODERATION_ACTION_TAKEN.ceType(),
                EventJson.write(reply));
        await().atMost(WAIT)
                .untilAsserted(() -> as("moderator")
                        .get("/api/deadlines/" + deadline + "/notifications")
                        .then()
                        .body("state", org.hamcrest.Matchers.everyItem(equalTo("CANCELLED"))));
    }

    @Test
    void aConnectedAccountThatNeedsAnAdminIsMailedToItsOwnerInItsLanguage() throws Exception {
        String account = "1" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L);
        String owner = "owner-" + UUID.randomUUID() + "@kommune.example";
        String moderator = "moderator-" + UUID.randomUUID() + "@kommune.example";
        settings(
                        account,
                        Map.of(
                                "language",
                                "da",
                                "recipients",
                                List.of(
                                        Map.of("email", owner, "role", "OWNER"),
                                        Map.of("email", moderator, "role", "MODERATOR"))))
                .then()
                .statusCode(200);
        AccountHealthFlagged flagged = AccountHealthFlagged.of(
                account,
                Platform.FACEBOOK,
                "Udløbby Kommune",
                List.of("TOKEN_INVALID", "SUBSCRIPTION_LOST"),
                List.of(),
                null,
                Instant.parse("2026-12-07T05:30:00Z"));
        kafka.sendEvent(
                Topics.ACCOUNTS_HEALTH,
                flagged.threadKey(),
                EventType.ACCOUNT_HEALTH_FLAGGED.ceType(),
                EventJson.write(flagged));

        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(owner)).hasSize(1));
        MimeMessage mail = mailsTo(owner).get(0);
        assertThat(mail.getSubject())
                .isEqualTo("Kontoen Udløbby Kommune kræver en administrator (kontrolleret 2026-12-07 05:30 (+00:00))");
        assertThat((String) mail.getContent())
                .contains("sidens adgangstoken er ikke længere gyldigt; abonnementet på webhooks er væk")
                .contains(account);
        assertThat(mailsTo(moderator)).as("admins only").isEmpty();
    }

    @Test
    void settingsAreForAdminsAndBadOnesAreRefusedWithAProblemAndChangeNothing() {
        String account = "acct-" + UUID.randomUUID();
        Map<String, Object> good = Map.of("recipients", List.of(Map.of("email", "a@b.example", "role", "OWNER")));
        as("moderator")
                .contentType(ContentType.JSON)
                .body(good)
                .put("/api/accounts/" + account + "/notification-settings")
                .then()
                .statusCode(403);
        for (Map<String, Object> bad : List.of(
                Map.<String, Object>of("recipients", List.of(Map.of("email", "not-an-address", "role", "OWNER"))),
                Map.<String, Object>of("recipients", List.of(Map.of("email", "a@b.example", "role", "BOSS"))),
                Map.<String, Object>of("recipients", List.of(), "reminders", List.of("150%")),
                Map.<String, Object>of("recipients", List.of(), "language", "de"),
                Map.<String, Object>of("recipients", List.of(), "ownerEscalationAfter", "soon"),
                Map.<String, Object>of("recipients", List.of(), "teamsWebhookUrl", "ftp://x"),
                Map.<String, Object>of("language", "sv"))) {
            settings(account, bad)
                    .then()
                    .log()
                    .ifValidationFails()
                    .statusCode(400)
                    .contentType(containsString("json"))
                    .body("status", equalTo(400));
        }
        as("admin")
                .get("/api/accounts/" + account + "/notification-settings")
                .then()
                .statusCode(404);
        settings(account, good)
                .then()
                .statusCode(200)
                .body("language", equalTo("en"))
                .body("reminders", equalTo(List.of("50%", "PT2H")))
                .body("ownerEscalationAfter", equalTo("PT4H"))
                .body("recipients.email", hasItem("a@b.example"));
        as("admin")
                .delete("/api/accounts/" + account + "/notification-settings")
                .then()
                .statusCode(204);
        as("admin")
                .get("/api/accounts/" + account + "/notification-settings")
                .then()
                .statusCode(404);
    }

    private List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                                .anyMatch(a -> a.toString().equals(address));
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private String deadlineId(String caseId) {
        await().atMost(WAIT)
                .untilAsserted(() -> as("moderator")
                        .queryParam("caseId", caseId)
                        .get("/api/deadlines")
                        .then()
                        .body("size()", equalTo(1)));
        return as("moderator")
                .queryParam("caseId", caseId)
                .get("/api/deadlines")
                .then()
                .extract()
                .path("[0].id");
    }

    private io.restassured.response.Response settings(String account, Map<String, Object> body) {
        return as("admin")
                .contentType(ContentType.JSON)
                .body(body)
                .put("/api/accounts/" + account + "/notification-settings");
    }

    private void send(CommentClassified event) {
        kafka.sendEvent(
                Topics.COMMENTS_CLASSIFIED,
                event.threadKey(),
                EventType.COMMENT_CLASSIFIED.ceType(),
                EventJson.write(event));
    }

    static CommentClassified classified(String caseId, String account, String intent, String rule, Instant at) {
        String post = account + "_" + UUID.randomUUID();
        return new CommentClassified(
                caseId,
                post + "_c",
                1,
                Platform.FACEBOOK,
                account,
                post,
                "facebook:" + post,
                "sv",
                List.of(),
                List.of(intent),
                Map.of(),
                List.of(),
                "ALLOW",
                new ReplyPolicy("SE", "Europe/Stockholm", rule, null, null, List.of()),
                at,
                Instant.now());
    }

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(LocalTokens.forRole(role));
    }
}
