package org.tingvakt.moderation.intake;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.tingvakt.contracts.CommentReceived;
import org.tingvakt.contracts.Sender;
import org.tingvakt.contracts.ThreadKey;
import org.tingvakt.eventing.EventJson;
import org.tingvakt.eventing.Outbox;
import org.tingvakt.moderation.account.Account;
import org.tingvakt.moderation.account.AccountDirectory;
import org.tingvakt.moderation.intake.webhook.PlatformItem;

/**
 * Stores each comment version once and publishes {@code CommentReceived} in the same transaction. A webhook that Meta
 * delivers twice is a duplicate; an edit with new text is a new version; a removal by the author is recorded beside the
 * versions; a page we do not moderate is ignored and counted. What follows from an item beyond storing it is told by
 * synchronous CDI events in the same transaction, for the later stages to act on: a page's reply
 * ({@link PageReplyReceived}), a direct message ({@link DirectMessageReceived}: the standard reply, once per sender per
 * day) and a mention whose text must be read first ({@link MentionReceived}).
 */
@ApplicationScoped
public class CommentIngestion {
    /**
     * A new comment is its version 1: stored unless a version 1 is there already (a redelivery, or an edit that arrived
     * first). One statement instead of a look-up, an entity and a flush: this runs for every comment (hot path).
     */
    private static final String INSERT_FIRST = "INSERT INTO comment_version (id, platform, comment_id, version, "
            + "account_id, post_id, parent_id, thread_key, kind, sender_id, sender_name, sender_profile_url, text, "
            + "permalink, attachments, created_at, received_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (platform, comment_id, version) DO NOTHING";

