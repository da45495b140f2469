package org.tingvakt.notifier.tracking;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
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

/** Calendars, the deadline preview and per-account compliance over HTTP. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "notifier"))
class DeadlineApiTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());

    @Test
    void theIssuesPreviewNeedsNoTokenAndAnswersInTheCountrysZone() {
        given().queryParam("country", "SE")
                .queryParam("rule", "WITHIN_24H_OR_NEXT_WORKDAY")
                .queryParam("receivedAt", "2026-12-23T10:00:00+01:00")
                .get("/api/deadlines/preview")
                .then()
                .statusCode(200)
                .body("deadline", equalTo("2026-12-28T16:00:00+01:00"))
                .body("zone", equalTo("Europe/Stockholm"))
                .body("closedDays.name", hasItems("Julafton", "Juldagen", "Annandag jul"));
        // Business hours in Oslo with custom hours, across the change to summer time (Fri 27 Mar -> Mon 30 Mar 2026).
        given().queryParam("country", "no")
                .queryParam("rule", "BUSINESS_HOURS")
                .queryParam("hours", 4)
                .queryParam("receivedAt", "2026-03-27T13:00:00+01:00")
                .queryParam("officeOpen", "09:00")
                .queryParam("officeClose", "15:00")
                .get("/api/deadlines/preview")
                .then()
                .statusCode(200)
                .body("deadline", equalTo("2026-03-30T11:00:00+02:00"));
        given().queryParam("country", "DK")
                .queryParam("rule", "NEXT_WORKDAY")
                .queryParam("receivedAt", "2026-06-04T12:00:00+02:00")
                .queryParam("zone", "Europe/Copenhagen")
                .get("/api/deadlines/preview")
                .then()
                .statusCode(200)
                .body("deadline", equalTo("2026-06-08T16:00:00+02:00"));
    }

    @Test
    void theOpenApiDocumentNamesTheNewEndpoints() {
        given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(
                        "paths.keySet()",
                        hasItems(
                                "/api/deadlines/preview",
                                "/api/calendars/{country}/{year}",
                                "/api/compliance",
                                "/api/deadlines/{id}/no-reply-needed",
                                "/api/accounts/{accountId}/notification-settings",
                                "/api/notifications/stream"));
    }

    @Test
    void badPreviewParametersAreProblems() {
        List<Map<String, Object>> bad = List.of(
                Map.of("rule", "NEXT_WORKDAY", "receivedAt", "2026-12-23T10:00:00+01:00"),
                Map.of("country", "DE", "rule", "NEXT_WORKDAY", "receivedAt", "2026-12-23T10:00:00+01:00"),
                Map.of("country", "SE", "rule", "SOMETIME", "receivedAt", "2026-12-23T10:00:00+01:00"),
                Map.of("country", "SE", "rule", "BUSINESS_HOURS", "receivedAt", "2026-12-23T10:00:00+01:00"),
                Map.of(
                        "country",
                        "SE",
                        "rule",
                        "BUSINESS_HOURS",
                        "hours",
                        0,
                        "receivedAt",
                        "2026-12-23T10:00:00+01:00"),
                Map.of("country", "SE", "rule", "NEXT_WORKDAY", "hours", 3, "receivedAt", "2026-12-23T10:00:00+01:00"),
                Map.of("country", "SE", "rule", "NEXT_WORKDAY", "receivedAt", "2026-12-23 10:00"),
                Map.of("country", "SE", "rule", "NEXT_WORKDAY"),
                Map.of(
                        "country",
                        "SE",
                        "rule",
                        "NEXT_WORKDAY",
                        "receivedAt",
                        "2026-12-23T10:00:00Z",
                        "zone",
                        "Mars/Base"),
                Map.of(
                        "country",
                        "SE",
                        "rule",
                        "NEXT_WORKDAY",
                        "receivedAt",
                        "2026-12-23T10:00:00Z",
                        "officeOpen",
                        "17:00"));
        for (Map<String, Object> params : bad) {
            given().queryParams(params)
                    .get("/api/deadlines/preview")
                    .then()
                    .log()
                    .ifValidationFails()
                    .statusCode(400)
                    .contentType(containsString("json"))
                    .body("status", equalTo(400));
        }
    }

    @Test
    void calendarsListClosedDaysWithNamesAndRefuseNonsense() {
        given().get("/api/calendars/DK/2026")
                .then()
                .statusCode(200)
                .body("closedDays.date", hasItems("2026-06-05", "2026-12-24", "2026-12-31", "2026-04-03"))
                .body("closedDays.find { it.date == '2026-06-05' }.kind", equalTo("OFFICE_CLOSED"))
                .body("closedDays.find { it.date == '2026-06-05' }.name", equalTo("Grundlovsdag"))
                .body("closedDays.date", not(hasItem("2026-05-01")));
        given().queryParam("lang", "en")
                .get("/api/calendars/no/2026")
                .then()
                .statusCode(200)
                .body("language", equalTo("en"))
                .body("closedDays.date", hasItem("2026-05-17"));
        given().get("/api/calendars/SE/2026").then().statusCode(200).body("closedDays.name", hasItem("Midsommarafton"));
        given().get("/api/calendars/DE/2026").then().statusCode(400).body("status", equalTo(400));
        given().get("/api/calendars/SE/twenty").then().statusCode(400).body("status", equalTo(400));
        given().get("/api/calendars/SE/1200").then().statusCode(400);
        given().queryParam("lang", "klingon")
                .get("/api/calendars/SE/2026")
                .then()
                .statusCode(400);
    }

    @Test
    void complianceCountsInTimeAndLateAnswersWithMedianAndP90() {
        String account = "compliance-" + UUID.randomUUID();
        // Mon 12 Jan 2026 in Stockholm: both due 24 h later. The first answered after 2 h, the second after 48 h.
        CommentClassified inTime = classified(account, Instant.parse("2026-01-12T08:00:00Z"));
        CommentClassified late = classified(account, Instant.parse("2026-01-12T09:00:00Z"));
        CommentClassified open = classified(account, Instant.parse("2026-01-12T10:00:00Z"));
        for (CommentClassified c : List.of(inTime, late, open)) {
            kafka.sendEvent(
                    Topics.COMMENTS_CLASSIFIED,
                    c.threadKey(),
                    EventType.COMMENT_CLASSIFIED.ceType(),
                    EventJson.write(c));
        }
        await().atMost(WAIT)
                .untilAsserted(() -> as("analyst")
                        .queryParam("accountId", account)
                        .get("/api/deadlines")
                        .then()
                        .body("size()", equalTo(3)));
        reply(inTime, Instant.parse("2026-01-12T10:00:00Z"));
        reply(late, Instant.parse("2026-01-14T09:00:00Z"));
        await().atMost(WAIT)
                .untilAsserted(() -> as("analyst")
                        .queryParam("accountId", account)
                        .queryParam("from", "2026-01-01T00:00:00+01:00")
                        .queryParam("to", "2026-02-01T00:00:00+01:00")
                        .get("/api/compliance")
                        .then()
                        .statusCode(200)
                        .body("size()", equalTo(1))
                        .body("[0].met", equalTo(1))
                        .body("[0].late", equalTo(1))
                        .body("[0].openOverdue", equalTo(1))
                        .body("[0].answeredInTimeShare", equalTo(1f / 3))
                        .body("[0].medianResponseSeconds", equalTo(90_000))
                        .body("[0].p90ResponseSeconds", equalTo(156_240))
                        .body("[0].medianResponse", equalTo("PT25H")));
        as("moderator")
                .queryParam("from", "yesterday")
                .get("/api/compliance")
                .then()
                .statusCode(400);
        as("moderator")
                .queryParam("from", "2026-02-01T00:00:00Z")
                .queryParam("to", "2026-01-01T00:00:00Z")
                .get("/api/compliance")
                .then()
                .statusCode(400);
        given().get("/api/compliance").then().statusCode(401);
        as("archivist").get("/api/compliance").then().statusCode(403);
        as("moderator")
                .queryParam("state", "sometime")
                .get("/api/deadlines")
                .then()
                .statusCode(400)
                .body("status", equalTo(400));
    }

    private void reply(CommentClassified c, Instant at) {
        ModerationActionTaken reply = new ModerationActionTaken(
                c.caseId(),
                c.commentId(),
                1,
                Platform.FACEBOOK,
                c.accountId(),
                c.threadKey(),
                "REPLIED",
                "moderator-1",
                null,
                at);
        kafka.sendEvent(
                Topics.MODERATION_ACTIONS,
                c.threadKey(),
                EventType.MODERATION_ACTION_TAKEN.ceType(),
                EventJson.write(reply));
    }

    private static CommentClassified classified(String account, Instant at) {
        String post = account + "_" + UUID.randomUUID();
        return new CommentClassified(
                UUID.randomUUID().toString(),
                post + "_c",
                1,
                Platform.FACEBOOK,
                account,
                post,
                "facebook:" + post,
                "sv",
                List.of(),
                List.of("QUESTION"),
                Map.of(),
                List.of(),
                "ALLOW",
                new ReplyPolicy("SE", "Europe/Stockholm", "WITHIN_24H_OR_NEXT_WORKDAY", null, null, List.of()),
                at,
                Instant.now());
    }

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(LocalTokens.forRole(role));
    }
}
