package org.tingvakt.moderation.api;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.tingvakt.devstack.LocalTokens;

/**
 * Accounts and cases written straight into PostgreSQL, for the API tests of engineer A's area: the queue, decisions,
 * audit and statistics need many cases in known states and times, which the webhook-to-classifier path cannot give.
 */
final class CaseFixtures {
    private CaseFixtures() {}

    static RequestSpecification as(String role) {
        return RestAssured.given().auth().oauth2(LocalTokens.forRole(role)).contentType(ContentType.JSON);
    }

    /** A new Facebook account with a random page id; returns its id. */
    static UUID account(DataSource ds, String language) {
        UUID id = UUID.randomUUID();
        sql(
                ds,
                "INSERT INTO account (id, platform, external_id, name, language, rules_url, signature_unit) "
                        + "VALUES (?, 'FACEBOOK', ?, ?, ?, 'https://example.org/rules', 'Kommunikation')",
                id,
                "9" + Math.abs(id.getMostSignificantBits() % 1_000_000_000_000L),
                "Fixture " + id,
                language);
        return id;
    }

    /** A comment version and its case; returns the case id. */
    static UUID caseOf(
            DataSource ds,
            UUID account,
            String thread,
            String state,
            String language,
            String[] labels,
            String[] intents,
            Instant receivedAt,
            Instant firstResponseAt,
            String reason) {
        UUID version = UUID.randomUUID();
        UUID caseId = UUID.randomUUID();
        String commentId = thread + "_" + caseId;
        sql(
                ds,
                "INSERT INTO comment_version (id, platform, comment_id, version, account_id, post_id, thread_key, kind, "
                        + "sender_id, sender_name, text, permalink, created_at, received_at) "
                        + "VALUES (?, 'FACEBOOK', ?, 1, ?, ?, ?, 'COMMENT', '42', 'Sven Svensson', ?, ?, ?, ?)",
                version,
                commentId,
                account,
                thread,
                "facebook:" + thread,
                "Du er en idiot, hvornår åbner I?",
                "https://facebook.com/" + commentId,
                ts(receivedAt),
                ts(receivedAt));
        sql(
                ds,
                "INSERT INTO moderation_case (id, platform, comment_id, comment_version_id, version, account_id, "
                        + "thread_key, state, language, labels, intents, scores, spans, policy_action, received_at, "
                        + "created_at, updated_at, first_response_at, decision_reason) "
                        + "VALUES (?, 'FACEBOOK', ?, ?, 1, ?, ?, ?, ?, ?, ?, '{\"INSULT\":0.93}'::jsonb, "
                        + "'[{\"label\":\"INSULT\",\"start\":9,\"end\":14,\"rule\":\"insult-word\"}]'::jsonb, "
                        + "'REVIEW', ?, ?, ?, ?, ?)",
                caseId,
                commentId,
                version,
                account,
                "facebook:" + thread,
                state,
                language,
                labels,
                intents,
                ts(receivedAt),
                ts(receivedAt),
                ts(receivedAt),
                firstResponseAt == null ? null : ts(firstResponseAt),
                reason);
        return caseId;
    }

    static UUID pending(DataSource ds, UUID account, String thread) {
        return caseOf(
                ds,
                account,
                thread,
                "PENDING_REVIEW",
                "da",
                new String[] {"INSULT"},
                new String[] {"QUESTION"},
                Instant.now(),
                null,
                null);
    }

    static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }

    static void sql(DataSource ds, String sql, Object... params) {
        try (var c = ds.getConnection();
                var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof String[] arr) {
                    ps.setArray(i + 1, c.createArrayOf("text", arr));
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            ps.execute();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
        return Long.parseLong(single(ds, "SELECT count(*) FROM " + sql, params));
    }
}
