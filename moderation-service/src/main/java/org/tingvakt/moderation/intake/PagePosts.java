package org.tingvakt.moderation.intake;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tingvakt.contracts.ThreadKey;
import org.tingvakt.moderation.account.Account;
import org.tingvakt.moderation.account.AccountDirectory;
import org.tingvakt.moderation.intake.webhook.MetaWebhookParser;
import org.tingvakt.moderation.intake.webhook.PostItem;

/**
 * Stores the account's own posts as the roots of their threads, from webhooks and from the reconciliation alike: a post
 * is stored once (its key is platform and post id), an edit replaces its text, a post already stored with the same text
 * changes nothing. Posts are not moderated (no case, no {@code CommentReceived}): they give comments their thread
 * context (the console's case view, the archive's evidence records) and decide whether an account is active.
 */
@ApplicationScoped
public class PagePosts {
    private static final int MAX_TEXT = 20_000;
    private static final String UPSERT = "INSERT INTO page_post (platform, post_id, account_id, thread_key, text, "
            + "permalink, created_at, received_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) "
            + "ON CONFLICT (platform, post_id) DO UPDATE SET text = EXCLUDED.text, "
            + "permalink = COALESCE(EXCLUDED.permalink, page_post.permalink), updated_at = EXCLUDED.updated_at "
            + "WHERE page_post.text IS DISTINCT FROM EXCLUDED.text";

    private final AccountDirectory accounts;
    private final MeterRegistry metrics;

    public PagePosts(AccountDirectory accounts, MeterRegistry metrics) {
        this.accounts = accounts;
        this.metrics = metrics;
    }

    /** Stores the posts of accounts we moderate; returns how many were new or changed their text. */
    @Transactional
    public int store(List<PostItem> posts) {
        int changed = 0;
        Instant now = Instant.now();
        for (PostItem p : posts) {
            Optional<Account> account = accounts.find(p.platform(), p.accountExternalId());
            if (account.isEmpty()) {
                continue;
            }
            String text = MetaWebhookParser.storable(p.text() == null ? "" : p.text());
            changed += PagePost.getEntityManager()
                    .createNativeQuery(UPSERT)
                    .setParameter(1, p.platform().name())
                    .setParameter(2, p.postId())
                    .setParameter(3, account.get().id)
                    .setParameter(4, ThreadKey.of(p.platform(), p.postId()))
                    .setParameter(5, text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text)
                    .setParameter(6, p.permalink())
                    .setParameter(7, Timestamp.from(p.createdAt() == null ? now : p.createdAt()))
                    .setParameter(8, Timestamp.from(now))
                    .executeUpdate();
        }
        if (changed > 0) {
            metrics.counter("tingvakt.page.posts.stored").increment(changed);
        }
        return changed;
    }
}
