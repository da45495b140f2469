package org.tingvakt.notifier.tracking;

import java.time.ZonedDateTime;
import org.tingvakt.notifier.deadline.DeadlineCalculator;

/**
 * The reminders and escalations that follow a reply deadline, as the tracker needs them: planned when the deadline
 * opens, cancelled when it closes, in the tracker's transaction so that the schedule and the deadline never disagree.
 * Owned here and implemented by the notification package, so that tracking does not depend on how people are told.
 */
public interface ReminderSchedule {

    /** Plans the deadline's reminders and escalations; a failure rolls back the deadline with it. */
    void plan(ReplyDeadline deadline, ZonedDateTime due, DeadlineCalculator calculator);

    /** Cancels what is still pending for the deadline; returns how many were cancelled. */
    int cancel(ReplyDeadline deadline, String reason);
}
