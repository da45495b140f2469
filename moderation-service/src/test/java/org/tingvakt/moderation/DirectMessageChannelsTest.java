package org.tingvakt.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.tingvakt.moderation.TestSupport.as;
import static org.tingvakt.moderation.TestSupport.signedMeta;
import static org.tingvakt.moderation.TestSupport.single;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.Platform;
import org.tingvakt.devstack.DevStackTestResource;

/**
 * The secure channels of the standard DM reply per account and language ({@code PUT /api/accounts/{id}/dm-channels}),
 * falling back to the service-wide {@code tingvakt.dm-reply.channels} (DIGITAL_POST here): validated all or nothing,
 * and used by the next reply.
 */
@QuarkusTest
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class DirectMessageChannelsTest {
    private static final String OWN_PAGE = "300000000000091";
    private static final String PLAIN_PAGE = "300000000000092";
    private static final String CHECKED_PAGE = "300000000000093";
    private static final String SWEDISH_PAGE = "300000000000094";
    private static final String NORWEGIAN_PAGE = "300000000000095";
    private static final Duration WAIT = Duration.ofSeconds(45);

    @Inject
    DataSource db;

    @BeforeEach
    void accounts() {
        TestSupport.account(db, Platform.FACEBOOK, OWN_PAGE, "nb", "{}", false);
        TestSupport.account(db, Platform.FACEBOOK, PLAIN_PAGE, "sv", "{}", false);
        TestSupport.account(db, Platform.FACEBOOK, CHECKED_PAGE, "nn", "{}", false);
        TestSupport.account(db, Platform.FACEBOOK, SWEDISH_PAGE, "sv", "{}", false);
        TestSupport.account(db, Platform.FACEBOOK, NORWEGIAN_PAGE, "nn", "{}", false);
        TestSupport.update(db, "UPDATE account SET country = 'SE' WHERE external_id = ?", SWEDISH_PAGE);
        TestSupport.update(db, "UPDATE account SET country = 'NO' WHERE external_id = ?", NORWEGIAN_PAGE);
    }

    private String accountId(String page) {
        return single(db, "SELECT id FROM account WHERE platform = 'FACEBOOK' AND external_id = ?", page);
    }

    private static String newSender() {
        return "4" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L);
    }

    /** A DM from a new sender to the page; the text of the standard reply it queued. */
    private String replyTo(String page) {
        String sender = newSender();
        signedMeta("{\"object\":\"page\",\"entry\":[{\"id\":\"" + page + "\",\"messaging\":[{\"sender\":{\"id\":\""
                        + sender + "\"},\"recipient\":{\"id\":\"" + page
                        + "\"},\"timestamp\":1795400000000,\"message\":"
                        + "{\"mid\":\"m_" + sender + "\",\"text\":\"Hei\"}}]}]}")
                .then()
                .statusCode(200)
                .body("stored", equalTo(1));
        return await().atMost(WAIT)
                .until(
                        () -> single(
                                db,
                                "SELECT text FROM platform_action WHERE operation = "
                                        + "'DM_REPLY' AND target_id = ? AND account_external_id = ?",
                                sender,
                                page),
                        t -> t != null);
    }

    private static io.restassured.response.Response put(String role, String accountId, String body) {
        return as(role).contentType(ContentType.JSON)
                .body(body)
                .when()
                .put("/api/accounts/" + accountId + "/dm-channels");
    }

    @Test
    void anAccountsOwnChannelsReplaceTheServiceWideOnesForItsLanguage() {
        String own = accountId(OWN_PAGE);
        put(
                        "admin",
                        own,
                        "{\"channels\":{\"nb\":[{\"type\":\"DIGIPOST\"},{\"type\":\"PHONE\",\"address\":"
                                + "\" +47 22 00 00 00 \"},{\"type\":\"WEB_FORM\",\"address\":\"https://kommune.example/kontakt\"}],"
                                + "\"en\":[{\"type\":\"EMAIL\",\"address\":\"post@kommune.example\"}]}}")
                .then()
                .statusCode(200)
                .body("dmChannels.nb.type", org.hamcrest.Matchers.contains("DIGIPOST", "PHONE", "WEB_FORM"))
                .body("dmChannels.nb[1].address", equalTo("+47 22 00 00 00"))
                .body("dmChannels.en[0].address", equalTo("post@kommune.example"));

        // What the admin edits against: the reply per language, with its channels and whether they are the account's.
        as("editor")
                .when()
                .get("/api/accounts/" + own + "/dm-reply?language=nb")
                .then()
                .statusCode(200)
                .body("own", equalTo(true))
                .body("channels.type", org.hamcrest.Matchers.contains("DIGIPOST", "PHONE", "WEB_FORM"))
                .body("text", org.hamcrest.Matchers.containsString("• Telefon: +47 22 00 00 00\n"));
        as("editor")
                .when()
                .get("/api/accounts/" + own + "/dm-reply?language=da")
                .then()
                .statusCode(200)
                .body("own", equalTo(false))
                .body("text", org.hamcrest.Matchers.containsString("• Digital Post\n"));
        as("admin")
                .when()
                .get("/api/accounts/" + own + "/dm-reply?language=de")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        as("admin")
                .when()
                .get("/api/accounts/" + UUID.randomUUID() + "/dm-reply?language=da")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");

        String reply = replyTo(OWN_PAGE);
        assertThat(reply)
                .contains(
                        "• Digipost\n",
                        "• Telefon: +47 22 00 00 00\n",
                        "• Kontaktskjema: https://kommune.example/kontakt\n")
                .doesNotContain("Digital Post");
        // Another account, no channels of its own: the service-wide list, in its language.
        assertThat(replyTo(PLAIN_PAGE)).contains("• Digital Post\n").doesNotContain("Digipost");

        // An empty table goes back to the service-wide channels.
        put("admin", own, "{\"channels\":{}}").then().statusCode(200).body("dmChannels.size()", equalTo(0));
        assertThat(replyTo(OWN_PAGE)).contains("• Digital Post\n").doesNotContain("Digipost");
        assertThat(single(
                        db,
                        "SELECT count(*) FROM audit_entry WHERE action = 'DM_CHANNELS_CHANGED' AND target_id = ?",
                        own))
                .isEqualTo("2");
    }

    @Test
    void withoutChannelsOfItsOwnAnAccountPointsToWhereItsCountrysCitizensCanWrite() {
        // Denmark: Digital Post, which citizens can write through (the DK accounts above). Sweden and Norway: the
        // digital mailboxes are mostly receive-only, so the organisation's e-services and contact centre.
        assertThat(replyTo(SWEDISH_PAGE))
                .contains("• Våra e-tjänster på webbplatsen\n", "• Vårt kontaktcenter\n")
                .doesNotContain("Digital Post", "Mina meddelanden", "Kivra");
        assertThat(replyTo(NORWEGIAN_PAGE))
                .contains("• Dei digitale tenestene våre på nettsida\n", "• Servicetorget vårt\n")
                .doesNotContain("Digital Post", "Digipost", "e-Boks");
        assertThat(replyTo(PLAIN_PAGE)).contains("• Digital Post\n");
    }

    @Test
    void badChannelsAreRefusedAllOrNothing() {
        String own = accountId(CHECKED_PAGE);
        put("admin", own, "{\"channels\":{\"nn\":[{\"type\":\"DIGIPOST\"}]}}")
                .then()
                .statusCode(200);
        String before = single(db, "SELECT dm_channels::text FROM account WHERE id = ?::uuid", own);

        put(
                        "admin",
                        own,
                        "{\"channels\":{\"nn\":[{\"type\":\"KIVRA\"}],\"xx\":[{\"type\":\"KIVRA\"}],"
                                + "\"sv\":[{\"type\":\"EMAIL\",\"address\":\"not-an-address\"}],\"da\":[],"
                                + "\"en\":[{\"type\":\"WEB_FORM\",\"address\":\"http://insecure.example/form\"}],"
                                + "\"nb\":[{\"type\":\"PHONE\"},{\"type\":null}]}}")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "detail",
                        allOf(
                                containsString("unknown language 'xx'"),
                                containsString("EMAIL: not an e-mail"),
                                containsString("da: 1 to 10 channels"),
                                containsString("en: WEB_FORM: a link must be an https URL"),
                                containsString("PHONE needs an address"),
                                containsString("every channel needs a type")));
        put("admin", own, "{\"channels\":{\"da\":[{\"type\":\"FAX\",\"address\":\"1234\"}]}}")
                .then()
                .statusCode(400);
        put("admin", own, "{\"channels\":{\"da\":[{\"type\":\"PHONE\",\"address\":\"+45 1\\n2\"}]}}")
                .then()
                .statusCode(400);
        put("admin", own, "{}").then().statusCode(200); // no table: the same as an empty one
        put("admin", own, "{\"channels\":{\"nn\":[{\"type\":\"DIGIPOST\"}]}}")
                .then()
                .statusCode(200);
        assertThat(single(db, "SELECT dm_channels::text FROM account WHERE id = ?::uuid", own))
                .isEqualTo(before);

        put("editor", own, "{\"channels\":{}}").then().statusCode(403);
        put("moderator", own, "{\"channels\":{}}").then().statusCode(403);
        put("admin", UUID.randomUUID().toString(), "{\"channels\":{}}").then().statusCode(404);
        assertThat(single(db, "SELECT dm_channels::text FROM account WHERE id = ?::uuid", own))
                .isEqualTo(before);
    }
}
