package org.tingvakt.moderation.triage.cases;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.tingvakt.contracts.DetectedSpan;
import org.tingvakt.contracts.Platform;
import org.tingvakt.problem.ProblemException;

/** One comment's case: what the classifier found, what the policy or a moderator decided, and where it stands. */
@Entity
@Table(name = "moderation_case")
public class ModerationCase extends PanacheEntityBase {
    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public Platform platform;

    @Column(name = "comment_id")
    public String commentId;

    @Column(name = "comment_version_id")
    public UUID commentVersionId;

    public int version;

    @Column(name = "account_id")
    public UUID accountId;

    @Column(name = "thread_key")
    public String threadKey;

    @Enumerated(EnumType.STRING)
    public CaseState state;

    public String language;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> labels;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> intents;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Double> scores;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<DetectedSpan> spans;

    @Column(name = "policy_action")
    public String policyAction;

    @Column(name = "decision_reason")
    public String decisionReason;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decision_note")
    public String decisionNote;

    @Column(name = "decided_at")
    public Instant decidedAt;

    /** The first human decision or reply: response-time statistics start at receivedAt and end here. */
    @Column(name = "first_response_at")
    public Instant firstResponseAt;

    @Column(name = "escalated_at")
    public Instant escalatedAt;

    @Column(name = "escalated_by")
    public String escalatedBy;

    @Column(name = "received_at")
    public Instant receivedAt;

    /** The W3C trace context of the comment's latest version: its decision and deletion continue that trace. */
    public String traceparent;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Optimistic lock: two moderators deciding at once get a 409, not a lost update. */
    @Version
    @Column(name = "lock_version")
    public long lockVersion;

    public void moveTo(CaseState next) {
        if (!state.canMoveTo(next)) {
            throw ProblemException.conflict("a case in state " + state + " cannot become " + next);
        }
        state = next;
        updatedAt = Instant.now();
    }

    public static java.util.Optional<ModerationCase> forComment(Platform platform, String commentId) {
        return find("platform = ?1 and commentId = ?2", platform, commentId).firstResultOptional();
    }
}
