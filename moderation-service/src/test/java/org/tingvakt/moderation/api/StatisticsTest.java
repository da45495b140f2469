package org.tingvakt.moderation.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tingvakt.moderation.api.CaseFixtures.as;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.tingvakt.devstack.DevStackTestResource;

/** Transparency figures against hand-computed values, over a period no other test writes into. */
@QuarkusTest
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class StatisticsTest {
    @Inject
    DataSource ds;

    @Test
    void removalsPerReasonAndResponseTimesMedianAndP90PerAccount() {
        UUID account = CaseFixtures.account(ds, "da");
        Instant t = Instant.parse("2001-05-01T08:00:00Z");
        int[] seconds = {10, 20, 30, 40, 50};
        String[] states = {"HIDDEN", "DELETED", "DELETED", "APPROVED", "ARCHIVING"};
        String[] reasons = {"INSULT", "THREAT", "THREAT", null, null};
        for (int i = 0; i < seconds.length; i++) {
            Instant received = t.plusSeconds(3600L * i);
            CaseFixtures.caseOf(
                    ds,
                    account,
                    "s" + i,
                    states[i],
                    "da",
                    new String[] {"PERSONAL_DATA"},
                    new String[0],
                    received,
                    received.plusSeconds(seconds[i]),
                    reasons[i]);
        }
        String period = "?from=2001-05-01T00:00:00Z&to=2001-05-02T00:00:00Z";

        JsonPath rt = as("analyst")
                .when()
                .get("/api/stats/response-times" + period)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Object> row = rt.getMap("rows.find { it.accountId == '" + account + "' }");
        assertThat(((Number) row.get("responded")).longValue()).isEqualTo(5);
        assertThat(((Number) row.get("medianSeconds")).doubleValue()).isEqualTo(30.0);
        // percentile_cont(0.9) of 10..50: position 0.9 × 4 = 3.6 → 40 + 0.6 × (50 − 40) = 46
        assertThat(((Number) row.get("p90Seconds")).doubleValue()).isEqualTo(46.0);

        JsonPath rm = as("analyst")
                .when()
                .get("/api/stats/removals" + period)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> rows = rm.getList("rows.findAll { it.accountId == '" + account + "' }");
        assertThat(rows)
                .extracting(r -> r.get("reason") + "=" + r.get("hidden") + "/" + r.get("deleted"))
                .containsExactly("THREAT=0/2", "INSULT=1/0", "PERSONAL_DATA=1/0");

        as("analyst")
                .when()
                .get("/api/stats/removals?from=2001-05-02T00:00:00Z&to=2001-05-01T00:00:00Z")
                .then()
                .statusCode(400);
        as("analyst").when().get("/api/stats/removals?from=yesterday").then().statusCode(400);
    }

    @Test
    void removalsPerDayOrWeekAndReasonCategory() {
        UUID account = CaseFixtures.account(ds, "sv");
        UUID other = CaseFixtures.account(ds, "sv");
        // Wednesday 2003-02-05, Thursday 2003-02-06 and Monday 2003-02-10 (a new ISO week)
        Object[][] cases = {
            {"2003-02-05T09:00:00Z", "DELETED", "THREAT"}, {"2003-02-05T10:00:00Z", "HIDDEN", "threat"},
            {"2003-02-05T11:00:00Z", "HIDDEN", "Anna Berg said so"}, {"2003-02-06T12:00:00Z", "ARCHIVING", null},
            {"2003-02-10T08:00:00Z", "HIDDEN", "INSULT"}, {"2003-02-10T09:00:00Z", "APPROVED", "OK"}
        };
        for (Object[] c : cases) {
            Instant received = Instant.parse((String) c[0]);
            CaseFixtures.caseOf(
                    ds,
                    account,
                    "tl" + c[0],
                    (String) c[1],
                    "sv",
                    new String[] {"PROFANITY"},
                    new String[0],
                    received,
                    received.plusSeconds(5),
                    (String) c[2]);
        }
        CaseFixtures.caseOf(
                ds,
                other,
                "tl-other",
                "DELETED",
                "sv",
                new String[] {"THREAT"},
                new String[0],
                Instant.parse("2003-02-05T09:00:00Z"),
                null,
                "THREAT");
        String period = "from=2003-02-01T00:00:00Z&to=2003-03-01T00:00:00Z&accountId=" + account;

        JsonPath day = as("analyst")
                .when()
                .get("/api/stats/removals/timeline?" + period)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(day.getString("bucket")).isEqualTo("DAY");
        List<Map<String, Object>> rows = day.getList("rows");
        assertThat(rows)
                .extracting(r -> r.get("bucketStart") + " " + r.get("reason") + "=" + r.get("total"))
                .containsExactly(
                        "2003-02-05 OTHER=1", "2003-02-05 THREAT=2", "2003-02-06 PROFANITY=1", "2003-02-10 INSULT=1");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("accountId")).isEqualTo(account.toString()));
        assertThat(rows.get(0).get("externalId")).isNotNull();

        JsonPath week = as("editor")
                .when()
                .get("/api/stats/removals/timeline?bucket=week&" + period)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(week.getList("rows", Map.class))
                .extracting(r -> r.get("bucketStart") + " " + r.get("reason") + "=" + r.get("total"))
                .containsExactly(
                        "2003-02-03 OTHER=1", "2003-02-03 PROFANITY=1", "2003-02-03 THREAT=2", "2003-02-10 INSULT=1");

        // without the account filter, the other account's removal is there too
        JsonPath all = as("admin")
                .when()
                .get("/api/stats/removals/timeline?from=2003-02-05T00:00:00Z" + "&to=2003-02-06T00:00:00Z")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(all.getList("rows.findAll { it.accountId == '" + other + "' }.total", Integer.class))
                .containsExactly(1);

        as("analyst")
                .when()
                .get("/api/stats/removals/timeline?bucket=month")
                .then()
                .statusCode(400);
        as("analyst")
                .when()
                .get("/api/stats/removals/timeline?accountId=nope")
                .then()
                .statusCode(400);
        as("analyst")
                .when()
                .get("/api/stats/removals/timeline?from=2000-01-01T00:00:00Z&to=2003-01-01T00:00:00Z")
                .then()
                .statusCode(400);
        as("analyst")
                .when()
                .get("/api/stats/removals/timeline?bucket=week&from=2000-01-01T00:00:00Z" + "&to=2003-01-01T00:00:00Z")
                .then()
                .statusCode(200);
        as("moderator").when().get("/api/stats/removals/timeline").then().statusCode(403);
    }
}
