package org.tingvakt.moderation.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tingvakt.moderation.api.CaseFixtures.as;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import javax.sql.DataSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.tingvakt.devstack.DevStackTestResource;

/** Transparency figures against hand-computed values, over a period no other test writes into. */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "moderation"))
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
            CaseFixtures.caseOf(ds, account, "s" + i, states[i], "da", new String[] {"PERSONAL_DATA"}, new String[0],
                    received, received.plusSeconds(seconds[i]), reasons[i]);
        }
        String period = "?from=2001-05-01T00:00:00Z&to=2001-05-02T00:00:00Z";

        JsonPath rt = as("analyst").when().get("/api/stats/response-times" + period).then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> row = rt.getMap("rows.find { it.accountId == '" + account + "' }");
        assertThat(((Number) row.get("responded")).longValue()).isEqualTo(5);
        assertThat(((Number) row.get("medianSeconds")).doubleValue()).isEqualTo(30.0);
        // percentile_cont(0.9) of 10..50: position 0.9 × 4 = 3.6 → 40 + 0.6 × (50 − 40) = 46
        assertThat(((Number) row.get("p90Seconds")).doubleValue()).isEqualTo(46.0);

        JsonPath rm = as("analyst").when().get("/api/stats/removals" + period).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> rows = rm.getList("rows.findAll { it.accountId == '" + account + "' }");
        assertThat(rows).extracting(r -> r.get("reason") + "=" + r.get("hidden") + "/" + r.get("deleted"))
                .containsExactly("THREAT=0/2", "INSULT=1/0", "PERSONAL_DATA=1/0");

        as("analyst").when().get("/api/stats/removals?from=2001-05-02T00:00:00Z&to=2001-05-01T00:00:00Z").then()
                .statusCode(400);
        as("analyst").when().get("/api/stats/removals?from=yesterday").then().statusCode(400);
    }
}