    /** {@link #INSERT_FIRST} for many rows in one statement, returning the ids of the rows stored. */
    private static final String INSERT_FIRST_ALL = "INSERT INTO comment_version (id, platform, comment_id, version, "
            + "account_id, post_id, parent_id, thread_key, kind, sender_id, sender_name, sender_profile_url, text, "
            + "permalink, attachments, created_at, received_at) "
            + "SELECT u.id::uuid, u.platform, u.comment_id, 1, u.account_id::uuid, u.post_id, u.parent_id, u.thread_key, "
            + "u.kind, u.sender_id, u.sender_name, u.profile, u.text, u.permalink, "
            + "ARRAY(SELECT jsonb_array_elements_text(u.attachments::jsonb)), "
            + "u.created_at::timestamptz, u.received_at::timestamptz "
            + "FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
            + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) "
            + "AS u(id, platform, comment_id, account_id, post_id, parent_id, thread_key, kind, sender_id, sender_name, "
            + "profile, text, permalink, attachments, created_at, received_at) "
            + "ON CONFLICT (platform, comment_id, version) DO NOTHING RETURNING id";

    /** As the webhook parser cuts texts. */
    private static final int MAX_TEXT = 20_000;

    private final Outbox outbox;
    private final MeterRegistry metrics;
    private final Event<PageReplyReceived> pageReplies;
    private final Event<DirectMessageReceived> directMessages;
    private final Event<MentionReceived> mentions;
    private final AccountDirectory accounts;
    private final DataSource dataSource;

    public CommentIngestion(
            Outbox outbox,
            MeterRegistry metrics,
            Event<PageReplyReceived> pageReplies,
            Event<DirectMessageReceived> directMessages,
            Event<MentionReceived> mentions,
            AccountDirectory accounts,
            DataSource dataSource) {
        this.outbox = outbox;
        this.metrics = metrics;
        this.pageReplies = pageReplies;
        this.directMessages = directMessages;
        this.mentions = mentions;
        this.accounts = accounts;
        this.dataSource = dataSource;
    }

    /** What became of a webhook's items; {@code removed}: removals by their authors, recorded. */
    public record Outcome(int stored, int duplicates, int unknownAccount, int notHandled, int removed) {}

    @Transactional
    public Outcome ingest(List<PlatformItem> items) {
        int stored = 0;
        int duplicates = 0;
        int unknown = 0;
        int notHandled = 0;
        int removed = 0;
        Instant now = Instant.now();
        for (PlatformItem item : items) {
            Optional<Account> account = accounts.find(item.platform(), item.accountExternalId());
            if (account.isEmpty()) {
                unknown++;
                continue;
            }
            if (item.verb() == PlatformItem.Verb.REMOVE) {
                // The author removed it: a fact we keep; the stored versions (public records) stay as they are.
                removed += CommentVersion.getEntityManager()
                        .createNativeQuery(
                                "INSERT INTO comment_removal (platform, comment_id, removed_at) VALUES (?1, ?2, ?3) "
                                        + "ON CONFLICT DO NOTHING")
                        .setParameter(1, item.platform().name())
                        .setParameter(2, item.commentId())
                        .setParameter(3, java.sql.Timestamp.from(now))
                        .executeUpdate();
                continue;
            }
            CommentVersion v = version(item, account.get(), now);
            boolean fresh;
            if (item.verb() == PlatformItem.Verb.ADD) {
                fresh = insertFirst(v);
            } else {
                Optional<CommentVersion> latest = CommentVersion.latest(item.platform(), item.commentId());
                fresh = latest.isEmpty() || !latest.get().text.equals(item.text());
                if (fresh) {
                    v.version = latest.map(l -> l.version + 1).orElse(1);
                    v.persist();
                }
            }
            if (!fresh) {
                duplicates++;
                continue;
            }
            stored++;
            if (item.kind() == CommentReceived.ItemKind.MENTION) {
                // Meta sent only ids: the text is read first (a platform action, retried with backoff);
                // CommentReceived follows when it is stored (mentionFetched), never with an empty text.
                mentions.fire(new MentionReceived(
                        item.platform(),
                        item.accountExternalId(),
                        item.commentId(),
                        item.commentId().equals(item.postId())));
                metrics.counter("tingvakt.mentions.fetch", "outcome", "queued").increment();
                continue;
            }
            publishReceived(v, item.accountExternalId());
            if (item.kind() == CommentReceived.ItemKind.PAGE_REPLY && item.parentId() != null) {
                pageReplies.fire(new PageReplyReceived(
                        item.platform(), item.parentId(), account.get().externalId, item.createdAt()));
            }
            if (item.kind() == CommentReceived.ItemKind.DIRECT_MESSAGE && item.senderId() != null) {
                directMessages.fire(new DirectMessageReceived(account.get(), item.platform(), item.senderId()));
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
     * Group commit: the new comments of several webhook requests, stored in one transaction (one multi-row insert, one
     * look-up of what was stored, one multi-row outbox insert, one commit) instead of one each. Only for requests whose
     * items are all new comments ({@link #groupable}); the outcome of each request is as {@link #ingest} would give it.
     * If this fails, nothing of it is stored and each request is ingested alone ({@link WebhookGroupCommit}).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Outcome> ingestNewComments(List<List<PlatformItem>> requests) {
        Instant now = Instant.now();
        List<CommentVersion> rows = new ArrayList<>();
        List<String> accountIds = new ArrayList<>();
        int[] unknown = new int[requests.size()];
        List<Integer> owners = new ArrayList<>();
        for (int r = 0; r < requests.size(); r++) {
            for (PlatformItem item : requests.get(r)) {
                Optional<Account> account = accounts.find(item.platform(), item.accountExternalId());
                if (account.isEmpty()) {
                    unknown[r]++;
                    continue;
                }
                rows.add(version(item, account.get(), now));
                accountIds.add(item.accountExternalId());
                owners.add(r);
            }
        }
        Set<UUID> inserted = insertFirstAll(rows);
        int[] stored = new int[requests.size()];
        int[] duplicates = new int[requests.size()];
        List<CommentReceived> events = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            CommentVersion v = rows.get(i);
            if (inserted.contains(v.id)) {
                stored[owners.get(i)]++;
                events.add(received(v, accountIds.get(i)));
            } else {
                duplicates[owners.get(i)]++;
            }
        }
        outbox.publishAll(events);
        List<Outcome> outcomes = new ArrayList<>(requests.size());
        int storedAll = 0;
        int duplicatesAll = 0;
        int unknownAll = 0;
        for (int r = 0; r < requests.size(); r++) {
            outcomes.add(new Outcome(stored[r], duplicates[r], unknown[r], 0, 0));
            storedAll += stored[r];
            duplicatesAll += duplicates[r];
            unknownAll += unknown[r];
        }
        count("stored", storedAll);
        count("duplicate", duplicatesAll);
        count("unknown_account", unknownAll);
        return outcomes;
    }

    /** Whether a request can go through {@link #ingestNewComments}: only new comments (no edits, removals, DMs…). */
    public static boolean groupable(List<PlatformItem> items) {
        if (items.isEmpty()) {
            return false;
        }
        for (PlatformItem item : items) {
            if (item.verb() != PlatformItem.Verb.ADD || item.kind() != CommentReceived.ItemKind.COMMENT) {
                return false;
            }
        }
        return true;
    }

    private void publishReceived(CommentVersion v, String accountExternalId) {
        outbox.publish(received(v, accountExternalId));
    }

    private static CommentReceived received(CommentVersion v, String accountExternalId) {
        return new CommentReceived(
                v.commentId,
                v.version,
                v.platform,
                accountExternalId,
                v.postId,
                v.parentId,
                v.threadKey,
                v.kind,
                new Sender(v.senderId, v.senderName, v.senderProfileUrl),
                v.text,
                v.permalink,
                v.attachments,
                v.createdAt,
                v.receivedAt);
    }

    /**
     * The text of a mention was read from the platform ({@code FETCH_MENTION} succeeded): it fills the mention's stored
     * version 1, which held an empty placeholder (no text was ever known, so nothing is overwritten; a version that
     * has a text is left alone), with the author's user name and time when given, and {@code CommentReceived} is
     * published: only now is the mention classified. Joins the caller's transaction (the action's outcome).
     *
     * @return whether the version was filled (false: not stored, or filled before)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean mentionFetched(FetchedMention content) {
        Optional<CommentVersion> stored = CommentVersion.<CommentVersion>find(
                        "platform = ?1 and commentId = ?2 and version = 1", content.platform(), content.mentionId())
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
        if (stored.isEmpty()
                || stored.get().kind != CommentReceived.ItemKind.MENTION
                || !stored.get().text.isEmpty()) {
            return false;
        }
        CommentVersion v = stored.get();
        String text = content.text();
        v.text = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        content.username().ifPresent(u -> {
            v.senderName = u;
            v.senderProfileUrl = "https://www.instagram.com/" + u;
        });
        content.timestamp().ifPresent(t -> v.createdAt = t);
        publishReceived(v, content.accountExternalId());
        metrics.counter("tingvakt.mentions.fetch", "outcome", "fetched").increment();
        return true;
    }

    private static CommentVersion version(PlatformItem item, Account account, Instant now) {
        CommentVersion v = new CommentVersion();
        v.id = UUID.randomUUID();
        v.platform = item.platform();
        v.commentId = item.commentId();
        v.version = 1;
        v.accountId = account.id;
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
        return v;
    }

    /** Stores {@code v} as version 1 unless there is one; true if stored. Joins the caller's transaction. */
    private boolean insertFirst(CommentVersion v) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT_FIRST)) {
            bind(c, ps, v);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not store a comment version", e);
        }
    }

    private static void bind(Connection c, PreparedStatement ps, CommentVersion v) throws SQLException {
        ps.setObject(1, v.id);
        ps.setString(2, v.platform.name());
        ps.setString(3, v.commentId);
        ps.setObject(4, v.accountId);
        ps.setString(5, v.postId);
        ps.setString(6, v.parentId);
        ps.setString(7, v.threadKey);
        ps.setString(8, v.kind.name());
        ps.setString(9, v.senderId);
        ps.setString(10, v.senderName);
        ps.setString(11, v.senderProfileUrl);
        ps.setString(12, v.text);
        ps.setString(13, v.permalink);
        ps.setArray(14, c.createArrayOf("text", v.attachments.toArray()));
        ps.setTimestamp(15, Timestamp.from(v.createdAt));
        ps.setTimestamp(16, Timestamp.from(v.receivedAt));
    }

    /**
     * Stores the versions as version 1 unless there is one, with one statement (rows passed as arrays, so the statement
     * text is the same whatever the group's size), and returns the ids of those stored.
     */
    private Set<UUID> insertFirstAll(List<CommentVersion> versions) {
        Set<UUID> inserted = new HashSet<>();
        if (versions.isEmpty()) {
            return inserted;
        }
        int n = versions.size();
        String[][] cols = new String[16][n];
        for (int i = 0; i < n; i++) {
            CommentVersion v = versions.get(i);
            cols[0][i] = v.id.toString();
            cols[1][i] = v.platform.name();
            cols[2][i] = v.commentId;
            cols[3][i] = v.accountId.toString();
            cols[4][i] = v.postId;
            cols[5][i] = v.parentId;
            cols[6][i] = v.threadKey;
            cols[7][i] = v.kind.name();
            cols[8][i] = v.senderId;
            cols[9][i] = v.senderName;
            cols[10][i] = v.senderProfileUrl;
            cols[11][i] = v.text;
            cols[12][i] = v.permalink;
            cols[13][i] = json(v.attachments);
            cols[14][i] = v.createdAt.toString();
            cols[15][i] = v.receivedAt.toString();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT_FIRST_ALL)) {
            for (int k = 0; k < cols.length; k++) {
                ps.setArray(k + 1, c.createArrayOf("text", cols[k]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getObject(1, UUID.class));
                }
            }
            return inserted;
        } catch (SQLException e) {
            throw new IllegalStateException("could not store comment versions", e);
        }
    }

    private static String json(List<String> attachments) {
        try {
            return EventJson.mapper().writeValueAsString(attachments);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not write attachments", e);
        }
    }

    private void count(String outcome, int n) {
        if (n > 0) {
            metrics.counter("tingvakt.webhook.items", "outcome", outcome).increment(n);
        }
    }
}
