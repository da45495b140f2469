package org.tingvakt.moderation.account.connection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.LocalGraphAccounts;
import org.tingvakt.devstack.LocalGraphApi;
import org.tingvakt.devstack.LocalTokens;
import org.tingvakt.moderation.ReconciliationTestSupport;
import org.tingvakt.moderation.intake.reconcile.CommentReconciliation;
import org.tingvakt.moderation.intake.reconcile.ReconciliationFlowTest;

/**
 * Connecting accounts end to end, against devstack's Graph API stand-in and the real database: a system-user token's
 * pages are listed, the chosen ones connected (token sealed in the database, webhook subscription made at the stand-in),
 * the stored token used for reads, and disconnecting unsubscribes and deletes the token. Bad input changes nothing.
 * Shares {@link ReconciliationFlowTest}'s profile and stand-in, so Quarkus does not restart for it.
 */
@QuarkusTest
@TestProfile(ReconciliationFlowTest.AgainstTheStandIn.class)
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class AccountConnectionFlowTest {
    private static LocalGraphApi graph;

    @Inject
    DataSource db;

    @Inject
    CommentReconciliation reconciliation;

    @Inject
    AccountConnections connections;

    @Inject
    StoredPageTokens stored;

    @BeforeAll
    static void standIn() {
        graph = LocalGraphApi.shared(ReconciliationFlowTest.PORT);
    }

    private static LocalGraphAccounts meta() {
        return graph.accounts();
    }

    private static String digits(String prefix) {
        return prefix
                + String.format("%013d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000_000_000L));
    }

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(LocalTokens.forRole(role)).contentType(ContentType.JSON);
    }

    private static Response discover(String role, String token) {
        return as(role).body(Map.of("systemUserToken", token)).post("/api/account-connections/discover");
    }

    private static Response connect(String role, String token, List<Map<String, String>> accounts, String country) {
        return as(role).body(Map.of(
                        "systemUserToken",
                        token,
                        "accounts",
                        accounts,
                        "country",
                        country,
                        "language",
                        "da",
                        "timeZone",
                        "Europe/Copenhagen"))
                .post("/api/account-connections");
    }

    private static Map<String, String> fb(String id) {
        return Map.of("platform", "FACEBOOK", "id", id);
    }

    private long count(String sql, Object... params) {
        return ReconciliationTestSupport.count(db, sql, params);
    }

    private String single(String sql, Object... params) {
        return ReconciliationTestSupport.single(db, sql, params);
    }

    @Test
    void discoverConnectReadWithTheStoredTokenThenDisconnect() {
        String user = "test-system-user-" + UUID.randomUUID();
        String page = digits("41");
        String ig = digits("178");
        String pageToken = meta().grantPage(user, page, "Testby Kommune", ig, "testby.kommune");
        for (int i = 0; i < 100; i++) { // more than one page of /me/accounts (100 a page)
            meta().grantPage(user, digits("42"), "Testby afdeling " + i, null, null);
        }

        Response found = discover("admin", user);
        found.then().statusCode(200);
        assertThat(found.asString()).doesNotContain(pageToken).doesNotContain(user);
        List<Map<String, Object>> reachable = found.jsonPath().getList("accounts");
        assertThat(reachable).hasSize(102);
        assertThat(reachable)
                .anySatisfy(a -> assertThat(a)
                        .containsEntry("platform", "FACEBOOK")
                        .containsEntry("id", page)
                        .containsEntry("name", "Testby Kommune")
                        .containsEntry("canModerate", true)
                        .containsEntry("tasks", List.of("MODERATE", "MANAGE", "CREATE_CONTENT", "ANALYZE")))
                .anySatisfy(a -> assertThat(a)
                        .containsEntry("platform", "INSTAGRAM")
                        .containsEntry("id", ig)
                        .containsEntry("name", "testby.kommune")
                        .containsEntry("pageId", page));

        Response connected = connect("admin", user, List.of(fb(page), Map.of("platform", "INSTAGRAM", "id", ig)), "DK");
        connected.then().statusCode(200);
        assertThat(connected.asString()).doesNotContain(pageToken).doesNotContain(user);
        assertThat(connected.jsonPath().getList("externalId")).containsExactlyInAnyOrder(page, ig);

        // stored sealed, not as the token
        String sealed = single("SELECT sealed_token FROM page_connection WHERE external_id = ?", page);
        assertThat(sealed).startsWith("v1.local-dev.").doesNotContain(pageToken);
        assertThat(single("SELECT key_id FROM page_connection WHERE external_id = ?", ig))
                .isEqualTo("local-dev");
        assertThat(single("SELECT name FROM account WHERE external_id = ?", page))
                .isEqualTo("Testby Kommune");
        // one subscription for the page, which serves its Instagram account too
        assertThat(meta().subscribedFields(page)).containsExactly("feed");
        assertThat(meta().tokenUses()).contains("POST /" + page + "/subscribed_apps page:" + page);

        // a comment only on the platform, read with the stored page token
        graph.addComment(page + "_1", "1_" + page, null, "Hvornår åbner biblioteket?", "5501", "Ada", Instant.now());
        CommentReconciliation.AccountRun run = reconciliation.reconcile(Platform.FACEBOOK, page);
        assertThat(run.recovered()).isEqualTo(1);
        assertThat(meta().tokenUses())
                .contains("GET /" + page + "/feed page:" + page, "GET /" + page + "_1/comments page:" + page);
        reconciliation.reconcile(Platform.INSTAGRAM, ig);
        assertThat(meta().tokenUses()).contains("GET /" + ig + "/media page:" + page);

        // disconnecting the page keeps the subscription its Instagram account still needs
        String pageAccount = single("SELECT id::text FROM account WHERE external_id = ?", page);
        String igAccount = single("SELECT id::text FROM account WHERE external_id = ?", ig);
        as("admin")
                .delete("/api/account-connections/" + pageAccount)
                .then()
                .statusCode(200)
                .body("unsubscribed", org.hamcrest.Matchers.is(false));
        assertThat(meta().subscribedFields(page)).containsExactly("feed");
        as("admin")
                .delete("/api/account-connections/" + igAccount)
                .then()
                .statusCode(200)
                .body("unsubscribed", org.hamcrest.Matchers.is(true));
        assertThat(meta().subscribedFields(page)).isEmpty();
        assertThat(count("page_connection WHERE external_id IN (?, ?)", page, ig))
                .isZero();
        assertThat(stored.tokenFor(page)).isEmpty();
        assertThat(count("account WHERE external_id IN (?, ?)", page, ig))
                .as("the accounts stay")
                .isEqualTo(2);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(count(
                                "moderation_case c JOIN account a ON a.id = c.account_id WHERE a.external_id = ?",
                                page))
                        .as("and their cases")
                        .isEqualTo(1));
        as("admin").delete("/api/account-connections/" + pageAccount).then().statusCode(404);
    }

    @Test
    void badInputAndRefusalsChangeNothing() {
        String user = "test-system-user-" + UUID.randomUUID();
        String page = digits("43");
        meta().grantPage(user, page, "Nejby Kommune", null, null);
        long connectionsBefore = count("page_connection");
        long accountsBefore = count("account");

        discover("admin", "not a token!")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("systemUserToken"));
        discover("admin", "EAAunknownSystemUserToken123")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("190"));
        discover("moderator", user).then().statusCode(403);
        discover("editor", user).then().statusCode(403);
        given().contentType(ContentType.JSON)
                .body(Map.of("systemUserToken", user))
                .post("/api/account-connections/discover")
                .then()
                .statusCode(401);

        connect("admin", user, List.of(fb(digits("44"))), "DK")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("does not reach"));
        connect("admin", user, List.of(Map.of("platform", "FACEBOOK", "id", "../me")), "DK")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        connect("admin", user, List.of(fb(page)), "XX")
                .then()
                .statusCode(400)
                .body("detail", containsString("country"));
        connect("moderator", user, List.of(fb(page)), "DK").then().statusCode(403);

        meta().failNext("POST /" + page + "/subscribed_apps", 200, 1);
        connect("admin", user, List.of(fb(page)), "DK")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("permission"));
        meta().failNext("POST /" + page + "/subscribed_apps", 32, 10);
        connect("admin", user, List.of(fb(page)), "DK")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("detail", containsString("rate-limiting"));
        meta().clearFailures();

        assertThat(meta().subscribedFields(page)).isEmpty();
        assertThat(count("page_connection")).isEqualTo(connectionsBefore);
        assertThat(count("account")).isEqualTo(accountsBefore);
        assertThat(count("account WHERE external_id = ?", page)).isZero();
        as("admin")
                .delete("/api/account-connections/" + UUID.randomUUID())
                .then()
                .statusCode(404);
        as("admin").delete("/api/account-connections/not-a-uuid").then().statusCode(404);
    }

    @Test
    void rotatingTheKeyReSealsEveryStoredToken() {
        String user = "test-system-user-" + UUID.randomUUID();
        String page = digits("45");
        String pageToken = meta().grantPage(user, page, "Rotby Kommune", null, null);
        connect("admin", user, List.of(fb(page)), "SE").then().statusCode(200);
        String current = "local-dev:dGluZ3Zha3QtbG9jYWwtZGV2LXRva2VuLWtleS0zMmI=";
        byte[] fresh = new byte[32];
        new java.security.SecureRandom().nextBytes(fresh);
        String next = "k2027:" + Base64.getEncoder().encodeToString(fresh);

        // 1. new key first, old key kept: every token re-sealed with the new key
        assertThat(connections.reseal(TokenKeyring.parse(next + "," + current))).isGreaterThanOrEqualTo(1);
        String sealed = single("SELECT sealed_token FROM page_connection WHERE external_id = ?", page);
        assertThat(single("SELECT key_id FROM page_connection WHERE external_id = ?", page))
                .isEqualTo("k2027");
        assertThat(TokenKeyring.parse(next).open(sealed, "FACEBOOK:" + page)).contains(pageToken);
        // the running service still has only the old key: the token no longer opens for it
        assertThat(stored.tokenFor(page)).isEmpty();

        // and back, so that the service's key opens everything again
        assertThat(connections.reseal(TokenKeyring.parse(current + "," + next))).isGreaterThanOrEqualTo(1);
        assertThat(stored.tokenFor(page)).contains(pageToken);
        String account = single("SELECT account_id::text FROM page_connection WHERE external_id = ?", page);
        as("admin").delete("/api/account-connections/" + account).then().statusCode(200);
    }

    @Test
    void theDailyCheckFlagsAnExpiredTokenALostSubscriptionAndAMissingPermissionAndTellsOnce() {
        String user = "test-system-user-" + UUID.randomUUID();
        String expiring = digits("46");
        String unsubscribed = digits("47");
        String expiringToken = meta().grantPage(user, expiring, "Udløbby Kommune", null, null);
        String otherToken = meta().grantPage(user, unsubscribed, "Mistby Kommune", null, null);
        connect("admin", user, List.of(fb(expiring), fb(unsubscribed)), "DK")
                .then()
                .statusCode(200);
        String expiringAccount = single("SELECT account_id::text FROM page_connection WHERE external_id = ?", expiring);
        String otherAccount =
                single("SELECT account_id::text FROM page_connection WHERE external_id = ?", unsubscribed);
        EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());

        as("admin").post("/api/account-connections/health-check").then().statusCode(200);
        assertThat(flagsOf(expiringAccount)).as("healthy at first").isEmpty();
        assertThat(flagsOf(otherAccount)).isEmpty();

        meta().expire(expiringToken);
        meta().dropSubscription(unsubscribed);
        meta().revokeScope(otherToken, "pages_manage_engagement");
        as("admin").post("/api/account-connections/health-check").then().statusCode(200);

        assertThat(flagsOf(expiringAccount)).containsExactly("TOKEN_INVALID");
        assertThat(flagsOf(otherAccount)).containsExactlyInAnyOrder("PERMISSION_MISSING", "SUBSCRIPTION_LOST");
        // visible in the accounts API, which the console reads
        as("editor")
                .get("/api/accounts/" + expiringAccount)
                .then()
                .statusCode(200)
                .body("flags", hasItem("TOKEN_INVALID"));
        // and told to the notifier, once
        List<EventProbe.Received> told =
                kafka.await(Topics.ACCOUNTS_HEALTH, r -> r.value().contains(expiring), Duration.ofSeconds(60));
        assertThat(told).hasSize(1);
        assertThat(told.get(0).value())
                .contains("\"flags\":[\"TOKEN_INVALID\"]")
                .contains("Udløbby Kommune")
                .doesNotContain(expiringToken);
        assertThat(told.get(0).header("ce_type")).isEqualTo("org.tingvakt.AccountHealthFlagged.v1");
        kafka.await(
                Topics.ACCOUNTS_HEALTH,
                r -> r.value().contains(unsubscribed)
                        && r.value().contains("pages_manage_engagement")
                        && r.value().contains("SUBSCRIPTION_LOST"),
                Duration.ofSeconds(60));

        as("admin").post("/api/account-connections/health-check").then().statusCode(200);
        assertThat(flagsOf(expiringAccount)).containsExactly("TOKEN_INVALID");
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> kafka.readAll(Topics.ACCOUNTS_HEALTH).stream()
                                .filter(r -> r.value().contains(expiring))
                                .count()
                        == 1);

        // a dead token cannot unsubscribe; disconnecting deletes it all the same
        as("admin")
                .delete("/api/account-connections/" + expiringAccount)
                .then()
                .statusCode(200)
                .body("unsubscribed", is(false));
        assertThat(count("page_connection WHERE external_id = ?", expiring)).isZero();
        as("admin").delete("/api/account-connections/" + otherAccount).then().statusCode(200);
    }

    private List<String> flagsOf(String accountId) {
        return as("admin")
                .get("/api/account-connections")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("find { it.accountId == '" + accountId + "' }.flags");
    }
}
