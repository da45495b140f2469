package org.tingvakt.moderation.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.tingvakt.moderation.api.CaseFixtures.as;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.PolicyAction;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.LocalSecrets;
import org.tingvakt.devstack.SampleWebhook;
import org.tingvakt.moderation.account.Account;
import org.tingvakt.moderation.account.PolicyDecision;
import org.tingvakt.moderation.triage.PolicyService;

/** The account register and policies through the admin API, against the real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class AccountApiTest {
    @Inject
    DataSource dataSource;

    @Inject
    PolicyService policies;

    private static Map<String, Object> account(String externalId) {
        Map<String, Object> m = new HashMap<>();
        m.put("platform", "INSTAGRAM");
        m.put("externalId", externalId);
        m.put("name", "Malmö stad");
        m.put("country", "SE");
        m.put("language", "sv");
        m.put("timeZone", "Europe/Stockholm");
        m.put("officeOpen", "08:30");
        m.put("officeClose", "16:30");
        m.put("replyRule", "BUSINESS_HOURS(8)");
        m.put("rulesUrl", "https://malmo.example/regler");
        m.put("editors", List.of(Map.of("name", "Anna Berg", "email", "anna@malmo.example")));
        m.put("extraClosedDays", List.of("2026-12-24"));
        m.put("signatureUnit", "Kommunikation");
        return m;
    }

    @Test
    void anAdminRegistersAnAccountWhichStartsWithStarterRepliesAndIsFlaggedForOneEditor() {
        String ig = "17841" + (System.nanoTime() % 1_000_000_000L);
        JsonPath a = as("admin")
                .body(account(ig))
                .when()
                .post("/api/accounts")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        String id = a.getString("id");
        assertThat(a.getString("replyRule")).isEqualTo("BUSINESS_HOURS(8)");
        assertThat(a.getString("policyUnlisted")).isEqualTo("REVIEW");
        assertThat(a.getBoolean("autoDeleteEnabled")).isFalse();
        assertThat(a.getList("flags", String.class)).containsExactly("FEWER_THAN_TWO_EDITORS");

        // Starter canned replies in the account's language, from the bundles.
        List<String> names = as("moderator")
                .when()
                .get("/api/accounts/" + id + "/replies?language=sv")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("name", String.class);
        assertThat(names).contains("Tack", "Använd en säker kanal");

        as("admin").when().get("/api/accounts/flags").then().statusCode(200).body("id", hasItem(id));

        // A second editor clears the flag; the register keeps the change and the audit log has it.
        Map<String, Object> two = account(ig);
        two.put(
                "editors",
                List.of(
                        Map.of("name", "Anna Berg", "email", "anna@malmo.example"),
                        Map.of("name", "Olof Ek", "email", "olof@malmo.example")));
        as("admin")
                .body(two)
                .when()
                .put("/api/accounts/" + id)
                .then()
                .statusCode(200)
                .body("flags.size()", equalTo(0));
        as("admin").when().get("/api/accounts/flags").then().body("id", not(hasItem(id)));
        assertThat(CaseFixtures.count(dataSource, "audit_entry WHERE target_id = ? AND action = 'ACCOUNT_UPDATED'", id))
                .isEqualTo(1);

        // Registering the same page twice is a conflict.
        as("admin")
                .body(account(ig))
                .when()
                .post("/api/accounts")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void anAccountWithoutItsOwnPostsForTheInactivityPeriodIsFlaggedInactive() {
        UUID id = CaseFixtures.account(dataSource, "da");
        CaseFixtures.sql(
                dataSource,
                "UPDATE account SET created_at = now() - interval '7 months', editors = "
                        + "'[{\"name\":\"A\",\"email\":\"a@x.dk\"},{\"name\":\"B\",\"email\":\"b@x.dk\"}]'::jsonb WHERE id = ?",
                id);
        as("admin")
                .when()
                .get("/api/accounts/" + id)
                .then()
                .statusCode(200)
                .body("flags", equalTo(List.of("INACTIVE")));
        // Citizens' comments do not make it active: only the account's own posts do.
        CaseFixtures.pending(dataSource, id, "t-" + UUID.randomUUID());
        as("admin").when().get("/api/accounts/" + id).then().body("flags", equalTo(List.of("INACTIVE")));
        String page = CaseFixtures.single(dataSource, "SELECT external_id FROM account WHERE id = ?", id);
        String post = SampleWebhook.pagePost(page, page + "_" + System.nanoTime(), "Åbent hus lørdag", "add");
        given().contentType(ContentType.JSON)
                .body(post)
                .header(
                        "X-Hub-Signature-256",
                        SampleWebhook.signature(
                                LocalSecrets.META_APP_SECRET, post.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .when()
                .post("/webhooks/meta")
                .then()
                .statusCode(200)
                .body("pagePosts", equalTo(1));
        as("admin").when().get("/api/accounts/" + id).then().body("flags.size()", equalTo(0));
    }

    @Test
    void invalidSettingsAreRefusedWithAProblemAndChangeNothing() {
        long before = CaseFixtures.count(dataSource, "account");
        Map<String, Object> bad = account("17841999");
        bad.put("language", "de");
        bad.put("timeZone", "Mars/Olympus");
        bad.put("replyRule", "WHENEVER");
        bad.put("officeOpen", "17:00");
        bad.put("rulesUrl", "javascript:alert(1)");
        as("admin")
                .body(bad)
                .when()
                .post("/api/accounts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("language"))
                .body("detail", containsString("timeZone"))
                .body("detail", containsString("replyRule"))
                .body("detail", containsString("officeOpen"))
                .body("detail", containsString("rulesUrl"));
        as("admin")
                .body("{\"platform\":\"MYSPACE\"}")
                .when()
                .post("/api/accounts")
                .then()
                .statusCode(400);
        as("admin").body("{not json").when().post("/api/accounts").then().statusCode(400);
        assertThat(CaseFixtures.count(dataSource, "account")).isEqualTo(before);
    }

    @Test
    void thePolicyIsStoredPerLabelAndDecidesForTheAccount() {
        UUID id = CaseFixtures.account(dataSource, "nb");
        as("admin")
                .body(Map.of("perLabel", Map.of("NOPE", "HIDE")))
                .when()
                .put("/api/accounts/" + id + "/policy")
                .then()
                .statusCode(400)
                .body("detail", containsString("NOPE"));
        as("admin")
                .body(Map.of(
                        "perLabel",
                        Map.of("THREAT", "DELETE_AFTER_ARCHIVE", "PROFANITY", "HIDE"),
                        "unlisted",
                        "REVIEW",
                        "autoDeleteEnabled",
                        false))
                .when()
                .put("/api/accounts/" + id + "/policy")
                .then()
                .statusCode(200)
                .body("policy.THREAT", equalTo("DELETE_AFTER_ARCHIVE"))
                .body("policy.PROFANITY", equalTo("HIDE"));

        Account stored = load(id);
        PolicyDecision threat = policies.decide(stored, Set.of("THREAT", "PROFANITY"), Set.of());
        assertThat(threat.action()).isEqualTo(PolicyAction.HIDE_AND_ARCHIVE); // automatic deletion is off
        assertThat(threat.deciding()).contains("THREAT");
        assertThat(policies.decide(stored, Set.of("PROFANITY"), Set.of()).action())
                .isEqualTo(PolicyAction.HIDE);

        as("admin")
                .body(Map.of("perLabel", Map.of("THREAT", "DELETE_AFTER_ARCHIVE"), "autoDeleteEnabled", true))
                .when()
                .put("/api/accounts/" + id + "/policy")
                .then()
                .statusCode(200);
        Account after = load(id);
        assertThat(policies.decide(after, Set.of("THREAT"), Set.of()).deleteAfterArchive())
                .isTrue();
        assertThat(policies.decide(after, Set.of("THREAT"), Set.of("COMPLAINT")).deleteAfterArchive())
                .isFalse();
        assertThat(CaseFixtures.count(
                        dataSource, "audit_entry WHERE target_id = ? AND action = 'POLICY_CHANGED'", id.toString()))
                .isEqualTo(2);
    }

    @Test
    void editorsKeepCannedRepliesAndModeratorsOnlyReadThem() {
        UUID id = CaseFixtures.account(dataSource, "nn");
        String replyId = as("editor")
                .body(Map.of("language", "nn", "name", "Opningstider", "text", "Rådhuset er ope 08–15."))
                .when()
                .post("/api/accounts/" + id + "/replies")
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        as("editor")
                .body(Map.of("language", "nn", "name", "Opningstider", "text", "Dublett"))
                .when()
                .post("/api/accounts/" + id + "/replies")
                .then()
                .statusCode(409);
        as("editor")
                .body(Map.of("language", "de", "name", "X", "text", "Y"))
                .when()
                .post("/api/accounts/" + id + "/replies")
                .then()
                .statusCode(400);
        as("moderator")
                .body(Map.of("language", "nn", "name", "X", "text", "Y"))
                .when()
                .post("/api/accounts/" + id + "/replies")
                .then()
                .statusCode(403);
        as("moderator")
                .when()
                .get("/api/accounts/" + id + "/replies?language=nn")
                .then()
                .statusCode(200)
                .body("name", hasItem("Opningstider"));
        as("editor")
                .when()
                .delete("/api/accounts/" + id + "/replies/" + replyId)
                .then()
                .statusCode(204);
        as("moderator")
                .when()
                .get("/api/accounts/" + id + "/replies?language=nn")
                .then()
                .body("name", not(hasItem("Opningstider")));
    }

    /** A fresh read in its own transaction (the test's request context would otherwise hand back a cached entity). */
    private static Account load(UUID id) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(id));
    }
}
