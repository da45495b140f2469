package org.tingvakt.archive.resilience;

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
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.ArchiveRequested;
import org.tingvakt.contracts.EventSignature;
import org.tingvakt.contracts.EventType;
import org.tingvakt.contracts.EvidenceDigest;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.Sender;
import org.tingvakt.contracts.ThreadKey;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DatabaseOutage;
import org.tingvakt.devstack.DevStack;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.LocalSecrets;
import org.tingvakt.eventing.EventJson;

/**
 * The database goes away while evidence requests arrive and comes back: the recorder waits with back-off instead of
 * halting, readiness says so while it waits, and afterwards every request is one record (a redelivery records nothing
 * more), none dead-lettered.
 *
 * <p>The outage lasts {@code -Dtingvakt.outage.seconds} (5 by default, to keep the suite short; docs/resilience.md
 * reports a 2-minute run by hand), with {@code -Dtingvakt.outage.events} requests (default 10: each is rendered and
 * chained).
 */
@QuarkusTest
@QuarkusTestResource(value = DatabaseOutage.class, initArgs = @ResourceArg(name = "database", value = "archive"))
class DatabaseOutageTest {
    private static final String CONSUMER = "archive-recorder";
    private static final int EVENTS = Integer.getInteger("tingvakt.outage.events", 10);
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("tingvakt.outage.seconds", 5));
    private static final Duration WAIT = Duration.ofSeconds(180);

    private final EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());

    @Test
    void theRecorderWaitsOutAnOutageAndRecordsEveryRequestExactlyOnce() throws Exception {
        DatabaseOutage outage = DatabaseOutage.current();

        // Warm: the recorder is up and has recorded something.
        Sent warm = send();
        await().atMost(WAIT).until(() -> records(List.of(warm.requestId())) == 1);

        outage.down();
        List<String> requests = new ArrayList<>();
        List<String> ceIds = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            Sent s = send();
            requests.add(s.requestId());
            ceIds.add(s.ceId());
            if (i % 10 == 0) {
                // a redelivery of the same event (same ce_id) while the database is away
                kafka.sendEvent(
                        Topics.ARCHIVE_REQUESTS,
                        s.event().threadKey(),
                        EventType.ARCHIVE_REQUESTED.ceType(),
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
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> records(requests) == EVENTS);
        Duration recovery = Duration.between(back, Instant.now());
        System.out.printf(
                "DatabaseOutageTest: outage %d s, %d events (+%d redelivered); all applied %d ms after the "
                        + "database came back%n",
                OUTAGE.toSeconds(), EVENTS, (EVENTS + 9) / 10, recovery.toMillis());

        await().atMost(WAIT).untilAsserted(() -> assertThat(consumersCheck()).isEqualTo("UP"));
        // Exactly once: one record per request, each ce_id recorded once, one RecordArchived each, none dead-lettered.
        assertThat(records(requests)).isEqualTo(EVENTS);
        assertThat(scalar(
                        "SELECT count(*) FROM processed_event WHERE consumer = ? AND ce_id = ANY(?)", CONSUMER, ceIds))
                .isEqualTo(EVENTS);
        List<EventProbe.Received> announced = await().atMost(WAIT)
                .until(
                        () -> kafka.readAll(Topics.ARCHIVE_RECORDS).stream()
                                .filter(r -> requests.stream()
                                        .anyMatch(id -> r.value().contains(id)))
                                .toList(),
                        l -> l.stream().map(r -> r.header("ce_id")).distinct().count() == EVENTS);
        assertThat(announced.stream().map(r -> r.header("ce_id")).distinct()).hasSize(EVENTS);
        assertThat(kafka.readAll(Topics.deadLetter(Topics.ARCHIVE_REQUESTS)))
                .noneMatch(r -> r.value() != null
                        && requests.stream().anyMatch(id -> r.value().contains(id)));
    }

    private record Sent(String requestId, String ceId, ArchiveRequested event) {}

    private Sent send() {
        String post = "100000000000001_" + UUID.randomUUID();
        String commentId = post + "_c";
        String text = "Du er en idiot";
        ArchiveRequested e = new ArchiveRequested(
                        UUID.randomUUID().toString(),
                        UUID.randomUUID().toString(),
                        commentId,
                        1,
                        Platform.FACEBOOK,
                        "100000000000001",
                        "Demo Kommune",
                        post,
                        ThreadKey.of(Platform.FACEBOOK, post),
                        new Sender("778", "Karin Nilsson", "https://www.facebook.com/778"),
                        text,
                        "https://www.facebook.com/" + commentId,
                        List.of(),
                        Instant.now(),
                        List.of("INSULT"),
                        "INSULT",
                        "anna",
                        List.of(),
                        EvidenceDigest.of(commentId, 1, "778", text),
                        Instant.now())
                .signedWith(EventSignature.privateKey(LocalSecrets.MODERATION_SIGNING_KEY));
        String ceId = kafka.sendEvent(
                Topics.ARCHIVE_REQUESTS, e.threadKey(), EventType.ARCHIVE_REQUESTED.ceType(), EventJson.write(e));
        return new Sent(e.requestId(), ceId, e);
    }

    private static String consumersCheck() {
        JsonPath health = JsonPath.from(
                given().when().get("/q/health/ready").then().extract().asString());
        return health.getString("checks.find { it.name == 'event-consumers' }.status");
    }

    /** Records of these requests, read straight from PostgreSQL (not through the relay that is down). */
    private static long records(List<String> requests) throws Exception {
        return scalar("SELECT count(*) FROM archive_record WHERE request_id = ANY(?)", null, requests);
    }

    private static long scalar(String sql, String consumer, List<String> values) throws Exception {
        DevStack stack = DevStackTestResource.stack();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("archive"), stack.username(), stack.password());
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
