package org.tingvakt.moderation.outreach.replies;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A reply an account keeps ready, in one language; sent signed with the moderator's first name. */
@Entity
@Table(name = "canned_reply")
public class CannedReply extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "account_id")
    public UUID accountId;

    public String language;
    public String name;
    public String text;

    @Column(name = "updated_by")
    public String updatedBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static List<CannedReply> of(UUID accountId, String language) {
        return language == null
                ? list("accountId = ?1 order by language, name", accountId)
                : list("accountId = ?1 and language = ?2 order by name", accountId, language);
    }
}
