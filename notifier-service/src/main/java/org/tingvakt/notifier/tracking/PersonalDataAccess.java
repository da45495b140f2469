package org.tingvakt.notifier.tracking;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.tingvakt.problem.ProblemException;

/**
 * notifier-service's part of an access request (GDPR Art. 15). It holds no sender, name or text, so what concerns a
 * person is found through ids: the reply deadlines of their comments (the archive passes the comment ids that
 * moderation-service named) and of their direct-message thread ({@code <platform>:dm-<sender id>}), with the reminders
 * and escalations sent about them.
 */
@ApplicationScoped
public class PersonalDataAccess {
    static final int MAX_COMMENT_IDS = 10_000;

    private final PersonalDataQueries queries;

    public PersonalDataAccess(PersonalDataQueries queries) {
        this.queries = queries;
    }

    /** A notification sent about a deadline (to staff; the person is never notified by this service). */
    public record SentNotification(String kind, String state, Instant dueAt, Instant sentAt) {}

    /** A reply deadline for one of the person's comments or direct messages. */
    public record Deadline(
            UUID id,
            String caseId,
            String commentId,
            String intent,
            String rule,
            Instant receivedAt,
            Instant dueAt,
            String state,
            Instant closedAt,
            List<SentNotification> notifications) {}

    /** The service's answer. */
    public record Export(String service, Instant generatedAt, List<Deadline> deadlines) {}

    /**
     * The deadlines of the comments and of the person's DM thread. Without a platform id (a request by national ID
     * number: the archive names the comments that hold it) only the comments' deadlines.
     */
    public Export export(String platformId, List<String> commentIds) {
        List<String> comments = commentIds == null ? List.of() : commentIds;
        boolean byPlatformId = platformId != null && !platformId.isBlank();
        if ((!byPlatformId && comments.isEmpty())
                || (byPlatformId
                        && (platformId.length() > 200 || platformId.chars().anyMatch(Character::isISOControl)))) {
            throw ProblemException.badRequest(
                    "an access request needs the sender's platform id (at most 200 chars) or the comments' ids");
        }
        if (comments.size() > MAX_COMMENT_IDS || comments.stream().anyMatch(c -> c == null || c.length() > 200)) {
            throw ProblemException.badRequest("at most " + MAX_COMMENT_IDS + " comment ids of at most 200 chars");
        }
        // No thread is called "dm-" alone, so without a platform id only the comments match.
        List<Deadline> deadlines = queries.deadlinesOf(comments, byPlatformId ? "dm-" + platformId.trim() : "dm-");
        return new Export(PersonalDataErasure.SERVICE, Instant.now(), deadlines);
    }
}
