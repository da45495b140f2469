package org.tingvakt.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.ErasureReported;
import org.tingvakt.contracts.ErasureRequested;
import org.tingvakt.contracts.EventType;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.eventing.EventJson;
import org.tingvakt.moderation.retention.PersonalDataAccess;
import org.tingvakt.moderation.retention.PersonalDataRetention;
import org.tingvakt.problem.ProblemException;

/**
 * Retention of personal data with the clock moved forward: comments, DMs and platform actions past their account's
 * retention period lose text and sender; undecided cases and comments whose evidence is being archived keep them; the
 * cases' labels and states (what statistics count) stay; every disposal is logged with counts, never content.
 */
@QuarkusTest
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class PersonalDataRetentionTest {
    @Inject
    DataSource db;

    @Inject
    PersonalDataRetention retention;

    @Inject
    PersonalDataAccess access;

    @Test
    void commentsPastRetentionArePseudonymisedUnlessARuleKeepsThem() throws Exception {
        // The clock moved forward by a day, and these comments were received 19 months before today: other tests'
        // comments (received today) are not due, so the run leaves them alone.
        Instant asOf = Instant.now().plus(1, ChronoUnit.DAYS);
        Instant now = asOf.minus(19 * 31, ChronoUnit.DAYS);
        UUID account = account(null);
        UUID shortAccount = account(3);
        String marker = "ret-" + UUID.randomUUID();

        UUID approved = comment(account, marker, "COMMENT", now, "APPROVED", null);
        UUID deleted = comment(account, marker, "COMMENT", now, "DELETED", "ARCHIVED");
        UUID dm = comment(account, marker, "DIRECT_MESSAGE", now, null, null);
        UUID undecided = comment(account, marker, "COMMENT", now, "PENDING_REVIEW", null);
        UUID archiving = comment(account, marker, "COMMENT", now, "ARCHIVING", "REQUESTED");
        UUID recent = comment(account, marker, "COMMENT", asOf.minus(30, ChronoUnit.DAYS), "APPROVED", null);
        UUID shortRule = comment(shortAccount, marker, "COMMENT", asOf.minus(4 * 31, ChronoUnit.DAYS), "HIDDEN", null);
        UUID dmReply = dmReply(account, marker, now);
        long casesBefore = count("SELECT count(*) FROM moderation_case WHERE labels @> ARRAY['INSULT']::text[] "
                + "AND thread_key = '" + marker + "'");

        PersonalDataRetention.Run run = retention.run(asOf);
        assertThat(run.commentVersions()).isGreaterThanOrEqualTo(4);
        assertThat(run.platformActions()).isGreaterThanOrEqualTo(1);
        assertThat(run.keptUndecided()).isGreaterThanOrEqualTo(2);

        for (UUID culled : new UUID[] {approved, deleted, dm, shortRule}) {
            assertThat(personal(culled)).as("culled " + culled).isEqualTo("||||{}|removed");
        }
        for (UUID kept : new UUID[] {undecided, archiving, recent}) {
            assertThat(personal(kept))
                    .as("kept " + kept)
                    .startsWith("Du er en idiot " + marker + "|sender-" + marker)
                    .endsWith("|kept");
        }
        assertThat(count("SELECT count(*) FROM platform_action WHERE id = '" + dmReply + "' AND text IS NULL "
                        + "AND target_id = '' AND result_message IS NULL"))
                .isEqualTo(1);
        // What statistics count stays: every case, its labels and state.
        assertThat(count("SELECT count(*) FROM moderation_case WHERE labels @> ARRAY['INSULT']::text[] "
                        + "AND thread_key = '" + marker + "'"))
                .isEqualTo(casesBefore)
                .isEqualTo(6);
        assertThat(
                        count(
                                "SELECT count(*) FROM moderation_case WHERE thread_key = '" + marker
                                        + "' AND (spans <> '[]' OR decision_note IS NOT NULL) AND state IN ('APPROVED', 'DELETED', 'HIDDEN')"))
                .as("culled cases keep no spans or note")
                .isEqualTo(1); // only `recent`
        // Logged per account, counts and rule only.
        assertThat(text("SELECT rule || ' ' || comment_versions || ' ' || platform_actions FROM retention_disposal "
                        + "WHERE account_id = '" + account + "' ORDER BY id LIMIT 1"))
                .matches("RETENTION 18 months after receipt \\d+ \\d+");
        assertThat(text("SELECT rule || ' ' || comment_versions FROM retention_disposal WHERE account_id = '"
                        + shortAccount + "'"))
                .isEqualTo("RETENTION 3 months after receipt 1");
        assertThat(count("SELECT count(*) FROM retention_disposal WHERE rule LIKE '%" + marker + "%'"))
                .isZero();

        // A second run finds nothing more of these (resumable, idempotent).
        retention.run(asOf);
        assertThat(personal(undecided)).endsWith("|kept");
        assertThat(count("SELECT count(*) FROM retention_disposal WHERE account_id = '" + shortAccount + "'"))
                .isEqualTo(1);
    }

    /**
     * An access request by national ID number reaches moderation as the ids of the comments whose archive records hold
     * the number (the number itself stays in the archive): exactly those comments and their cases come back, not the
     * sender's other comments; a request naming neither a sender nor comments is refused.
     */
    @Test
    void anAccessRequestByCommentIdsAnswersThoseCommentsOnly() throws Exception {
        UUID account = account(null);
        String marker = "acc-" + UUID.randomUUID();
        UUID holding = comment(account, marker, "COMMENT", Instant.now(), "DELETED", null);
        UUID other = comment(account, marker, "COMMENT", Instant.now(), "APPROVED", null);
        PersonalDataAccess.Export export = access.export(null, List.of("c-" + holding), "dpo");
        assertThat(export.messages()).extracting(PersonalDataAccess.Message::id).containsExactly(holding);
        assertThat(export.cases())
                .extracting(PersonalDataAccess.Case::commentId)
                .containsExactly("c-" + holding);
        assertThat(access.export("sender-" + marker, List.of(), "dpo").messages())
                .extracting(PersonalDataAccess.Message::id)
                .containsExactlyInAnyOrder(holding, other);
        assertThatThrownBy(() -> access.export(null, List.of(), "dpo")).isInstanceOf(ProblemException.class);
    }

    /**
     * An erasure request from the archive (privacy.erasure-requests, real Kafka): the person's comments and direct
     * messages lose text and sender, their cases' spans and notes and the DM reply to them go, the DM thread is renamed;
     * a comment whose evidence is on its way to the archive is kept and reported as ARCHIVING; someone else's comment
     * is untouched. The report comes back on privacy.erasure-reports; the same request again reports the same totals.
     */
    @Test
    void anErasureRequestRemovesTheSendersDataAndReportsWhatItKept() throws Exception {
        Instant now = Instant.now();
        UUID account = account(null);
        String marker = "era-" + UUID.randomUUID();
        String person = "sender-" + marker;
        UUID decided = comment(account, marker, "COMMENT", now, "DELETED", "ARCHIVED");
        UUID dm = comment(account, marker, "DIRECT_MESSAGE", now, null, null);
        UUID archiving = comment(account, marker, "COMMENT", now, "ARCHIVING", "REQUESTED");
        UUID dmReply = dmReply(account, marker, now);
        try (Connection c = db.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("UPDATE comment_version SET post_id = ?, thread_key = ? WHERE id = ?")) {
            ps.setString(1, "dm-" + person);
            ps.setString(2, "facebook:dm-" + person);
            ps.setObject(3, dm);
            ps.executeUpdate();
        }
        String otherMarker = "era-other-" + UUID.randomUUID();
        UUID someoneElse = comment(account, otherMarker, "COMMENT", now, "APPROVED", null);

        String requestId = UUID.randomUUID().toString();
        String event = EventJson.write(
                new ErasureRequested(requestId, ErasureRequested.keyOf(requestId), List.of(person), List.of(), now));
        EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());
        kafka.sendEvent(
                Topics.ERASURE_REQUESTS,
                ErasureRequested.keyOf(requestId),
                EventType.ERASURE_REQUESTED.ceType(),
                event);
        ErasureReported report = EventJson.read(
                kafka.await(Topics.ERASURE_REPORTS, r -> r.value().contains(requestId), Duration.ofSeconds(60))
                        .get(0)
                        .value()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                ErasureReported.class);
        assertThat(report.service()).isEqualTo("moderation-service");
        assertThat(report.removed()).as("the comment, the DM and the DM reply").isEqualTo(3);
        assertThat(report.kept()).containsExactly(new ErasureReported.Kept("comment versions", "ARCHIVING", 1));

        assertThat(personal(decided)).isEqualTo("||||{}|removed");
        assertThat(personal(dm)).isEqualTo("||||{}|removed");
        assertThat(personal(archiving))
                .startsWith("Du er en idiot " + marker + "|" + person)
                .endsWith("|kept");
        assertThat(personal(someoneElse))
                .startsWith("Du er en idiot " + otherMarker)
                .endsWith("|kept");
        assertThat(text("SELECT thread_key FROM comment_version WHERE id = '" + dm + "'"))
                .isEqualTo("facebook:dm-erased-" + requestId);
        assertThat(count("SELECT count(*) FROM platform_action WHERE id = '" + dmReply + "' AND text IS NULL "
                        + "AND target_id = ''"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM moderation_case WHERE comment_version_id = '" + decided
                        + "' AND spans = '[]' AND decision_note IS NULL"))
                .isEqualTo(1);

        // The same request again (a new event, the same request id): nothing more to do, the same totals.
        kafka.sendEvent(
                Topics.ERASURE_REQUESTS,
                ErasureRequested.keyOf(requestId),
                EventType.ERASURE_REQUESTED.ceType(),
                event);
        List<EventProbe.Received> reports = List.of();
        for (Instant until = Instant.now().plusSeconds(60);
                reports.size() < 2 && Instant.now().isBefore(until); ) {
            reports = kafka.readAll(Topics.ERASURE_REPORTS).stream()
                    .filter(r -> r.value().contains(requestId))
                    .toList();
        }
        assertThat(reports).as("a report for each delivery of the request").hasSize(2);
        for (EventProbe.Received r : reports) {
            ErasureReported again =
                    EventJson.read(r.value().getBytes(java.nio.charset.StandardCharsets.UTF_8), ErasureReported.class);
            assertThat(again.removed()).isEqualTo(3);
            assertThat(again.kept()).isEqualTo(report.kept());
        }
        assertThat(personal(archiving)).endsWith("|kept");
    }

    private UUID account(Integer months) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO account (id, platform, external_id, name, retention_months) VALUES (?, 'FACEBOOK', ?, 'Kommune', ?)")) {
            ps.setObject(1, id);
            ps.setString(2, "9" + Math.abs(id.getMostSignificantBits() % 1_000_000_000_000L));
            ps.setObject(3, months);
            ps.executeUpdate();
        }
        return id;
    }

    /** A comment version (and, with a state, its case; with an archive state, its archive request); returns the version id. */
    private UUID comment(
            UUID account, String marker, String kind, Instant received, String caseState, String archiveState)
            throws SQLException {
        UUID version = UUID.randomUUID();
        String commentId = "c-" + version;
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO comment_version (id, platform, comment_id, version, "
                            + "account_id, post_id, thread_key, kind, sender_id, sender_name, sender_profile_url, text, permalink, "
                            + "attachments, created_at, received_at) VALUES (?, 'FACEBOOK', ?, 1, ?, 'post', ?, ?, ?, ?, ?, ?, ?, "
                            + "ARRAY['https://cdn.example/a.jpg'], ?, ?)")) {
                ps.setObject(1, version);
                ps.setString(2, commentId);
                ps.setObject(3, account);
                ps.setString(4, marker);
                ps.setString(5, kind);
                ps.setString(6, "sender-" + marker);
                ps.setString(7, "Navn " + marker);
                ps.setString(8, "https://facebook.com/" + marker);
                ps.setString(9, "Du er en idiot " + marker);
                ps.setString(10, "https://facebook.com/p/" + commentId);
                ps.setTimestamp(11, Timestamp.from(received));
                ps.setTimestamp(12, Timestamp.from(received));
                ps.executeUpdate();
            }
            if (caseState != null) {
                UUID caseId = UUID.randomUUID();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO moderation_case (id, platform, comment_id, "
                        + "comment_version_id, version, account_id, thread_key, state, labels, spans, decision_note, "
                        + "received_at, created_at, updated_at) VALUES (?, 'FACEBOOK', ?, ?, 1, ?, ?, ?, ARRAY['INSULT'], "
                        + "'[{\"start\":0,\"end\":5}]', 'Note about the sender', ?, ?, ?)")) {
                    ps.setObject(1, caseId);
                    ps.setString(2, commentId);
                    ps.setObject(3, version);
                    ps.setObject(4, account);
                    ps.setString(5, marker);
                    ps.setString(6, caseState);
                    ps.setTimestamp(7, Timestamp.from(received));
                    ps.setTimestamp(8, Timestamp.from(received));
                    ps.setTimestamp(9, Timestamp.from(received));
                    ps.executeUpdate();
                }
                if (archiveState != null) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO archive_request (id, case_id, "
                            + "comment_version_id, content_sha256, state, requested_at) VALUES (?, ?, ?, 'x', ?, ?)")) {
                        ps.setObject(1, UUID.randomUUID());
                        ps.setObject(2, caseId);
                        ps.setObject(3, version);
                        ps.setString(4, archiveState);
                        ps.setTimestamp(5, Timestamp.from(received));
                        ps.executeUpdate();
                    }
                }
            }
        }
        return version;
    }

    private UUID dmReply(UUID account, String marker, Instant at) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO platform_action "
                        + "(id, operation, platform, account_external_id, target_id, text, actor, state, next_attempt_at, "
                        + "result_message, created_at, updated_at) SELECT ?, 'DM_REPLY', 'FACEBOOK', external_id, ?, ?, 'policy', "
                        + "'DONE', ?, 'ok', ?, ? FROM account WHERE id = ?")) {
            ps.setObject(1, id);
            ps.setString(2, "sender-" + marker);
            ps.setString(3, "Hej Navn " + marker);
            ps.setTimestamp(4, Timestamp.from(at));
            ps.setTimestamp(5, Timestamp.from(at));
            ps.setTimestamp(6, Timestamp.from(at));
            ps.setObject(7, account);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        return id;
    }

    /** text|sender_id|sender_name|profile|attachments|removed-or-kept of a version. */
    private String personal(UUID version) {
        return text("SELECT concat_ws('|', text, coalesce(sender_id, ''), coalesce(sender_name, ''), "
                + "coalesce(sender_profile_url, ''), attachments::text, CASE WHEN personal_data_removed_at IS NULL "
                + "THEN 'kept' ELSE 'removed' END) FROM comment_version WHERE id = '" + version + "'");
    }

    private long count(String sql) {
        return Long.parseLong(text(sql));
    }

    private String text(String sql) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
