package org.tingvakt.moderation.account;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.ReplyPolicy;

/** A page or account a public body moderates: the platform's id, its country, language, office hours and reply rule. */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {
    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public Platform platform;

    @Column(name = "external_id")
    public String externalId;

    public String name;
    public String country;
    public String language;

    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "office_open")
    public LocalTime officeOpen;

    @Column(name = "office_close")
    public LocalTime officeClose;

    @Column(name = "reply_rule")
    public String replyRule;

    @Column(name = "rules_url")
    public String rulesUrl;

    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<Account> findByPlatformId(Platform platform, String externalId) {
        return find("platform = ?1 and externalId = ?2", platform, externalId).firstResultOptional();
    }

    public ReplyPolicy replyPolicy() {
        return new ReplyPolicy(country, timeZone, replyRule, officeOpen, officeClose, List.of());
    }
}
