package org.tingvakt.notifier.resilience;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.CommentClassified;
import org.tingvakt.contracts.EventType;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.ReplyPolicy;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DatabaseOutage;
import org.tingvakt.devstack.DevStack;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.eventing.EventJson;

/**
 * The database goes away under load and comes back: the consumer waits with back-off instead of halting, readiness says
 * so while it waits, and afterwards every event has been applied exactly once, none dead-lettered.
 *
 * <p>The outage lasts {@code -Dtingvakt.outage.seconds} (15 by default, to keep the suite short; docs/resilience.md
 * reports a 2-minute run by hand).
 */
@QuarkusTest
@QuarkusTestResource(value = DatabaseOutage.class, initArgs = @ResourceArg(name = "database", value = "notifier"))
class DatabaseOutageTest {
    private static final String CONSUMER = "notifier-deadlines";
    private static final int EVENTS = Integer.getInteger("tingvakt.outage.events", 300);
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("tingvakt.outage.seconds", 15));
    private static final Duration WAIT = Duration.ofSeconds(120);

    private final EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());

    @Test
    void theConsumerWaitsOutAnOutageAndAppliesEveryEventExactlyOnce() throws Exception {
        DatabaseOutage outage = DatabaseOutage.current();
        String run = UUID.randomUUID().toString().substring(0, 8);

        // Warm: the consumer is up and has applied something.
        String warm = send(run + "-warm").caseId();
        await().atMost(WAIT).until(() -> deadlines(List.of(warm)) == 1);

        outage.down();
        List<String> cases = new ArrayList<>();
        List<String> ceIds = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            Sent s = send(run + "-" + i);
            cases.add(s.caseId());
            ceIds.add(s.ceId());
            if (i % 10 == 0) {
                // a redelivery of the same event (same ce_id) while the database is away
                kafka.sendEvent(
                        Topics.COMMENTS_CLASSIFIED,
                        s.event().threadKey(),
                        EventType.COMMENT_CLASSIFIED.ceType(),
                        s.ceId(),
                        EventJson.write(s.event()));
            }
        }

        // While it waits, the consumers' readiness check is DOWN (and the service stays alive).
        await().atMost(WAIT).untilAsserted(() -> assertThat(consumersCheck()).isEqualTo("DOWN"));
        given().when().get("/q/health/live").then().statusCode(200);
        Thread.sleep(OUTAGE.toMillis()); // the outage itself, not a timing assertion
        assertThat(consumersCheck()).isEqualTo("DOWN");

        Instant back = Instant.now();
        outage.up();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> deadlines(cases) == EVENTS);
        Duration recovery = Duration.between(back, Instant.now());
        System.out.printf(
                "DatabaseOutageTest: outage %d s, %d events (+%d redelivered); all applied %d ms after the "
                        + "database came back%n",
                OUTAGE.toSeconds(), EVENTS, (EVENTS + 9) / 10, recovery.toMillis());

        await().atMost(WAIT).untilAsserted(() -> assertThat(consumersCheck()).isEqualTo("UP"));
        // Exactly once: one deadline per case, each ce_id recorded once, nothing dead-lettered.
        assertThat(deadlines(cases)).isEqualTo(EVENTS);
        assertThat(scalar(
                        "SELECT count(*) FROM processed_event WHERE consumer = ? AND ce_id = ANY(?)", CONSUMER, ceIds))
                .isEqualTo(EVENTS);
        assertThat(kafka.readAll(Topics.deadLetter(Topics.COMMENTS_CLASSIFIED)))
                .noneMatch(r -> r.value() != null && r.value().contains(run));
    }

    private record Sent(String caseId, String ceId, CommentClassified event) {}

    private Sent send(String caseId) {
        String post = "100000000000001_" + UUID.randomUUID();
        CommentClassified e = new CommentClassified(
                caseId,
                post + "_c",
                1,
                Platform.FACEBOOK,
                "100000000000001",
                post,
                "facebook:" + post,
                "da",
                List.of(),
                List.of("QUESTION"),
                Map.of(),
                List.of(),
                "ALLOW",
                new ReplyPolicy("DK", "Europe/Copenhagen", "NEXT_WORKDAY", null, null, List.of()),
                Instant.now(),
                Instant.now());
        String ceId = kafka.sendEvent(
                Topics.COMMENTS_CLASSIFIED, e.threadKey(), EventType.COMMENT_CLASSIFIED.ceType(), EventJson.write(e));
        return new Sent(caseId, ceId, e);
    }

    private static String consumersCheck() {
        JsonPath health = JsonPath.from(
                given().when().get("/q/health/ready").then().extract().asString());
        return health.getString("checks.find { it.name == 'event-consumers' }.status");
    }

    /** Deadlines of these cases, read straight from PostgreSQL (not through the relay that is down). */
    private static long deadlines(List<String> cases) throws Exception {
        return scalar("SELECT count(*) FROM reply_deadline WHERE case_id = ANY(?)", null, cases);
    }

    private static long scalar(String sql, String consumer, List<String> values) throws Exception {
        DevStack stack = DevStackTestResource.stack();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("notifier"), stack.username(), stack.password());
                PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (consumer != null) {
                ps.setString(i++, consumer);
            }
            ps.setArray(i, c.createArrayOf("text", values.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
