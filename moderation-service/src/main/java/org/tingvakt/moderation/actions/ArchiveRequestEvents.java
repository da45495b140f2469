package org.tingvakt.moderation.actions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tingvakt.contracts.ArchiveRequested;
import org.tingvakt.contracts.Sender;
import org.tingvakt.moderation.account.Account;
import org.tingvakt.moderation.intake.CommentVersion;
import org.tingvakt.moderation.intake.PagePost;
import org.tingvakt.moderation.triage.cases.ModerationCase;

/** Builds the {@code ArchiveRequested} of a stored archive request: one factory for evidence and registration alike. */
final class ArchiveRequestEvents {
    private static final int THREAD_CONTEXT = 5;

    private ArchiveRequestEvents() {}

    /** The event for this request of this case's version; carries the case's intents, so the archive sees complaints. */
    static ArchiveRequested of(
            ArchiveRequest request, ModerationCase mc, CommentVersion v, Account account, String reason, String actor) {
        List<ArchiveRequested.ThreadItem> thread = new ArrayList<>();
        // The account's own post the comment was written under, first: the record shows what the comment answered.
        PagePost.ofThread(v.threadKey)
                .ifPresent(p -> thread.add(new ArchiveRequested.ThreadItem(
                        "POST", p.postId, account.name, p.text, p.createdAt, account.externalId)));
        CommentVersion.threadContext(v.threadKey, v.commentId, THREAD_CONTEXT).stream()
                .sorted(Comparator.comparing(c -> c.createdAt))
                .map(c -> new ArchiveRequested.ThreadItem(
                        c.commentId.equals(v.parentId) ? "PARENT" : "NEIGHBOUR",
                        c.commentId,
                        c.senderName,
                        c.text,
                        c.createdAt,
                        c.senderId))
                .forEach(thread::add);
        return new ArchiveRequested(
                request.id.toString(),
                mc.id.toString(),
                v.commentId,
                v.version,
                v.platform,
                account.externalId,
                account.name,
                v.postId,
                v.threadKey,
                new Sender(v.senderId, v.senderName, v.senderProfileUrl),
                v.text,
                v.permalink,
                v.attachments,
                v.createdAt,
                mc.labels,
                reason,
                actor,
                thread,
                request.contentSha256,
                request.requestedAt,
                mc.intents == null ? List.of() : mc.intents,
                request.purpose,
                request.registrationReason,
                null);
    }
}
