package org.tingvakt.notifier.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tingvakt.contracts.CommentClassified;
import org.tingvakt.contracts.EventType;
import org.tingvakt.contracts.ModerationActionTaken;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.BackupTestDatabase;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.LocalTokens;
import org.tingvakt.devstack.PostgresCluster;
import org.tingvakt.eventing.EventJson;

/**
 * Backup and restore of the notifier's database as docs/operations.md tells an operator to do it: {@code pg_dump -Fc}
 * while the service runs, {@code pg_restore} into a newly initialised cluster, and the service goes on there: an
 * account's notification settings, its open and reminded deadlines and the reminder already sent are there unchanged,
 * the reminder is not sent a second time, and a reply that arrives after the restore meets its deadline. The notifier
 * holds no hash chain. Runs on a PostgreSQL 15 cluster (docs/operations.md says why).
 */
@QuarkusTest
@TestProfile(BackupRestoreTest.OnPostgres15.class)
class BackupRestoreTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Matches %test.quarkus.mailer.port. */
    @RegisterExtension
    static final GreenMailExtension SMTP =
            new GreenMailExtension(new ServerSetup(39025, "127.0.0.1", "smtp")).withPerMethodLifecycle(false);

    /** The notifier's database on a PostgreSQL 15 cluster of its own; the devstack's Kafka. */
    public static class OnPostgres15 implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(BackupTestDatabase.class, Map.of("database", "notifier")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    private final EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());

    @Test
    void aDumpRestoredIntoAFreshClusterKeepsDeadlinesAndSentRemindersAndTheServiceGoesOn() throws Exception {
        String account = "acct-backup-" + UUID.randomUUID();
        String moderator = "moderator-" + UUID.randomUUID() + "@kommune.example";
        as("admin")
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "language",
                        "da",
                        "reminders",
                        List.of("1%"),
                        "recipients",
                        List.of(Map.of("email", moderator, "role", "MODERATOR"))))
                .put("/api/accounts/" + account + "/notification-settings")
                .then()
                .statusCode(200);
        // 2000 business hours is about a year away; 1 % of that window has passed 30 days after arrival: reminded now.
        String reminded = UUID.randomUUID().toString();
        send(NotificationFlowTest.classified(
                reminded,
                account,
                "QUESTION",
                "BUSINESS_HOURS(2000)",
                Instant.now().minus(Duration.ofDays(30))));
        // Due in about a year and not yet reminded: open until the reply after the restore.
        CommentClassified open = NotificationFlowTest.classified(
                UUID.randomUUID().toString(), account, "QUESTION", "BUSINESS_HOURS(2000)", Instant.now());
        send(open);

        await().atMost(WAIT).until(() -> mailsTo(moderator) == 1);
        String remindedDeadline = deadline(reminded).getString("[0].id");
        await().atMost(WAIT)
                .untilAsserted(() -> notifications(remindedDeadline)
                        .then()
                        .body("find { it.kind == 'REMINDER' }.state", equalTo("SENT")));
        String settingsBefore = settings(account).asString();
        String remindedBefore = deadline(reminded).prettify();
        String openBefore = deadline(open.caseId()).prettify();
        String notificationsBefore = notifications(remindedDeadline).asString();
        assertThat(openBefore).contains("\"OPEN\"");

        PostgresCluster original = BackupTestDatabase.cluster();
        String originalSystem = original.systemIdentifier();
        Path dump = Files.createTempFile("notifier-", ".dump");
        try {
            BackupTestDatabase.dump(dump); // while the service runs, as in production
            assertThat(Files.size(dump)).isPositive();
            PostgresCluster fresh = BackupTestDatabase.restoreIntoFreshCluster(dump);
            assertThat(fresh.systemIdentifier())
                    .as("a new cluster, not the old one restarted")
                    .isNotEqualTo(originalSystem);
        } finally {
            Files.deleteIfExists(dump);
        }

        // The service reconnects by itself and finds everything as it was.
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> deadlines(reminded).statusCode() == 200);
        assertThat(deadline(reminded).prettify()).isEqualTo(remindedBefore);
        assertThat(deadline(open.caseId()).prettify()).isEqualTo(openBefore);
        assertThat(notifications(remindedDeadline).asString()).isEqualTo(notificationsBefore);
        assertThat(settings(account).asString()).isEqualTo(settingsBefore);

        // It goes on: a reply after the restore meets the open deadline, and the reminder sent before is not sent
        // again.
        ModerationActionTaken reply = new ModerationActionTaken(
                open.caseId(),
                open.commentId(),
                1,
                Platform.FACEBOOK,
                account,
                open.threadKey(),
                "REPLIED",
                "anna",
                null,
                Instant.now());
        kafka.sendEvent(
                Topics.MODERATION_ACTIONS,
                reply.threadKey(),
                EventType.MODERATION_ACTION_TAKEN.ceType(),
                EventJson.write(reply));
        await().atMost(WAIT)
                .untilAsserted(() -> deadlines(open.caseId())
                        .then()
                        .statusCode(200)
                        .body("[0].state", equalTo("MET"))
                        .body("[0].closedBy", equalTo("REPLIED")));
        Thread.sleep(2000); // several dispatcher runs later
        assertThat(mailsTo(moderator)).isEqualTo(1);
    }

    private void send(CommentClassified event) {
        kafka.sendEvent(
                Topics.COMMENTS_CLASSIFIED,
                event.threadKey(),
                EventType.COMMENT_CLASSIFIED.ceType(),
                EventJson.write(event));
    }

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(LocalTokens.forRole(role));
    }

    private static Response deadlines(String caseId) {
        return as("moderator").queryParam("caseId", caseId).get("/api/deadlines");
    }

    /** The case's one deadline, once the service has made it. */
    private static io.restassured.path.json.JsonPath deadline(String caseId) {
        await().atMost(WAIT)
                .untilAsserted(() -> deadlines(caseId).then().statusCode(200).body("size()", equalTo(1)));
        return deadlines(caseId).jsonPath();
    }

    private static Response notifications(String deadlineId) {
        return as("moderator").get("/api/deadlines/" + deadlineId + "/notifications");
    }

    private static Response settings(String account) {
        return as("admin").get("/api/accounts/" + account + "/notification-settings");
    }

    private static long mailsTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                                .anyMatch(a -> a.toString().equals(address));
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .count();
    }
}
