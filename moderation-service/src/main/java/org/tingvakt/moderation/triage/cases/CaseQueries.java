package org.tingvakt.moderation.triage.cases;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.tingvakt.contracts.Intent;
import org.tingvakt.moderation.intake.CommentVersion;
import org.tingvakt.moderation.intake.PagePost;

/**
 * What the case API reads: cases with their comment versions, in a fixed number of queries whatever the page's size
 * (the versions of a page, or of a thread's earlier answers, with one {@code IN} query).
 */
@ApplicationScoped
public class CaseQueries {
    private final CaseService cases;

    public CaseQueries(CaseService cases) {
        this.cases = cases;
    }

    /** A case and its current comment version (null if the version is gone). */
    public record CaseRow(ModerationCase mc, CommentVersion version) {}

    /** One page of the queue; {@code more}: a next page exists. */
    public record QueueRows(List<CaseRow> rows, boolean more) {}

    /** A question in the same thread that was answered already, with its comment's permalink (null if unknown). */
    public record AnsweredQuestion(ModerationCase mc, String permalink) {}

    /**
     * A case in context: its version, the comments around it in its thread (newest first, at most the limit asked for;
     * none when the version is gone), the account's own post the thread hangs from when it is known, and for a question
     * the questions of the thread that were answered already.
     */
    public record CaseInContext(
            ModerationCase mc,
            CommentVersion version,
            List<CommentVersion> thread,
            java.util.Optional<PagePost> post,
            List<AnsweredQuestion> answeredQuestions) {}

    /** A page of the queue ({@link CaseService#queue}) with the comment versions of its cases. */
    public QueueRows queue(CaseService.QueueFilter filter, int page, int size) {
        List<ModerationCase> rows = cases.queue(filter, page, size);
        List<ModerationCase> shown = rows.stream().limit(size).toList();
        Map<UUID, CommentVersion> versions = versionsOf(shown);
        return new QueueRows(
                shown.stream()
                        .map(c -> new CaseRow(c, versions.get(c.commentVersionId)))
                        .toList(),
                rows.size() > size);
    }

    /** One case in context; 404 if there is no such case. */
    public CaseInContext inContext(UUID id, int threadContext) {
        ModerationCase c = cases.get(id);
        CommentVersion v = CommentVersion.findById(c.commentVersionId);
        List<CommentVersion> thread =
                v == null ? List.of() : CommentVersion.threadContext(c.threadKey, c.commentId, threadContext);
        List<AnsweredQuestion> answered = List.of();
        if (Intent.QUESTION.in(c.intents)) {
            List<ModerationCase> earlier = ModerationCase.<ModerationCase>list(
                            "threadKey = ?1 and id <> ?2 and state = ?3 order by receivedAt",
                            c.threadKey,
                            c.id,
                            CaseState.REPLIED)
                    .stream()
                    .filter(o -> Intent.QUESTION.in(o.intents))
                    .toList();
            Map<UUID, CommentVersion> versions = versionsOf(earlier);
            answered = earlier.stream()
                    .map(o -> {
                        CommentVersion ov = versions.get(o.commentVersionId);
                        return new AnsweredQuestion(o, ov == null ? null : ov.permalink);
                    })
                    .toList();
        }
        return new CaseInContext(c, v, thread, PagePost.ofThread(c.threadKey), answered);
    }

    /** A case as it is now, with its comment version. */
    public CaseRow row(ModerationCase c) {
        return new CaseRow(c, CommentVersion.findById(c.commentVersionId));
    }

    private static Map<UUID, CommentVersion> versionsOf(List<ModerationCase> cases) {
        Map<UUID, CommentVersion> versions = new HashMap<>();
        if (!cases.isEmpty()) {
            for (CommentVersion v : CommentVersion.<CommentVersion>list(
                    "id in ?1",
                    cases.stream().map(c -> c.commentVersionId).distinct().toList())) {
                versions.put(v.id, v);
            }
        }
        return versions;
    }
}
