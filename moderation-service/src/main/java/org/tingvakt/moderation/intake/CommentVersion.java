package org.tingvakt.moderation.intake;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.tingvakt.contracts.CommentReceived.ItemKind;
import org.tingvakt.contracts.Platform;

/** One version of a comment as it arrived: the text and the sender are personal data and stay in this service's database. */
@Entity
@Table(name = "comment_version")
public class CommentVersion extends PanacheEntityBase {
    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public Platform platform;

    @Column(name = "comment_id")
    public String commentId;

    public int version;

    @Column(name = "account_id")
    public UUID accountId;

    @Column(name = "post_id")
    public String postId;

    @Column(name = "parent_id")
    public String parentId;

    @Column(name = "thread_key")
    public String threadKey;

    @Enumerated(EnumType.STRING)
    public ItemKind kind;

    @Column(name = "sender_id")
    public String senderId;

    @Column(name = "sender_name")
    public String senderName;

    @Column(name = "sender_profile_url")
    public String senderProfileUrl;

    public String text;
    public String permalink;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> attachments;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "received_at")
    public Instant receivedAt;

    public static Optional<CommentVersion> latest(Platform platform, String commentId) {
        return find("platform = ?1 and commentId = ?2 order by version desc", platform, commentId)
                .firstResultOptional();
    }

    /** The thread around a comment: the parent and the nearest neighbours, oldest first. */
    public static List<CommentVersion> threadContext(String threadKey, String excludeCommentId, int limit) {
        return find("threadKey = ?1 and commentId <> ?2 order by createdAt desc", threadKey, excludeCommentId)
                .page(0, limit)
                .list();
    }
}
