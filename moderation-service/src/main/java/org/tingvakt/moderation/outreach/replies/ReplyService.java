package org.tingvakt.moderation.outreach.replies;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.tingvakt.moderation.account.Account;
import org.tingvakt.moderation.account.AccountCreated;
import org.tingvakt.moderation.kernel.NoticeLanguage;
import org.tingvakt.moderation.kernel.audit.AuditLog;
import org.tingvakt.moderation.triage.cases.ReplyComposer;
import org.tingvakt.problem.ProblemException;

/** Canned replies per account and language, and the signed text of a reply a moderator sends. */
@ApplicationScoped
public class ReplyService implements ReplyComposer {
    public static final int MAX_TEXT = 2000;

    private final AuditLog audit;

    public ReplyService(AuditLog audit) {
        this.audit = audit;
    }

    public List<CannedReply> list(UUID accountId, Optional<String> language) {
        account(accountId);
        return CannedReply.of(
                accountId, language.map(ReplyService::languageCode).orElse(null));
    }

    @Transactional
    public CannedReply save(
            UUID accountId, Optional<UUID> id, String language, String name, String text, String actor) {
        account(accountId);
        String code = languageCode(language);
        CannedReply r = id.map(i -> CannedReply.<CannedReply>findByIdOptional(i)
                        .filter(c -> c.accountId.equals(accountId))
                        .orElseThrow(() -> ProblemException.notFound("no canned reply " + i + " on this account")))
                .orElseGet(CannedReply::new);
        boolean created = r.id == null;
        if (CannedReply.count(
                        "accountId = ?1 and language = ?2 and name = ?3 and id <> ?4",
                        accountId,
                        code,
                        name,
                        created ? new UUID(0, 0) : r.id)
                > 0) {
            throw ProblemException.conflict("the account already has a " + code + " reply named \"" + name + "\"");
        }
        Instant now = Instant.now();
        if (created) {
            r.id = UUID.randomUUID();
            r.accountId = accountId;
            r.createdAt = now;
        }
        r.language = code;
        r.name = name;
        r.text = text;
        r.updatedBy = actor;
        r.updatedAt = now;
        r.persist();
        audit.record(
                actor,
                created ? "REPLY_CREATED" : "REPLY_UPDATED",
                "canned_reply",
                r.id.toString(),
                Map.of("account", accountId.toString(), "language", code, "name", name));
        return r;
    }

    @Transactional
    public void delete(UUID accountId, UUID id, String actor) {
        CannedReply r = CannedReply.<CannedReply>findByIdOptional(id)
                .filter(c -> c.accountId.equals(accountId))
                .orElseThrow(() -> ProblemException.notFound("no canned reply " + id + " on this account"));
        r.delete();
        audit.record(
                actor,
                "REPLY_DELETED",
                "canned_reply",
                id.toString(),
                Map.of("account", accountId.toString(), "language", r.language, "name", r.name));
    }

    /** Gives a new account the starter replies of its language (from the bundles), in the account's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    void seedStarters(@Observes AccountCreated created) {
        seedStarters(created.account(), created.actor());
    }

    private void seedStarters(Account account, String actor) {
        NoticeLanguage language = NoticeLanguage.fromCode(account.language).orElse(NoticeLanguage.EN);
        for (StarterReplies.Starter s : StarterReplies.of(language)) {
            CannedReply r = new CannedReply();
            r.id = UUID.randomUUID();
            r.accountId = account.id;
            r.language = language.code();
            r.name = s.name();
            r.text = s.text();
            r.updatedBy = actor;
            r.createdAt = Instant.now();
            r.updatedAt = r.createdAt;
            r.persist();
        }
    }

    /**
     * The text to post: a canned reply of the account (by id) or the moderator's own text, signed as the account signs
     * (the moderator's first name from the token's {@code given_name}, and the unit).
     */
    @Override
    public String compose(
            Account account, Optional<UUID> cannedReplyId, Optional<String> ownText, Optional<String> givenName) {
        String text;
        if (cannedReplyId.isPresent()) {
            CannedReply r = CannedReply.<CannedReply>findByIdOptional(cannedReplyId.get())
                    .filter(c -> c.accountId.equals(account.id))
                    .orElseThrow(() -> ProblemException.badRequest(
                            "no canned reply " + cannedReplyId.get() + " on the case's account"));
            text = r.text;
        } else {
            text = ownText.filter(t -> !t.isBlank())
                    .orElseThrow(() -> ProblemException.badRequest("a reply needs a text or a cannedReplyId"));
        }
        String signed = account.signature().sign(text, givenName);
        if (signed.length() > MAX_TEXT) {
            throw ProblemException.badRequest("the reply is longer than " + MAX_TEXT + " characters");
        }
        return signed;
    }

    private static String languageCode(String language) {
        return NoticeLanguage.fromCode(language)
                .map(NoticeLanguage::code)
                .filter(c -> c.equals(language))
                .orElseThrow(() -> ProblemException.badRequest("language must be one of da, sv, nb, nn, en"));
    }

    private static Account account(UUID accountId) {
        return Account.<Account>findByIdOptional(accountId)
                .orElseThrow(() -> ProblemException.notFound("no account " + accountId));
    }
}
