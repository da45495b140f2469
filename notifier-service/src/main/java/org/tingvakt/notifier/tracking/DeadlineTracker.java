package org.tingvakt.notifier.tracking;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.tingvakt.contracts.CommentClassified;
import org.tingvakt.contracts.Intent;
import org.tingvakt.contracts.ModerationAction;
import org.tingvakt.contracts.ModerationActionTaken;
import org.tingvakt.contracts.ReplyPolicy;
import org.tingvakt.eventing.EventConsumer;
import org.tingvakt.eventing.PoisonEventException;
import org.tingvakt.notifier.calendar.Country;
import org.tingvakt.notifier.calendar.OfficeHours;
import org.tingvakt.notifier.calendar.WorkdayCalendar;
import org.tingvakt.notifier.config.NotifierConfig;
import org.tingvakt.notifier.deadline.DeadlineCalculator;
import org.tingvakt.notifier.deadline.ReplyRule;
import org.tingvakt.problem.ProblemException;

/**
 * Opens a reply deadline when a comment asks a question or makes a complaint ({@code comments.classified}), and closes it
 * when the comment is answered, deleted or marked as needing no answer ({@code moderation.actions}).
 */
@ApplicationScoped
public class DeadlineTracker {
    public static final String CLASSIFIED_CHANNEL = "comments-classified";
    public static final String ACTIONS_CHANNEL = "moderation-actions";
    static final Set<Intent> NEEDS_ANSWER = EnumSet.of(Intent.QUESTION, Intent.COMPLAINT);

    private final EventConsumer consumer;
    private final ReminderSchedule reminders;

    private final java.time.Duration earlyActionsKeep;

    public DeadlineTracker(EventConsumer consumer, ReminderSchedule reminders, NotifierConfig config) {
        this.consumer = consumer;
        this.reminders = reminders;
        this.earlyActionsKeep = config.earlyActions().keep();
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
        // Intents this version does not know are ignored (a newer classifier may add some).
        Optional<String> intent = Intent.parseAll(event.intents()).stream()
                .filter(NEEDS_ANSWER::contains)
                .map(Intent::name)
                .sorted()
                .findFirst();
        if (intent.isEmpty()) {
            return; // nothing to answer
        }
        EarlyActionQueries.lockCase(event.caseId());
        if (ReplyDeadline.count("caseId", event.caseId()) > 0) {
            return; // an edit of a comment whose deadline runs from its first version
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
            OfficeHours hours = policy.officeOpen() == null
                    ? OfficeHours.DEFAULT
                    : new OfficeHours(
                            policy.officeOpen(),
                            Optional.ofNullable(policy.officeClose()).orElse(LocalTime.of(16, 0)));
            WorkdayCalendar calendar = WorkdayCalendar.of(
                    country, policy.extraClosedDays() == null ? Set.of() : new HashSet<>(policy.extraClosedDays()));
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
        Optional<EarlyActionQueries.EarlyAction> early = EarlyActionQueries.takeEarlyAction(event.caseId());
        if (early.isPresent()) {
            // Answered (or deleted) before we heard of the question: the deadline is created closed, nothing is
            // planned.
            applyClosing(d, early.get().action(), early.get().takenAt());
            d.persist();
            return;
        }
        d.persist();
        try {
            reminders.plan(d, due, calculator);
        } catch (RuntimeException e) {
            throw new PoisonEventException("the account's notification settings cannot be used: " + e.getMessage(), e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void close(ModerationActionTaken event) {
        Optional<ModerationAction> closing =
                ModerationAction.parse(event.action()).filter(CLOSING::contains);
        if (closing.isEmpty()) {
            return; // another action, or one this version does not know
        }
        String action = closing.get().name();
        Instant at = event.takenAt() == null ? Instant.now() : event.takenAt();
        ReplyDeadline d =
                ReplyDeadline.<ReplyDeadline>find("caseId", event.caseId()).firstResult();
        if (d == null) {
            // No deadline yet: the question's CommentClassified may still be on its way (another topic), or may be
            // committing right now. Under the case's lock, either its deadline is visible now, or the action is kept
            // for open() to apply.
            EarlyActionQueries.lockCase(event.caseId());
            d = ReplyDeadline.<ReplyDeadline>find("caseId", event.caseId()).firstResult();
            if (d == null) {
                EarlyActionQueries.rememberEarlyAction(event.caseId(), action, at);
                return;
            }
        }
        if (d.state != ReplyDeadline.State.OPEN) {
            return;
        }
        applyClosing(d, action, at);
        reminders.cancel(d, "deadline closed by " + event.action());
    }

    /** The actions that close a deadline. */
    static final Set<ModerationAction> CLOSING =
            EnumSet.of(ModerationAction.REPLIED, ModerationAction.DELETED, ModerationAction.NO_REPLY_NEEDED);

    private static void applyClosing(ReplyDeadline d, String action, Instant at) {
        d.state = ModerationAction.parse(action).orElse(null) == ModerationAction.REPLIED
                ? (at.isAfter(d.dueAt) ? ReplyDeadline.State.LATE : ReplyDeadline.State.MET)
                : ReplyDeadline.State.CLOSED;
        d.closedAt = at;
        d.closedBy = action;
    }

    /**
     * Forgets kept actions of cases that never got a deadline (most: a deletion or reply of a comment that asked
     * nothing). Every hour; the period is {@code tingvakt.notifier.early-actions.keep} (default 7 days).
     */
    @io.quarkus.scheduler.Scheduled(
            every = "1h",
            delayed = "5m",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purgeEarlyActions() {
        EarlyActionQueries.forgetBefore(Instant.now().minus(earlyActionsKeep));
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
        d.closedBy = ModerationAction.NO_REPLY_NEEDED.name();
        reminders.cancel(d, "no reply needed");
        return d;
    }
}
