package org.tingvakt.moderation;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.RecordArchived;
import org.tingvakt.devstack.LocalSecrets;
import org.tingvakt.devstack.LocalTokens;
import org.tingvakt.devstack.SampleWebhook;

/** Small helpers the moderation service's integration tests share: signed webhooks, tokens, SQL reads. */
final class TestSupport {
    private TestSupport() {}

    static Response signedMeta(String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .header("X-Hub-Signature-256", SampleWebhook.signature(LocalSecrets.META_APP_SECRET, bytes(body)))
                .when()
                .post("/webhooks/meta");
    }

    static RequestSpecification as(String role) {
        return given().auth().oauth2(LocalTokens.forRole(role));
    }

    static Response decide(String caseId, String decision, long expectedVersion) {
        return as("moderator")
                .contentType(ContentType.JSON)
                .body(Map.of("decision", decision, "reason", "THREAT", "expectedVersion", expectedVersion))
                .when()
                .post("/api/cases/" + caseId + "/decisions");
    }

    static RecordArchived archived(JsonPath req, String digest) {
        return new RecordArchived(
                        UUID.randomUUID().toString(),
                        req.getString("requestId"),
                        req.getString("caseId"),
                        req.getString("commentId"),
                        req.getInt("version"),
                        Platform.FACEBOOK,
                        req.getString("accountId"),
                        req.getString("threadKey"),
                        digest,
                        "ab".repeat(32),
                        true,
                        Instant.now())
                .signedWith(org.tingvakt.contracts.EventSignature.privateKey(
                        org.tingvakt.devstack.LocalSecrets.ARCHIVE_SIGNING_KEY));
    }

    static String single(DataSource ds, String sql, Object... params) {
        try (var c = ds.getConnection();
                var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(DataSource ds, String sql, Object... params) {
        String v = single(ds, "SELECT count(*) FROM " + sql, params);
        return Long.parseLong(v);
    }

    static int update(DataSource ds, String sql, Object... params) {
        try (var c = ds.getConnection();
                var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registers an account (platform id) if it is not there; policy as JSON, e.g. {"THREAT":"HIDE"}. */
    static void account(
            DataSource ds,
            Platform platform,
            String externalId,
            String language,
            String policyJson,
            boolean autoDelete) {
        update(
                ds,
                "INSERT INTO account (id, platform, external_id, name, language, rules_url, policy, "
                        + "auto_delete_enabled) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?) "
                        + "ON CONFLICT (platform, external_id) DO NOTHING",
                UUID.randomUUID(),
                platform.name(),
                externalId,
                "Test " + externalId,
                language,
                "https://example.org/rules",
                policyJson,
                autoDelete);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
