package org.tingvakt.moderation.actions;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.tingvakt.contracts.Platform;
import org.tingvakt.eventing.Tracing;
import org.tingvakt.moderation.actions.connector.PlatformResult;

/**
 * One call Tingvakt owes a platform (hide, delete, reply, thread notice, DM reply), stored before it is made: the durable
 * step of the deletion saga and of every other platform action. The row keeps the last outcome, so a failure is visible
 * on the case, and {@code nextAttemptAt} says when the runner takes it up again (also after a crash mid-call).
 */
@Entity
@Table(name = "platform_action")
public class PlatformAction extends PanacheEntityBase {
    public enum Operation {
        HIDE,
        UNHIDE,
        DELETE,
        REPLY,
        THREAD_NOTICE,
        DM_REPLY,
        /**
         * Read the text of an Instagram mention (the webhook has only ids); {@code targetId} is the comment id, or the
         * media id when {@code reason} is {@link #MENTIONED_MEDIA}. Its success stores the text and publishes
         * {@code CommentReceived}: until then the mention is not classified.
         */
        FETCH_MENTION;

        /** {@code reason} of a FETCH_MENTION for a caption mention. */
        public static final String MENTIONED_MEDIA = "MENTIONED_MEDIA";
        /** {@code reason} of a FETCH_MENTION for a comment mention. */
        public static final String MENTIONED_COMMENT = "MENTIONED_COMMENT";

        /** Calls that may be sent again without a visible effect; the others must not run twice. */
        public boolean repeatable() {
            return this == HIDE || this == UNHIDE || this == DELETE || this == FETCH_MENTION;
        }
    }

    public enum State {
        PENDING,
        DONE,
        FAILED
    }

    @Id
    public UUID id;

    @Column(name = "case_id")
    public UUID caseId;

    @Enumerated(EnumType.STRING)
    public Operation operation;

    @Enumerated(EnumType.STRING)
    public Platform platform;

    @Column(name = "account_external_id")
    public String accountExternalId;

    @Column(name = "target_id")
    public String targetId;

    /** The text of a reply, notice or DM; personal data of nobody (composed by us or a moderator). */
    public String text;

    public String actor;
    public String reason;

    @Enumerated(EnumType.STRING)
    public State state;

    public int runs;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "result_category")
    public String resultCategory;

    @Column(name = "graph_code")
    public Integer graphCode;

    @Column(name = "graph_subcode")
    public Integer graphSubcode;

    @Column(name = "result_message")
    public String resultMessage;

    public Integer requests;

    @Column(name = "retry_after_seconds")
    public Long retryAfterSeconds;

    @Column(name = "trace_id")
    public String traceId;

    /** The W3C trace context of what asked for this action; the call and its outcome continue that trace. */
    public String traceparent;

    @Column(name = "created_id")
    public String createdId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static PlatformAction pending(
            UUID caseId,
            Operation operation,
            Platform platform,
            String accountExternalId,
            String targetId,
            String text,
            String actor,
            String reason) {
        PlatformAction a = new PlatformAction();
        a.id = UUID.randomUUID();
        a.caseId = caseId;
        a.operation = operation;
        a.platform = platform;
        a.accountExternalId = accountExternalId;
        a.targetId = targetId;
        a.text = text;
        a.actor = actor;
        a.reason = reason;
        a.state = State.PENDING;
        a.createdAt = Instant.now();
        a.updatedAt = a.createdAt;
        a.nextAttemptAt = a.createdAt;
        a.traceparent = Tracing.traceparent();
        return a;
    }

    public static List<PlatformAction> forCase(UUID caseId) {
        return find("caseId = ?1 order by createdAt", caseId).list();
    }

    /** Stores the outcome of one run; the state is decided by the caller (the runner knows the backoff). */
    public void record(PlatformResult result) {
        requests = result.attempts();
        updatedAt = Instant.now();
        if (result instanceof PlatformResult.Success s) {
            resultCategory = s.alreadyGone() ? "ALREADY_GONE" : "SUCCESS";
            createdId = s.createdId().orElse(null);
            graphCode = null;
            graphSubcode = null;
            resultMessage = null;
            retryAfterSeconds = null;
            traceId = null;
        } else if (result instanceof PlatformResult.Failure f) {
            resultCategory = f.category().name();
            graphCode = f.graphCode().isPresent() ? f.graphCode().getAsInt() : null;
            graphSubcode = f.graphSubcode().isPresent() ? f.graphSubcode().getAsInt() : null;
            resultMessage = f.message();
            retryAfterSeconds = f.retryAfter().map(d -> d.toSeconds()).orElse(null);
            traceId = f.traceId().orElse(null);
        }
    }
}
