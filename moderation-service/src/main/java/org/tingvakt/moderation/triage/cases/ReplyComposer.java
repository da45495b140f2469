package org.tingvakt.moderation.triage.cases;

import java.util.Optional;
import java.util.UUID;
import org.tingvakt.moderation.account.Account;

/**
 * The text of a reply a moderator decides to post: a canned reply of the account or the moderator's own text, signed as
 * the account signs. Implemented with the canned replies (outreach); a problem (unknown canned reply, too long) is thrown
 * as a {@link org.tingvakt.problem.ProblemException}.
 */
public interface ReplyComposer {
    String compose(Account account, Optional<UUID> cannedReplyId, Optional<String> ownText, Optional<String> givenName);
}
