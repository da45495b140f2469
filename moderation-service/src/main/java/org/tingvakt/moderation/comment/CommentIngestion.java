package org.tingvakt.moderation.comment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import org.tingvakt.contracts.CommentReceived;
import org.tingvakt.contracts.ModerationActionTaken;
import org.tingvakt.moderation.cases.CaseState;
import org.tingvakt.moderation.cases.ModerationCase;
import org.tingvakt.contracts.Sender;
import org.tingvakt.contracts.ThreadKey;
import org.tingvakt.eventing.Outbox;
import org.tingvakt.moderation.account.Account;
import org.tingvakt.moderation.notice.DirectMessageReplies;
import org.tingvakt.moderation.webhook.PlatformItem;

/**
 * Stores each comment version once and publishes {@code CommentReceived} in the same transaction. A webhook that Meta
 * delivers twice is a duplicate; an edit with new text is a new version; a removal by the author is recorded beside the
 * versions; a page we do not moderate is ignored and counted. A direct message also queues the standard reply (once per
 * sender per day).
 */
@ApplicationScoped
public class CommentIngestion {
    private final Outbox outbox;
    private final MeterRegistry metrics;
    private final DirectMessageReplies dmReplies;

    public CommentIngestion(Outbox outbox, MeterRegistry metrics, DirectMessageReplies dmReplies) {
        this.outbox = outbox;
        this.metrics = metrics;
        this.dmReplies = dmReplies;
    }

    /** What became of a webhook's items; {@code removed}: removals by their authors, recorded. */
    public record Outcome(int stored, int duplicates, int unknownAccount, int notHandled, int removed) {
    }

    @Transactional
    public Outcome ingest(List<PlatformItem> items) {
        int stored = 0;
        int duplicates = 0;
        int unknown = 0;
        int notHandled = 0;
        int removed = 0;
        Instant now = Instant.now();
        for (PlatformItem item : items) {
            Optional<Account> account = Account.findByPlatformId(item.platform(), item.accountExternalId());
            if (account.isEmpty()) {
                unknown++;
                continue;
            }
            if (item.verb() == PlatformItem.Verb.REMOVE) {
                // The author removed it: a fact we keep; the stored versions (public records) stay as they are.
                removed += CommentVersion.getEntityManager().createNativeQuery(
                                "INSERT INTO comment_removal (platform, comment_id, removed_at) VALUES (?1, ?2, ?3) "
                                        + "ON CONFLICT DO NOTHING")
                        .setParameter(1, item.platform().name()).setParameter(2, item.commentId())
                        .setParameter(3, java.sql.Timestamp.from(now)).executeUpdate();
                continue;
            }
            Optional<CommentVersion> latest = CommentVersion.latest(item.platform(), item.commentId());
            boolean duplicate = latest.isPresent()
                    && (item.verb() == PlatformItem.Verb.ADD || latest.get().text.equals(item.text()));
            if (duplicate) {
                duplicates++;
                continue;
            }
            CommentVersion v = new CommentVersion();
            v.id = UUID.randomUUID();
            v.platform = item.platform();
            v.commentId = item.commentId();
            v.version = latest.map(l -> l.version + 1).orElse(1);
            v.accountId = account.get().id;
            v.postId = item.postId();
            v.parentId = item.parentId();
            v.threadKey = ThreadKey.of(item.platform(), item.postId());
            v.kind = item.kind();
            v.senderId = item.senderId();
            v.senderName = item.senderName();
            v.senderProfileUrl = item.senderProfileUrl();
            v.text = item.text();
            v.permalink = item.permalink();
            v.attachments = List.copyOf(item.attachments());
            v.createdAt = item.createdAt();
            v.receivedAt = now;
            v.persist();
            outbox.publish(new CommentReceived(v.commentId, v.version, v.platform, item.accountExternalId(), v.postId,
                    v.parentId, v.threadKey, v.kind, new Sender(v.senderId, v.senderName, v.senderProfileUrl), v.text,
                    v.permalink, v.attachments, v.createdAt, v.receivedAt));
            stored++;
            if (item.kind() == CommentReceived.ItemKind.PAGE_REPLY && item.parentId() != null) {
                answered(item, account.get());
            }
            if (item.kind() == CommentReceived.ItemKind.DIRECT_MESSAGE && item.senderId() != null
                    && dmReplies.replyIfDue(account.get(), item.platform(), item.senderId())) {
                metrics.counter("tingvakt.dm.replies", "outcome", "queued").increment();
            }
        }
        count("stored", stored);
        count("duplicate", duplicates);
        count("unknown_account", unknown);
        count("not_handled", notHandled);
        count("removed_by_author", removed);
        return new Outcome(stored, duplicates, unknown, notHandled, removed);
    }

    /**
     * The page answered a comment on the platform itself (not through Tingvakt): the comment it answered counts as
     * replied, so its reply deadline closes (ARCHITECTURE.md, "a reply … seen from the platform closes it").
     */
    private void answered(PlatformItem reply, Account account) {
        Optional<ModerationCase> parent = ModerationCase.forComment(reply.platform(), reply.parentId());
        if (parent.isEmpty()) {
            return;
        }
        ModerationCase mc = parent.get();
        if (mc.state != CaseState.REPLIED && mc.state.canMoveTo(CaseState.REPLIED)) {
            mc.moveTo(CaseState.REPLIED);
        }
        outbox.publish(new ModerationActionTaken(mc.id.toString(), mc.commentId, mc.version, mc.platform,
                account.externalId, mc.threadKey, "REPLIED", "platform", null, reply.createdAt()));
        metrics.counter("tingvakt.webhook.page.replies").increment();
    }

    private void count(String outcome, int n) {
        if (n > 0) {
            metrics.counter("tingvakt.webhook.items", "outcome", outcome).increment(n);
        }
    }
}
