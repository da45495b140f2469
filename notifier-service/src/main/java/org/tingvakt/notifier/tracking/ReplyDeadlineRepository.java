package org.tingvakt.notifier.tracking;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The queries the deadline API asks of reply deadlines. */
@ApplicationScoped
public class ReplyDeadlineRepository {

    /** Which deadlines to list: a state ({@code open, met, late, closed}, or {@code missed}), account, case. */
    public record Filter(Optional<String> state, Optional<String> accountId, Optional<String> caseId) {}

    /**
     * Deadlines that match, soonest due first. {@code missed} is late or open past its due time at {@code now}.
     *
     * @throws IllegalArgumentException for a state that is none of the above
     */
    public List<ReplyDeadline> list(Filter filter, Instant now, int page, int size) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (filter.state().isPresent()) {
            String s = filter.state().get().strip().toLowerCase(Locale.ROOT);
            if (s.equals("missed")) {
                q.append(" and (state = :late or (state = :open and dueAt < :now))");
                p.and("late", ReplyDeadline.State.LATE)
                        .and("open", ReplyDeadline.State.OPEN)
                        .and("now", now);
            } else {
                q.append(" and state = :state");
                p.and("state", ReplyDeadline.State.valueOf(s.toUpperCase(Locale.ROOT)));
            }
        }
        filter.accountId().ifPresent(account -> {
            q.append(" and accountId = :account");
            p.and("account", account);
        });
        filter.caseId().ifPresent(caseId -> {
            q.append(" and caseId = :case");
            p.and("case", caseId);
        });
        return ReplyDeadline.<ReplyDeadline>find(q.toString(), Sort.ascending("dueAt"), p)
                .page(Page.of(page, size))
                .list();
    }

    public boolean exists(UUID id) {
        return ReplyDeadline.findById(id) != null;
    }
}
