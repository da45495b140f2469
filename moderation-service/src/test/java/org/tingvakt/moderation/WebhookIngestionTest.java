package org.tingvakt.moderation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.tingvakt.moderation.TestSupport.bytes;
import static org.tingvakt.moderation.TestSupport.count;
import static org.tingvakt.moderation.TestSupport.signedMeta;
import static org.tingvakt.moderation.TestSupport.single;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.LocalSecrets;
import org.tingvakt.devstack.SampleWebhook;
import org.tingvakt.moderation.actions.connector.FakeGraphApi;
import org.tingvakt.signatures.Hmac;

/** Every webhook kind into stored versions and cases, and bad input at each: a 4xx problem body and nothing stored. */
@QuarkusTest
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class WebhookIngestionTest {
    private static final String PAGE = SampleWebhook.DEMO_PAGE_ID;
    private static final String IG = "17841400000000001";
    private static final String FORUM = "forum-1";
    private static final Duration WAIT = Duration.ofSeconds(45);

    @Inject
    DataSource db;

    private final EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());
    private final FakeGraphApi graph = GraphApiStub.get();

    @BeforeEach
    void accounts() {
        TestSupport.account(db, Platform.INSTAGRAM, IG, "sv", "{}", false);
        TestSupport.account(db, Platform.GENERIC, FORUM, "en", "{}", false);
    }

    @Test
    void instagramCommentsAndMentionsAreStoredAndOtherFieldsSkipped() {
        String media = "1790" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        String comment = media + "1";
        String mention = media + "2";
        String body = "{\"object\":\"instagram\",\"entry\":[{\"id\":\"" + IG + "\",\"time\":1795400000,\"changes\":["
                + "{\"field\":\"comments\",\"value\":{\"from\":{\"id\":\"5551\",\"username\":\"ada.l\"},"
                + "\"media\":{\"id\":\"" + media + "\",\"media_product_type\":\"FEED\"},\"id\":\"" + comment + "\","
                + "\"text\":\"Varför är simhallen stängd?\"}},"
                + "{\"field\":\"mentions\",\"value\":{\"media_id\":\"" + media + "\",\"comment_id\":\"" + mention
                + "\"}},"
                + "{\"field\":\"story_insights\",\"value\":{\"media_id\":\"1\",\"impressions\":4}}]}]}";
        signedMeta(body).then().statusCode(200).body("stored", equalTo(2)).body("skipped", equalTo(1));

        assertThat(single(
                        db,
                        "SELECT kind || '/' || platform || '/' || sender_profile_url FROM comment_version "
                                + "WHERE comment_id = ?",
                        comment))
                .isEqualTo("COMMENT/INSTAGRAM/https://www.instagram.com/ada.l");
        assertThat(single(db, "SELECT kind FROM comment_version WHERE comment_id = ?", mention))
                .isEqualTo("MENTION");
        String caseId = await().atMost(WAIT)
                .until(
                        () -> single(db, "SELECT id FROM moderation_case WHERE comment_id = ?", comment),
                        id -> id != null);
        TestSupport.as("moderator")
                .when()
                .get("/api/cases/" + caseId)
                .then()
                .statusCode(200)
                .body("platform", equalTo("INSTAGRAM"))
                .body("intents", org.hamcrest.Matchers.hasItem("QUESTION"));
        assertThat(kafka.await(Topics.COMMENTS_RECEIVED, r -> r.value().contains(comment), WAIT)
                        .get(0)
                        .key())
                .isEqualTo("instagram:" + media);
    }

    @Test
    void directMessagesAreStoredAndAnsweredWithTheStandardReplyOncePerSenderPerDay() {
        String sender = "2" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L);
        String other = sender + "9";
        String body = "{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE + "\",\"time\":1795400000,\"messaging\":["
                + dm(sender, "m_" + sender + "_1", "Hej, mit CPR-nummer er 010203-1234") + ","
                + dm(sender, "m_" + sender + "_2", "Er der nogen?") + ","
                + "{\"sender\":{\"id\":\"" + PAGE + "\"},\"recipient\":{\"id\":\"" + sender
                + "\"},\"timestamp\":1795400000000,"
                + "\"message\":{\"mid\":\"m_echo_" + sender + "\",\"text\":\"echo\",\"is_echo\":true}},"
                + "{\"sender\":{\"id\":\"" + sender + "\"},\"recipient\":{\"id\":\"" + PAGE
                + "\"},\"timestamp\":1795400000000,"
                + "\"read\":{\"watermark\":1795400000000}}]}]}";
        signedMeta(body).then().statusCode(200).body("stored", equalTo(2)).body("skipped", equalTo(2));
        // The same sender again later the same day, and another sender.
        signedMeta("{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE + "\",\"messaging\":["
                        + dm(sender, "m_" + sender + "_3", "Hallo?") + "," + dm(other, "m_" + other + "_1", "Hej")
                        + "]}]}")
                .then()
                .statusCode(200)
                .body("stored", equalTo(2));

        assertThat(single(
                        db,
                        "SELECT kind || ' ' || thread_key FROM comment_version WHERE comment_id = ?",
                        "m_" + sender + "_1"))
                .isEqualTo("DIRECT_MESSAGE facebook:dm-" + sender);
        await().atMost(WAIT).until(() -> dmRequests(other).size() == 1);
        await().atMost(WAIT).until(() -> dmRequests(sender).size() == 1);
        assertThat(count(db, "platform_action WHERE operation = 'DM_REPLY' AND target_id = ?", sender))
                .isEqualTo(1);
        String text = dmRequests(sender).get(0).body();
        assertThat(text)
                .contains("\"messaging_type\":\"RESPONSE\"")
                .contains("sikker kanal")
                .doesNotContain("010203");
        // The throttle table holds a hash per sender, not the sender's id.
        assertThat(count(db, "dm_reply_state WHERE sender_key = ?", sender)).isZero();
        assertThat(count(db, "dm_reply_state")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void facebookEditsAreNewVersionsPageRepliesAreMarkedAndRemovalsAreRecorded() {
        String post = PAGE + "_" + UUID.randomUUID();
        String commentId = post + "_c1";
        signedMeta(SampleWebhook.comment(PAGE, post, commentId, "777", "Bo", "Hvornår åbner svømmehallen?"))
                .then()
                .statusCode(200)
                .body("stored", equalTo(1));
        signedMeta(SampleWebhook.comment(
                        PAGE, post, commentId, "777", "Bo", "Hvornår åbner svømmehallen igen?", "edited"))
                .then()
                .statusCode(200)
                .body("stored", equalTo(1));
        signedMeta(SampleWebhook.comment(
                        PAGE, post, commentId, "777", "Bo", "Hvornår åbner svømmehallen igen?", "edited"))
                .then()
                .statusCode(200)
                .body("duplicates", equalTo(1));
        signedMeta(SampleWebhook.comment(PAGE, post, post + "_r1", PAGE, "Demo Kommune", "Den 1. december."))
                .then()
                .statusCode(200)
                .body("stored", equalTo(1));
        signedMeta(SampleWebhook.comment(PAGE, post, commentId, "777", "Bo", "", "remove"))
                .then()
                .statusCode(200)
                .body("removed", equalTo(1));

        assertThat(count(db, "comment_version WHERE comment_id = ?", commentId)).isEqualTo(2);
        assertThat(single(db, "SELECT text FROM comment_version WHERE comment_id = ? AND version = 1", commentId))
                .isEqualTo("Hvornår åbner svømmehallen?");
        assertThat(single(db, "SELECT kind FROM comment_version WHERE comment_id = ?", post + "_r1"))
                .isEqualTo("PAGE_REPLY");
        assertThat(count(db, "comment_removal WHERE comment_id = ?", commentId)).isEqualTo(1);
        await().atMost(WAIT)
                .until(() ->
                        "2".equals(single(db, "SELECT version FROM moderation_case WHERE comment_id = ?", commentId)));
    }

    @Test
    void theGenericWebhookAcceptsSignedFreshJsonOnly() {
        String commentId = "g-" + UUID.randomUUID();
        String body = "{\"accountId\":\"" + FORUM + "\",\"items\":[{\"verb\":\"add\",\"commentId\":\"" + commentId
                + "\",\"postId\":\"topic-7\",\"sender\":{\"id\":\"u1\",\"name\":\"Anna\"},"
                + "\"text\":\"When is the library open?\",\"createdAt\":\"2026-11-23T10:00:00Z\"}]}";
        long stored = count(db, "comment_version");
        String now = Long.toString(Instant.now().getEpochSecond());

        generic(body, null, null).then().statusCode(401).contentType("application/problem+json");
        generic(body, now, "sha256=00").then().statusCode(403);
        generic(body, now, sign("wrong-secret", now, body)).then().statusCode(403);
        String old = Long.toString(Instant.now().minusSeconds(600).getEpochSecond());
        generic(body, old, sign(LocalSecrets.GENERIC_WEBHOOK_SECRET, old, body))
                .then()
                .statusCode(401)
                .body("detail", containsString("replay window"));
        String future = Long.toString(Instant.now().plusSeconds(600).getEpochSecond());
        generic(body, future, sign(LocalSecrets.GENERIC_WEBHOOK_SECRET, future, body))
                .then()
                .statusCode(401);
        generic(body, "yesterday", sign(LocalSecrets.GENERIC_WEBHOOK_SECRET, "yesterday", body))
                .then()
                .statusCode(401);
        // Signed for another timestamp than the one sent.
        generic(body, now, sign(LocalSecrets.GENERIC_WEBHOOK_SECRET, old, body))
                .then()
                .statusCode(403);
        for (String bad : List.of(
                "{\"accountId\":\"" + FORUM + "\",\"items\":[{",
                "[]",
                "{\"accountId\":\"" + FORUM + "\",\"items\":[]}",
                "{\"items\":[{\"verb\":\"add\",\"commentId\":\"x\",\"postId\":\"p\",\"text\":\"t\"}]}",
                "{\"accountId\":\"" + FORUM + "\",\"items\":[{\"verb\":\"add\",\"postId\":\"p\",\"text\":\"t\"}]}",
                "{\"accountId\":\"" + FORUM
                        + "\",\"items\":[{\"verb\":\"shout\",\"commentId\":\"x\",\"postId\":\"p\",\"text\":\"t\"}]}",
                "{\"accountId\":\"" + FORUM + "\",\"items\":[{\"verb\":\"add\",\"commentId\":\"x\",\"postId\":\"p\"}]}",
                "{\"accountId\":\"" + FORUM
                        + "\",\"items\":[{\"verb\":\"add\",\"commentId\":7,\"postId\":\"p\",\"text\":\"t\"}]}",
                "{\"accountId\":\"" + FORUM
                        + "\",\"items\":[{\"verb\":\"add\",\"commentId\":\"x\",\"postId\":\"p\",\"text\":\"t\",\"createdAt\":\"monday\"}]}")) {
            generic(bad, now, sign(LocalSecrets.GENERIC_WEBHOOK_SECRET, now, bad))
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        assertThat(count(db, "comment_version")).isEqualTo(stored);

        generic(body, now, sign(LocalSecrets.GENERIC_WEBHOOK_SECRET, now, body))
                .then()
                .statusCode(200)
                .body("stored", equalTo(1));
        assertThat(kafka.await(Topics.COMMENTS_RECEIVED, r -> r.value().contains(commentId), WAIT)
                        .get(0)
                        .key())
                .isEqualTo("generic:topic-7");
        given().when()
                .get("/q/metrics")
                .then()
                .body(containsString("tingvakt_webhook_generic_rejected_total{reason=\"stale\"}"));
    }

    @Test
    void eachGenericAccountSignsWithItsOwnSecretAndTheSameSignedRequestIsTakenOnce() {
        String forum2 = "forum-2"; // has its own secret in the test profile
        String ownSecret = "forum-2-own-secret";
        TestSupport.account(db, Platform.GENERIC, forum2, "en", "{}", false);
        String commentId = "g2-" + UUID.randomUUID();
        String body = "{\"accountId\":\"" + forum2 + "\",\"items\":[{\"verb\":\"add\",\"commentId\":\"" + commentId
                + "\",\"postId\":\"topic-9\",\"text\":\"Is the pool open?\"}]}";
        String forum1Body = "{\"accountId\":\"" + FORUM + "\",\"items\":[{\"verb\":\"add\",\"commentId\":\"g1-"
                + UUID.randomUUID() + "\",\"postId\":\"topic-9\",\"text\":\"Is the pool open?\"}]}";
        long stored = count(db, "comment_version");
        String now = Long.toString(Instant.now().getEpochSecond());

        // Another account's secret signs nothing here, either way round.
        generic(body, now, sign(LocalSecrets.GENERIC_WEBHOOK_SECRET, now, body))
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        generic(forum1Body, now, sign(ownSecret, now, forum1Body)).then().statusCode(403);
        // An account id that cannot name a secret has none.
        String odd = body.replace(forum2, "forum 2/../x");
        generic(odd, now, sign(LocalSecrets.GENERIC_WEBHOOK_SECRET, now, odd))
                .then()
                .statusCode(403)
                .body("detail", containsString("no webhook secret"));
        // Bodies over quarkus.http.limits.max-body-size are refused before anything is read.
        String huge = body.replace("Is the pool open?", "x".repeat(1_100_000));
        generic(huge, now, sign(ownSecret, now, huge)).then().statusCode(413);
        assertThat(count(db, "comment_version")).isEqualTo(stored);

        String signature = sign(ownSecret, now, body);
        generic(body, now, signature).then().statusCode(200).body("stored", equalTo(1));
        // The same signed request again, within the window: refused, and nothing changes.
        generic(body, now, signature)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("replay"));
        assertThat(count(db, "comment_version")).isEqualTo(stored + 1);

        // The one-header form (t=…,v1=…) signs the same bytes; a replay of it is refused too.
        String edit = body.replace("\"add\"", "\"edit\"").replace("Is the pool open?", "Is the pool open today?");
        String oneHeader = "t=" + now + ",v1=" + sign(ownSecret, now, edit).substring("sha256=".length());
        generic(edit, null, oneHeader).then().statusCode(200);
        generic(edit, null, oneHeader).then().statusCode(409);
        assertThat(count(db, "comment_version WHERE comment_id = ?", commentId)).isEqualTo(2);
        given().when()
                .get("/q/metrics")
                .then()
                .body(containsString("tingvakt_webhook_generic_rejected_total{reason=\"replay\"}"));
    }

    @Test
    void aNulCharacterInATextIsStoredAsTheReplacementCharacterNotAFailure() {
        String post = PAGE + "_" + UUID.randomUUID();
        String commentId = post + "_nul";
        String body = SampleWebhook.comment(PAGE, post, commentId, "778", "NULNAME", "Hej NULTEXT der")
                .replace("NULTEXT", "\\u0000")
                .replace("NULNAME", "Bo\\u0000");
        assertThat(body).contains("Hej \\u0000 der");
        signedMeta(body).then().statusCode(200).body("stored", equalTo(1));
        assertThat(single(db, "SELECT text || '|' || sender_name FROM comment_version WHERE comment_id = ?", commentId))
                .isEqualTo("Hej \uFFFD der|Bo\uFFFD");
        assertThat(kafka.await(Topics.COMMENTS_RECEIVED, r -> r.value().contains(commentId), WAIT))
                .hasSize(1);

        String genericId = "g-" + UUID.randomUUID();
        String generic = "{\"accountId\":\"" + FORUM + "\",\"items\":[{\"verb\":\"add\",\"commentId\":\"" + genericId
                + "\",\"postId\":\"topic-8\",\"text\":\"a\\u0000b\"}]}";
        String now = Long.toString(Instant.now().getEpochSecond());
        generic(generic, now, sign(LocalSecrets.GENERIC_WEBHOOK_SECRET, now, generic))
                .then()
                .statusCode(200)
                .body("stored", equalTo(1));
        assertThat(single(db, "SELECT text FROM comment_version WHERE comment_id = ?", genericId))
                .isEqualTo("a\uFFFDb");
    }

    @Test
    void malformedMetaPayloadsOfEveryKindAreRefusedAndChangeNothing() {
        long stored = count(db, "comment_version");
        for (String bad : List.of(
                "{\"object\":\"user\",\"entry\":[]}",
                "{\"object\":\"instagram\",\"entry\":{}}",
                "{\"object\":\"instagram\"}",
                "\"page\"")) {
            signedMeta(bad).then().statusCode(400).contentType("application/problem+json");
        }
        // Well-formed but not usable: entries without ids, changes without comment ids, messages without mids.
        signedMeta("{\"object\":\"instagram\",\"entry\":[{\"changes\":[]},{\"id\":\"" + IG + "\",\"changes\":["
                        + "{\"field\":\"comments\",\"value\":{\"text\":\"no ids\"}},{\"field\":\"mentions\",\"value\":{}}],"
                        + "\"messaging\":[{\"sender\":{\"id\":\"1\"},\"message\":{\"text\":\"no mid\"}}]}]}")
                .then()
                .statusCode(200)
                .body("stored", equalTo(0))
                .body("skipped", equalTo(4));
        assertThat(count(db, "comment_version")).isEqualTo(stored);
    }

    private static String dm(String sender, String mid, String text) {
        return "{\"sender\":{\"id\":\"" + sender + "\"},\"recipient\":{\"id\":\"" + PAGE + "\"},"
                + "\"timestamp\":1795400000000,\"message\":{\"mid\":\"" + mid + "\",\"text\":\"" + text + "\"}}";
    }

    private List<FakeGraphApi.Recorded> dmRequests(String recipient) {
        return graph.requests().stream()
                .filter(r -> r.path().endsWith("/" + PAGE + "/messages"))
                .filter(r -> r.body().contains("\"id\":\"" + recipient + "\""))
                .toList();
    }

    private static String sign(String secret, String timestamp, String body) {
        // Built from the primitive, not TimestampedSignature, so that non-numeric timestamps can be sent too.
        return "sha256="
                + HexFormat.of()
                        .formatHex(Hmac.sha256(
                                secret.getBytes(StandardCharsets.UTF_8),
                                (timestamp + ".").getBytes(StandardCharsets.UTF_8),
                                bytes(body)));
    }

    private static Response generic(String body, String timestamp, String signature) {
        var spec = given().contentType(ContentType.JSON).body(body);
        if (timestamp != null) {
            spec = spec.header("X-Tingvakt-Timestamp", timestamp);
        }
        if (signature != null) {
            spec = spec.header("X-Tingvakt-Signature", signature);
        }
        Response r = spec.when().post("/webhooks/generic");
        r.then().log().ifStatusCodeMatches(equalTo(500)); // a server error's problem body, should one happen
        return r;
    }
}
