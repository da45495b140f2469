package org.tingvakt.moderation.resilience;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.EventType;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DatabaseOutage;
import org.tingvakt.devstack.DevStack;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.LocalSecrets;
import org.tingvakt.devstack.SampleWebhook;

/**
 * The database goes away right after a burst of comments was stored, and comes back: whatever was in flight (in the
 * outbox, or on {@code comments.received} but not yet classified) and every redelivery sent meanwhile ends as exactly
 * one case per comment; the classifier waits with back-off instead of halting, readiness says so while it waits, and
 * nothing is dead-lettered.
 *
 * <p>The outage lasts {@code -Dtingvakt.outage.seconds} (5 by default, to keep the suite short; docs/resilience.md
 * reports a 2-minute run by hand), after {@code -Dtingvakt.outage.events} comments (default 20).
 */
@QuarkusTest
@QuarkusTestResource(value = DatabaseOutage.class, initArgs = @ResourceArg(name = "database", value = "moderation"))
class DatabaseOutageTest {
    private static final String CONSUMER = "moderation-classifier";
    private static final String PAGE = SampleWebhook.DEMO_PAGE_ID;
    private static final int EVENTS = Integer.getInteger("tingvakt.outage.events", 20);
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("tingvakt.outage.seconds", 5));
    private static final Duration WAIT = Duration.ofSeconds(180);

    private final EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());

    @Test
    void theClassifierWaitsOutAnOutageAndMakesOneCasePerComment() throws Exception {
        DatabaseOutage outage = DatabaseOutage.current();
        String post = PAGE + "_" + UUID.randomUUID();

        // Warm: the classifier is up and has made a case; its event is redelivered during the outage.
        String warm = post + "_warm";
        stored(warm);
        await().atMost(WAIT).until(() -> cases(List.of(warm)) == 1);
        EventProbe.Received warmEvent = kafka.await(
                        Topics.COMMENTS_RECEIVED, r -> r.value().contains(warm), WAIT)
                .get(0);

        List<String> comments = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String commentId = post + "_" + i;
            stored(commentId);
            comments.add(commentId);
        }
        outage.down();
        // Redeliveries (same ce_id) of the warm event and of every comment of the burst already published.
        List<EventProbe.Received> redelivered = new ArrayList<>(List.of(warmEvent));
        kafka.readAll(Topics.COMMENTS_RECEIVED).stream()
                .filter(r -> r.value().contains(post + "_") && !r.value().contains(warm))
                .forEach(redelivered::add);
        for (EventProbe.Received r : redelivered) {
            kafka.sendEvent(
                    Topics.COMMENTS_RECEIVED,
                    r.key(),
                    EventType.COMMENT_RECEIVED.ceType(),
                    r.header("ce_id"),
                    r.value());
        }

        // While it waits, the consumers' readiness check is DOWN (and the service stays alive).
        await().atMost(WAIT).untilAsserted(() -> assertThat(consumersCheck()).isEqualTo("DOWN"));
        given().when().get("/q/health/live").then().statusCode(200);
        Thread.sleep(OUTAGE.toMillis()); // the outage itself, not a timing assertion
        assertThat(consumersCheck()).isEqualTo("DOWN");

        Instant back = Instant.now();
        outage.up();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> cases(comments) == EVENTS);
        Duration recovery = Duration.between(back, Instant.now());
        System.out.printf(
                "DatabaseOutageTest: outage %d s, %d comments (+%d redelivered); all applied %d ms after the "
                        + "database came back%n",
                OUTAGE.toSeconds(), EVENTS, redelivered.size(), recovery.toMillis());

        await().atMost(WAIT).untilAsserted(() -> assertThat(consumersCheck()).isEqualTo("UP"));
        // Exactly once: one case per comment; each comment published under one ce_id, recorded once; no dead letter.
        assertThat(cases(comments)).isEqualTo(EVENTS);
        assertThat(scalar("SELECT count(DISTINCT comment_id) FROM moderation_case WHERE comment_id = ANY(?)", comments))
                .isEqualTo(EVENTS);
        List<String> ceIds = kafka.readAll(Topics.COMMENTS_RECEIVED).stream()
                .filter(r -> r.value().contains(post + "_"))
                .map(r -> r.header("ce_id"))
                .distinct()
                .toList();
        assertThat(ceIds).hasSize(EVENTS + 1);
        assertThat(scalar(
                        "SELECT count(*) FROM processed_event WHERE consumer = '" + CONSUMER + "' AND ce_id = ANY(?)",
                        ceIds))
                .isEqualTo(EVENTS + 1);
        assertThat(kafka.readAll(Topics.deadLetter(Topics.COMMENTS_RECEIVED)))
                .noneMatch(r -> r.value() != null && r.value().contains(post));
    }

    /** Posts a question as a signed Meta webhook; asserts it was stored. */
    private static void stored(String commentId) {
        String post = commentId.substring(0, commentId.lastIndexOf('_'));
        String body = SampleWebhook.comment(
                PAGE, post, commentId, "4711", "Outage Tester", "Hvornår åbner biblioteket igen?");
        given().contentType(ContentType.JSON)
                .body(body)
                .header(
                        "X-Hub-Signature-256",
                        SampleWebhook.signature(LocalSecrets.META_APP_SECRET, body.getBytes(StandardCharsets.UTF_8)))
                .when()
                .post("/webhooks/meta")
                .then()
                .statusCode(200);
    }

    private static String consumersCheck() {
        JsonPath health = JsonPath.from(
                given().when().get("/q/health/ready").then().extract().asString());
        return health.getString("checks.find { it.name == 'event-consumers' }.status");
    }

    /** Cases of these comments, read straight from PostgreSQL (not through the relay that is down). */
    private static long cases(List<String> comments) throws Exception {
        return scalar("SELECT count(*) FROM moderation_case WHERE comment_id = ANY(?)", comments);
    }

    private static long scalar(String sql, List<String> values) throws Exception {
        DevStack stack = DevStackTestResource.stack();
        try (Connection c =
                        DriverManager.getConnection(stack.jdbcUrl("moderation"), stack.username(), stack.password());
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", values.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
