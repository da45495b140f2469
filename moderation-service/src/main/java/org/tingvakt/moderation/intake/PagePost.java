package org.tingvakt.moderation.intake;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.tingvakt.contracts.Platform;

/** One of the account's own posts: the root of a thread (see {@link PagePosts}). */
@Entity
@Table(name = "page_post")
@IdClass(PagePost.Key.class)
public class PagePost extends PanacheEntityBase {
    @Id
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Platform platform;

    @Id
    @Column(name = "post_id")
    public String postId;

    @Column(name = "account_id")
    public UUID accountId;

    @Column(name = "thread_key")
    public String threadKey;

    public String text;
    public String permalink;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The post a thread hangs from, when the account's post is known. */
    public static Optional<PagePost> ofThread(String threadKey) {
        return find("threadKey", threadKey).firstResultOptional();
    }

    /** The composite key: platform and post id. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public Platform platform;
        public String postId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && platform == k.platform && Objects.equals(postId, k.postId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(platform, postId);
        }
    }
}
