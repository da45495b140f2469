package org.tingvakt.moderation.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.tingvakt.devstack.DevStackTestResource;

/**
 * The public transparency report: readable without a token, right figures per account and reason category, and nothing
 * in it that points at a person or a comment (no ids, no names of people, no comment or reason text). Periods in 2002,
 * which no other test writes into.
 */
@QuarkusTest
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class TransparencyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every field name the report may hold; anything else is a leak waiting to happen. */
    private static final Set<String> FIELDS = Set.of(
            "from",
            "to",
            "generatedAt",
            "reasons",
            "accounts",
            "totals",
            "account",
            "platform",
            "figures",
            "removedByReason",
            "removed",
            "hidden",
            "deleted",
            "responded",
            "medianResponseSeconds",
            "p90ResponseSeconds",
            "THREAT",
            "HATE",
            "INSULT",
            "PROFANITY",
            "SEXUAL",
            "VIOLENCE",
            "CRIME",
            "ADVERTISING",
            "PERSONAL_DATA",
            "SECRET",
            "OTHER");

    @Inject
    DataSource ds;

    @Test
    void eachClientIsRateLimitedWithAProblemAndRetryAfterAndOthersAreNot() {
        // Clients told apart by X-Forwarded-For (trusted in the test profile), so other tests' budget is untouched.
        // The bucket refills while the test runs, so the first refusal comes at the limit or a little after.
        String client = "198.51.100." + (1 + (int) (Math.random() * 200));
        Response refused = null;
        int allowed = 0;
        while (refused == null && allowed < 1000) {
            Response r = given().header("X-Forwarded-For", client)
                    .queryParam("from", "2002-01-01")
                    .queryParam("to", "2002-01-31")
                    .when()
                    .get("/api/public/transparency");
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
                allowed++;
            }
        }
        assertThat(allowed).isBetween(60, 999); // 60 a minute in the test profile
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getInt("status")).isEqualTo(429);
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 2);
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("60");
        given().header("X-Forwarded-For", "203.0.113." + (1 + (int) (Math.random() * 200)))
                .queryParam("from", "2002-01-01")
                .queryParam("to", "2002-01-31")
                .when()
                .get("/api/public/transparency")
                .then()
                .statusCode(200);

        // The webhooks have their own budget (300 a minute in the test profile): unsigned requests count too.
        String sender = "198.51.100." + (201 + (int) (Math.random() * 50));
        int before = 0;
        int status = 0;
        while (before < 5000) {
            status = given().header("X-Forwarded-For", sender)
                    .body("{}")
                    .when()
                    .post("/webhooks/generic")
                    .statusCode();
            if (status == 429) {
                break;
            }
            assertThat(status).isEqualTo(401);
            before++;
        }
        assertThat(status).isEqualTo(429);
        assertThat(before).isGreaterThanOrEqualTo(300);
    }

    @Test
    void aggregatesPerAccountAndReasonWithoutSignInAndWithoutAnythingPersonal() throws Exception {
        String suffix = Long.toString(System.nanoTime(), 36);
        UUID town = account("FACEBOOK", "Testby Kommune " + suffix);
        UUID agency = account("INSTAGRAM", "Provby kommun " + suffix);
        Instant t = Instant.parse("2002-03-04T08:00:00Z");
        List<UUID> cases = new ArrayList<>();
        cases.add(caseOf(town, "DELETED", "THREAT", new String[] {"THREAT"}, t, 10));
        cases.add(caseOf(
                town, "HIDDEN", "Sven Svensson threatened Per Hansen", new String[] {"INSULT"}, t.plusSeconds(60), 20));
        cases.add(caseOf(town, "HIDDEN", null, new String[] {"INSULT"}, t.plusSeconds(120), 30));
        cases.add(caseOf(town, "APPROVED", "OK", new String[] {"INSULT"}, t.plusSeconds(180), 40));
        cases.add(caseOf(agency, "ARCHIVING", " insult ", new String[] {"PROFANITY"}, t.plusSeconds(240), 60));

        Response response = given().when().get("/api/public/transparency?from=2002-03-01&to=2002-03-31");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("max-age=300");
        String body = response.asString();
        JsonNode report = JSON.readTree(body);

        JsonNode a = accountNamed(report, "Testby Kommune " + suffix);
        assertThat(a.get("platform").asText()).isEqualTo("FACEBOOK");
        JsonNode f = a.get("figures");
        // the free-text reason (which names people) counts as OTHER; categories in the report's order
        assertThat(fieldNames(f.get("removedByReason"))).containsExactly("THREAT", "INSULT", "OTHER");
        assertThat(f.get("removedByReason").get("THREAT").asLong()).isEqualTo(1);
        assertThat(f.get("removedByReason").get("INSULT").asLong()).isEqualTo(1);
        assertThat(f.get("removedByReason").get("OTHER").asLong()).isEqualTo(1);
        assertThat(f.get("removed").asLong()).isEqualTo(3);
        assertThat(f.get("hidden").asLong()).isEqualTo(2);
        assertThat(f.get("deleted").asLong()).isEqualTo(1);
        assertThat(f.get("responded").asLong()).isEqualTo(4);
        assertThat(f.get("medianResponseSeconds").asLong()).isEqualTo(25);
        // percentile_cont(0.9) of 10, 20, 30, 40: position 2.7 → 30 + 0.7 × 10 = 37
        assertThat(f.get("p90ResponseSeconds").asLong()).isEqualTo(37);
        JsonNode b = accountNamed(report, "Provby kommun " + suffix).get("figures");
        assertThat(fieldNames(b.get("removedByReason"))).containsExactly("INSULT");
        assertThat(b.get("medianResponseSeconds").asLong()).isEqualTo(60);
        assertThat(report.get("totals").get("removed").asLong()).isEqualTo(4);
        assertThat(report.get("totals").get("responded").asLong()).isEqualTo(5);
        assertThat(report.get("from").asText()).isEqualTo("2002-03-01");
        assertThat(report.get("to").asText()).isEqualTo("2002-03-31");

        // Only aggregates: no field outside the known set, no id, no person, no text.
        Set<String> names = new TreeSet<>();
        collectFieldNames(report, names);
        assertThat(FIELDS).containsAll(names);
        List<String> forbidden = new ArrayList<>(List.of(
                town.toString(),
                agency.toString(),
                "Sven",
                "Svensson",
                "Per Hansen",
                "idiot",
                "hvornår",
                "facebook.com",
                "threatened",
                "thread-"));
        cases.forEach(c -> forbidden.add(c.toString()));
        forbidden.add(externalId(town));
        forbidden.add(externalId(agency));
        for (String s : forbidden) {
            assertThat(body).as("the report must not contain %s", s).doesNotContain(s);
        }

        // Cached: a case added now does not change the answer until the cache expires (5 minutes)
        caseOf(town, "DELETED", "THREAT", new String[] {"THREAT"}, t.plusSeconds(300), 5);
        String again = given().when()
                .get("/api/public/transparency?from=2002-03-01&to=2002-03-31")
                .asString();
        assertThat(again).isEqualTo(body);
        // ...while another period is computed afresh and sees it
        JsonNode wider = JSON.readTree(given().when()
                .get("/api/public/transparency?from=2002-03-02&to=2002-03-31")
                .asString());
        assertThat(accountNamed(wider, "Testby Kommune " + suffix)
                        .get("figures")
                        .get("removed")
                        .asLong())
                .isEqualTo(4);
    }

    @Test
    void badPeriodsAreProblemsNotReports() {
        given().when()
                .get("/api/public/transparency?from=2002-13-01")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().when()
                .get("/api/public/transparency?from=2002-03-02&to=2002-03-01")
                .then()
                .statusCode(400);
        given().when()
                .get("/api/public/transparency?from=2000-01-01&to=2002-03-01")
                .then()
                .statusCode(400);
        given().when().get("/api/public/transparency?to=yesterday").then().statusCode(400);
    }

    private UUID account(String platform, String name) {
        UUID id = UUID.randomUUID();
        CaseFixtures.sql(
                ds,
                "INSERT INTO account (id, platform, external_id, name, language, rules_url, signature_unit) "
                        + "VALUES (?, ?, ?, ?, 'da', 'https://example.org/rules', 'Kommunikation')",
                id,
                platform,
                "7" + Math.abs(id.getLeastSignificantBits() % 1_000_000_000_000L),
                name);
        return id;
    }

    private String externalId(UUID account) {
        try (var c = ds.getConnection();
                var ps = c.prepareStatement("SELECT external_id FROM account WHERE id = ?")) {
            ps.setObject(1, account);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private UUID caseOf(
            UUID account, String state, String reason, String[] labels, Instant received, int responseSeconds) {
        return CaseFixtures.caseOf(
                ds,
                account,
                "thread-" + Long.toString(System.nanoTime(), 36),
                state,
                "da",
                labels,
                new String[0],
                received,
                received.plusSeconds(responseSeconds),
                reason);
    }

    private static JsonNode accountNamed(JsonNode report, String name) {
        for (JsonNode a : report.get("accounts")) {
            if (name.equals(a.get("account").asText())) {
                return a;
            }
        }
        throw new AssertionError("no account " + name + " in " + report);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static void collectFieldNames(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String n = it.next();
                into.add(n);
                collectFieldNames(node.get(n), into);
            }
        } else if (node.isArray()) {
            node.forEach(n -> collectFieldNames(n, into));
        }
    }
}
