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
import java.nio.charset.StandardCharsets;
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
import org.tingvakt.devstack.LocalSecrets;
import org.tingvakt.devstack.SampleWebhook;

/**
 * The public transparency report: readable without a token, right figures per account and reason category, answer times
 * of questions from the first reply the platform confirms, no count from 1 to 4 (min-count 5) published or derivable,
 * and nothing in it that points at a person or a comment (no ids, no names of people, no comment or reason text).
 * Periods in 2002, which no other test writes into.
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
            "minCount",
            "questions",
            "answered",
            "medianAnswerSeconds",
            "p90AnswerSeconds",
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

        // The webhooks have their own budget (300 a minute in the test profile), which only refused deliveries spend:
        // Meta sends every page's deliveries from a few addresses, and a signed delivery is never refused for its
        // number.
        String meta = "198.51.100." + (1 + (int) (Math.random() * 150));
        byte[] signed = "{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 330; i++) {
            given().header("X-Forwarded-For", meta)
                    .header("X-Hub-Signature-256", SampleWebhook.signature(LocalSecrets.META_APP_SECRET, signed))
                    .contentType("application/json")
                    .body(signed)
                    .when()
                    .post("/webhooks/meta")
                    .then()
                    .statusCode(200);
        }
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
        UUID fjord = account("FACEBOOK", "Fjordby kommune " + suffix);
        Instant t = Instant.parse("2002-03-04T08:00:00Z");
        List<UUID> cases = new ArrayList<>();
        // Town: 6 threats deleted, 5 insults hidden, 2 profanities and one free-text reason (which names people, so it
        // counts as OTHER) hidden. PROFANITY (2) joins OTHER (3), which is still below 5, so the smallest shown
        // category (INSULT, 5) joins it too: removed minus the categories shown is never 1 to 4.
        for (int i = 0; i < 6; i++) {
            cases.add(caseOf(town, "DELETED", "THREAT", new String[] {"THREAT"}, t.plusSeconds(i), 10));
        }
        for (int i = 0; i < 5; i++) {
            cases.add(caseOf(town, "HIDDEN", null, new String[] {"INSULT"}, t.plusSeconds(10 + i), 10));
        }
        cases.add(caseOf(town, "HIDDEN", "PROFANITY", new String[] {"INSULT"}, t.plusSeconds(20), 10));
        cases.add(caseOf(town, "ARCHIVING", null, new String[] {"PROFANITY"}, t.plusSeconds(21), 10));
        cases.add(caseOf(
                town, "HIDDEN", "Sven Svensson threatened Per Hansen", new String[] {"INSULT"}, t.plusSeconds(22), 20));
        // A moderator's first action on a case is not an answer (the case below has one after 1 s, and no question).
        cases.add(caseOf(town, "APPROVED", "OK", new String[] {"INSULT"}, t.plusSeconds(23), 1));
        // Town's questions (each with a moderator's first action after 1 s, which is not what is measured): three
        // answered by the page on the platform, two by a reply Tingvakt posted and the platform accepted (the second
        // also by a later page reply: the first answer counts), one whose only reply the platform refused.
        for (int i = 0; i < 3; i++) {
            UUID q = question(town, t.plusSeconds(100 + i * 1000L));
            pageReply(q, 10 * (i + 1));
            cases.add(q);
        }
        UUID q4 = question(town, t.plusSeconds(4000));
        reply(q4, "DONE", "SUCCESS", 40);
        UUID q5 = question(town, t.plusSeconds(5000));
        reply(q5, "DONE", "SUCCESS", 50);
        pageReply(q5, 500);
        UUID refused = question(town, t.plusSeconds(6000));
        reply(refused, "FAILED", "PERMISSION", 5);
        cases.addAll(List.of(q4, q5, refused));
        // A small account (2 removals, 2 questions) and one just big enough (5 and 3) that is withheld with it: else
        // the totals minus the shown accounts would give the small one's figures away.
        cases.add(caseOf(agency, "HIDDEN", "PROFANITY", new String[] {"PROFANITY"}, t.plusSeconds(30), 60));
        cases.add(caseOf(agency, "ARCHIVING", " insult ", new String[] {"PROFANITY"}, t.plusSeconds(31), 60));
        for (int i = 0; i < 5; i++) {
            cases.add(caseOf(fjord, "HIDDEN", "INSULT", new String[] {"INSULT"}, t.plusSeconds(40 + i), 60));
        }
        for (int i = 0; i < 2; i++) {
            UUID q = question(agency, t.plusSeconds(7000 + i * 1000L));
            pageReply(q, 60 + 10 * i);
            cases.add(q);
        }
        for (int i = 0; i < 3; i++) {
            UUID q = question(fjord, t.plusSeconds(9000 + i * 1000L));
            reply(q, "DONE", "SUCCESS", 80 + 10 * i);
            cases.add(q);
        }

        Response response = given().when().get("/api/public/transparency?from=2002-03-01&to=2002-03-31");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("max-age=300");
        String body = response.asString();
        JsonNode report = JSON.readTree(body);
        assertThat(report.get("minCount").asInt()).isEqualTo(5);

        JsonNode a = accountNamed(report, "Testby Kommune " + suffix);
        assertThat(a.get("platform").asText()).isEqualTo("FACEBOOK");
        JsonNode f = a.get("figures");
        assertThat(fieldNames(f.get("removedByReason"))).containsExactly("THREAT", "OTHER");
        assertThat(f.get("removedByReason").get("THREAT").asLong()).isEqualTo(6);
        assertThat(f.get("removedByReason").get("OTHER").asLong()).isEqualTo(8);
        assertThat(f.get("removed").asLong()).isEqualTo(14);
        assertThat(f.get("hidden").asLong()).isEqualTo(8);
        assertThat(f.get("deleted").asLong()).isEqualTo(6);
        assertThat(f.get("questions").asLong()).isEqualTo(6);
        assertThat(f.get("answered").asLong()).isEqualTo(5);
        // 10, 20, 30, 40, 50 s: median 30; percentile_cont(0.9) at position 3.6 → 40 + 0.6 × 10 = 46
        assertThat(f.get("medianAnswerSeconds").asLong()).isEqualTo(30);
        assertThat(f.get("p90AnswerSeconds").asLong()).isEqualTo(46);
        // the names of API 1.0, kept for its clients, now carry the same answer figures
        assertThat(f.get("responded").asLong()).isEqualTo(5);
        assertThat(f.get("medianResponseSeconds").asLong()).isEqualTo(30);
        assertThat(f.get("p90ResponseSeconds").asLong()).isEqualTo(46);
        for (String small : List.of("Provby kommun " + suffix, "Fjordby kommune " + suffix)) {
            JsonNode s = accountNamed(report, small).get("figures");
            for (String field : List.of(
                    "removedByReason",
                    "removed",
                    "hidden",
                    "deleted",
                    "questions",
                    "answered",
                    "medianAnswerSeconds",
                    "p90AnswerSeconds",
                    "responded")) {
                // withheld: null, which the service leaves out of the JSON
                assertThat(s.path(field).isMissingNode() || s.path(field).isNull())
                        .as("%s of %s is withheld: %s", field, small, s)
                        .isTrue();
            }
        }
        JsonNode totals = report.get("totals");
        assertThat(totals.get("removed").asLong()).isEqualTo(21);
        // per reason, the totals add up what the accounts show; the rest is OTHER
        assertThat(totals.get("removedByReason").get("THREAT").asLong()).isEqualTo(6);
        assertThat(totals.get("removedByReason").get("OTHER").asLong()).isEqualTo(15);
        assertThat(totals.get("hidden").asLong()).isEqualTo(15);
        assertThat(totals.get("deleted").asLong()).isEqualTo(6);
        assertThat(totals.get("questions").asLong()).isEqualTo(11);
        assertThat(totals.get("answered").asLong()).isEqualTo(10);
        // 10 … 100 s: median 55; p90 at position 8.1 → 90 + 0.1 × 10 = 91
        assertThat(totals.get("medianAnswerSeconds").asLong()).isEqualTo(55);
        assertThat(totals.get("p90AnswerSeconds").asLong()).isEqualTo(91);
        assertThat(report.get("from").asText()).isEqualTo("2002-03-01");
        assertThat(report.get("to").asText()).isEqualTo("2002-03-31");

        // Only aggregates: no field outside the known set, no id, no person, no text.
        Set<String> names = new TreeSet<>();
        collectFieldNames(report, names);
        assertThat(FIELDS).containsAll(names);
        List<String> forbidden = new ArrayList<>(List.of(
                town.toString(),
                agency.toString(),
                fjord.toString(),
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
        forbidden.add(externalId(fjord));
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
        JsonNode fresh = accountNamed(wider, "Testby Kommune " + suffix).get("figures");
        assertThat(fresh.get("removed").asLong()).isEqualTo(15);
        assertThat(fresh.get("removedByReason").get("THREAT").asLong()).isEqualTo(7);
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

    /** A question (intent QUESTION) with a moderator's first action after 1 s; returns the case id. */
    private UUID question(UUID account, Instant received) {
        return CaseFixtures.caseOf(
                ds,
                account,
                "thread-" + Long.toString(System.nanoTime(), 36),
                "REPLIED",
                "da",
                new String[0],
                new String[] {"QUESTION"},
                received,
                received.plusSeconds(1),
                null);
    }

    /** The page's own reply to the question's comment, as the platform reported it, {@code seconds} after arrival. */
    private void pageReply(UUID question, int seconds) {
        CaseFixtures.sql(
                ds,
                "INSERT INTO comment_version (id, platform, comment_id, version, account_id, post_id, parent_id, "
                        + "thread_key, kind, text, created_at, received_at) "
                        + "SELECT ?, c.platform, ?, 1, c.account_id, 'post', c.comment_id, c.thread_key, 'PAGE_REPLY', "
                        + "'Tak for spørgsmålet', c.received_at + make_interval(secs => ?), "
                        + "c.received_at + make_interval(secs => ?) FROM moderation_case c WHERE c.id = ?",
                UUID.randomUUID(),
                "reply-" + UUID.randomUUID(),
                seconds,
                seconds,
                question);
    }

    /** Tingvakt's reply to the question, in the given state and result, finished {@code seconds} after arrival. */
    private void reply(UUID question, String state, String result, int seconds) {
        CaseFixtures.sql(
                ds,
                "INSERT INTO platform_action (id, case_id, operation, platform, account_external_id, target_id, text, "
                        + "actor, state, runs, next_attempt_at, result_category, created_at, updated_at) "
                        + "SELECT ?, c.id, 'REPLY', c.platform, a.external_id, c.comment_id, 'Tak', 'moderator', ?, 1, "
                        + "c.received_at, ?, c.received_at, c.received_at + make_interval(secs => ?) "
                        + "FROM moderation_case c JOIN account a ON a.id = c.account_id WHERE c.id = ?",
                UUID.randomUUID(),
                state,
                result,
                seconds,
                question);
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
