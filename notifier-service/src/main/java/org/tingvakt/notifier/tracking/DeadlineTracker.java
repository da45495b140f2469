package org.tingvakt.notifier.tracking;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.smallrye.common.annotation.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.tingvakt.contracts.CommentClassified;
import org.tingvakt.contracts.ModerationActionTaken;
import org.tingvakt.contracts.ReplyPolicy;
import org.tingvakt.eventing.EventConsumer;
import org.tingvakt.eventing.PoisonEventException;
import org.tingvakt.notifier.calendar.Country;
import org.tingvakt.notifier.calendar.OfficeHours;
import org.tingvakt.notifier.calendar.WorkdayCalendar;
import org.tingvakt.notifier.deadline.DeadlineCalculator;
import org.tingvakt.notifier.deadline.ReplyRule;
import org.tingvakt.notifier.notification.NotificationPlanner;
import org.tingvakt.problem.ProblemException;

/**
 * Opens a reply deadline when a comment asks a question or makes a complaint ({@code comments.classified}), and closes it
 * when the comment is answered, deleted or marked as needing no answer ({@code moderation.actions}).
 */
@ApplicationScoped
public class DeadlineTracker {
    public static final String CLASSIFIED_CHANNEL = "comments-classified";
    public static final String ACTIONS_CHANNEL = "moderation-actions";
    static final Set<String> NEEDS_ANSWER = Set.of("QUESTION", "COMPLAINT");

    private final EventConsumer consumer;
    private final NotificationPlanner planner;

    public DeadlineTracker(EventConsumer consumer, NotificationPlanner planner) {
        this.consumer = consumer;
        this.planner = planner;
    }

    @Incoming(CLASSIFIED_CHANNEL)
    @Blocking
    public void classified(ConsumerRecords<String, byte[]> records) {
        consumer.consume("notifier-deadlines", records, CommentClassified.class, (e, h) -> open(e));
    }

    @Incoming(ACTIONS_CHANNEL)
    @Blocking
    public void actions(ConsumerRecords<String, byte[]> records) {
        consumer.consume("notifier-closer", records, ModerationActionTaken.class, (e, h) -> close(e));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void open(CommentClassified event) {
        Optional<String> intent = event.intents() == null ? Optional.empty()
                : event.intents().stream().filter(NEEDS_ANSWER::contains).sorted().findFirst();
        if (intent.isEmpty() || ReplyDeadline.count("caseId", event.caseId()) > 0) {
            return; // nothing to answer, or an edit of a comment whose deadline runs from its first version
        }
        ReplyPolicy policy = event.replyPolicy();
        if (policy == null || event.receivedAt() == null) {
            throw new PoisonEventException("CommentClassified without replyPolicy or receivedAt");
        }
        DeadlineCalculator calculator;
        ReplyRule rule;
        try {
            Country country = Country.parse(policy.country());
            ZoneId zone = policy.zone() == null ? country.defaultZone() : ZoneId.of(policy.zone());
            OfficeHours hours = policy.officeOpen() == null ? OfficeHours.DEFAULT
                    : new OfficeHours(policy.officeOpen(), Optional.ofNullable(policy.officeClose()).orElse(LocalTime.of(16, 0)));
            WorkdayCalendar calendar = WorkdayCalendar.of(country,
                    policy.extraClosedDays() == null ? Set.of() : new HashSet<>(policy.extraClosedDays()));
            calculator = new DeadlineCalculator(calendar, hours, zone);
            rule = ReplyRule.parse(policy.rule());
        } catch (RuntimeException e) {
            throw new PoisonEventException("the reply policy cannot be used: " + e.getMessage(), e);
        }
        ReplyDeadline d = new ReplyDeadline();
        d.id = UUID.randomUUID();
        d.caseId = event.caseId();
        d.commentId = event.commentId();
        d.platform = event.platform().name();
        d.accountId = event.accountId();
        d.threadKey = event.threadKey();
        d.intent = intent.get();
        d.rule = rule.code();
        d.country = policy.country();
        d.timeZone = calculator.zone().getId();
        d.receivedAt = event.receivedAt();
        ZonedDateTime due = calculator.deadline(rule, event.receivedAt());
        d.dueAt = due.toInstant();
        d.state = ReplyDeadline.State.OPEN;
        d.persist();
        try {
            planner.plan(d, due, calculator);
        } catch (RuntimeException e) {
            throw new PoisonEventException("the account's notification settings cannot be used: " + e.getMessage(), e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void close(ModerationActionTaken event) {
        ReplyDeadline d = ReplyDeadline.<ReplyDeadline>find("caseId", event.caseId()).firstResult();
        if (d == null || d.state != ReplyDeadline.State.OPEN) {
            return;
        }
        Instant at = event.takenAt() == null ? Instant.now() : event.takenAt();
        switch (String.valueOf(event.action())) {
            case "REPLIED" -> d.state = at.isAfter(d.dueAt) ? ReplyDeadline.State.LATE : ReplyDeadline.State.MET;
            case "DELETED", "NO_REPLY_NEEDED" -> d.state = ReplyDeadline.State.CLOSED;
            default -> {
                return;
            }
        }
        d.closedAt = at;
        d.closedBy = event.action();
        planner.cancel(d, "deadline closed by " + event.action());
    }

    /**
     * A moderator says the comment needs no answer: closes the open deadline and cancels its pending reminders.
     *
     * @throws ProblemException 404 for an unknown deadline, 409 when it is no longer open
     */
    @Transactional
    public ReplyDeadline markNoReplyNeeded(UUID id, Instant at) {
        ReplyDeadline d = ReplyDeadline.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (d == null) {
            throw ProblemException.notFound("No reply deadline " + id);
        }
        if (d.state != ReplyDeadline.State.OPEN) {
            throw ProblemException.conflict("The deadline is already " + d.state);
        }
        d.state = ReplyDeadline.State.CLOSED;
        d.closedAt = at;
        d.closedBy = "NO_REPLY_NEEDED";
        planner.cancel(d, "no reply needed");
        return d;
    }
}
