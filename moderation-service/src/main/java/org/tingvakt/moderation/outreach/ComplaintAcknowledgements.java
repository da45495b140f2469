package org.tingvakt.moderation.outreach;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.tingvakt.contracts.CommentReceived;
import org.tingvakt.contracts.RegistrationReason;
import org.tingvakt.moderation.account.Account;
import org.tingvakt.moderation.account.RegistrationPolicy;
import org.tingvakt.moderation.actions.PlatformAction;
import org.tingvakt.moderation.actions.RecordRegistered;
import org.tingvakt.moderation.intake.CommentVersion;
import org.tingvakt.moderation.kernel.NoticeLanguage;
import org.tingvakt.moderation.triage.cases.ModerationCase;

/**
 * Answers a complaint on the page once the archive has registered it: a reply under the comment, in the account's
 * language, naming the registration number where the account publishes it. It waits for the number (which only the
 * archive's {@code RecordArchived} carries) and is a durable platform action written in the transaction that accepted
 * the record, so it is sent once even if the process stops in between. One acknowledgement per case, however many
 * versions of the comment are registered.
 */
@ApplicationScoped
public class ComplaintAcknowledgements {
    /** The reason on the reply's platform action: how a second acknowledgement of the same case is recognised. */
    public static final String REASON = "COMPLAINT_ACKNOWLEDGEMENT";

    private final ComplaintAcknowledgementComposer composer = new ComplaintAcknowledgementComposer(NoticeTexts.load());

    void onRegistered(@Observes RecordRegistered registered) {
        if (registered.reason() != RegistrationReason.COMPLAINT) {
            return; // threats and what the account registers for itself get no public answer
        }
        if (PlatformAction.count(
                        "caseId = ?1 and operation = ?2 and reason = ?3",
                        registered.caseId(),
                        PlatformAction.Operation.REPLY,
                        REASON)
                > 0) {
            return;
        }
        ModerationCase mc = ModerationCase.findById(registered.caseId());
        CommentVersion version = CommentVersion.findById(mc.commentVersionId);
        if (version == null || version.kind != CommentReceived.ItemKind.COMMENT) {
            return; // a reply goes under a comment; a direct message or mention is answered by a person
        }
        Account account = Account.findById(registered.accountId());
        NoticeLanguage language = NoticeLanguage.fromCode(account.language).orElse(NoticeLanguage.EN);
        Optional<String> number = RegistrationPolicy.forAccount(account.id).publishNumber
                ? Optional.ofNullable(registered.registrationNumber())
                : Optional.empty();
        PlatformAction.pending(
                        mc.id,
                        PlatformAction.Operation.REPLY,
                        mc.platform,
                        account.externalId,
                        mc.commentId,
                        composer.composeRegistered(language, number),
                        "policy",
                        REASON)
                .persist();
    }
}
