package org.tingvakt.notifier.notification;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tingvakt.eventing.Tracing;
import org.tingvakt.notifier.deadline.DeadlineCalculator;
import org.tingvakt.notifier.deadline.ReminderSpec;
import org.tingvakt.notifier.tracking.ReminderSchedule;
import org.tingvakt.notifier.tracking.ReplyDeadline;

/**
 * Writes the schedule of a deadline when it opens (reminders, escalation to editors at the deadline, to the owner
 * later), and cancels what is still pending when it closes — in the caller's transaction, so the schedule and the
 * deadline never disagree.
 */
@ApplicationScoped
public class NotificationPlanner implements ReminderSchedule {
    static final Duration DEFAULT_OWNER_AFTER = Duration.ofHours(4);

    private final Tracing tracing;

    public NotificationPlanner(Tracing tracing) {
        this.tracing = tracing;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void plan(ReplyDeadline deadline, ZonedDateTime due, DeadlineCalculator calculator) {
        // In the trace of the comment that asked the question (the comments.classified event's).
        Span span = tracing.start("plan reminders", SpanKind.INTERNAL);
        try (Scope ignored = Tracing.activate(span)) {
            planTraced(deadline, due, calculator);
        } finally {
            span.end();
        }
    }

    private void planTraced(ReplyDeadline deadline, ZonedDateTime due, DeadlineCalculator calculator) {
        NotificationSetting setting = NotificationSetting.findById(deadline.accountId);
        List<ReminderSpec> specs = setting == null ? ReminderSpec.DEFAULTS : reminderSpecs(setting.reminders);
        Duration ownerAfter = setting == null ? DEFAULT_OWNER_AFTER : Duration.parse(setting.ownerEscalationAfter);
        List<Notification> rows = new ArrayList<>();
        for (Instant at : calculator.reminderTimes(deadline.receivedAt, due, specs)) {
            rows.add(row(deadline, NotificationKind.REMINDER, at));
        }
        rows.add(row(deadline, NotificationKind.ESCALATION_EDITORS, due.toInstant()));
        rows.add(
                row(deadline, NotificationKind.ESCALATION_OWNER, due.toInstant().plus(ownerAfter)));
        Notification.persist(rows);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public int cancel(ReplyDeadline deadline, String reason) {
        return Notification.update(
                "state = ?1, lastError = ?2 where deadlineId = ?3 and state = ?4",
                Notification.State.CANCELLED,
                reason,
                deadline.id,
                Notification.State.PENDING);
    }

    /** A deadline's reminders and escalations, in the order they are due. */
    public List<Notification> scheduleOf(UUID deadlineId) {
        return Notification.<Notification>find("deadlineId", Sort.ascending("dueAt"), deadlineId)
                .list();
    }

    /** Parses {@code 50%,PT2H}; an empty text means no reminders (escalations only). */
    public static List<ReminderSpec> reminderSpecs(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<ReminderSpec> specs = new ArrayList<>();
        for (String part : text.split(",")) {
            specs.add(ReminderSpec.parse(part));
        }
        return List.copyOf(specs);
    }

    private static Notification row(ReplyDeadline d, NotificationKind kind, Instant at) {
        Notification n = new Notification();
        n.id = UUID.randomUUID();
        n.deadlineId = d.id;
        n.accountId = d.accountId;
        n.kind = kind;
        n.dueAt = at;
        n.state = Notification.State.PENDING;
        n.delivered = "";
        return n;
    }
}
