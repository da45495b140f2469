package org.tingvakt.moderation.actions;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What the platform-action API reads. */
@ApplicationScoped
public class PlatformActionQueries {

    /** A case's platform actions, oldest first. */
    public List<PlatformAction> forCase(UUID caseId) {
        return PlatformAction.forCase(caseId);
    }

    /** The newest {@code limit} actions of one operation, optionally in one state. */
    public List<PlatformAction> newest(
            PlatformAction.Operation operation, Optional<PlatformAction.State> state, int limit) {
        var query = state.isEmpty()
                ? PlatformAction.<PlatformAction>find("operation = ?1 order by createdAt desc", operation)
                : PlatformAction.<PlatformAction>find(
                        "operation = ?1 and state = ?2 order by createdAt desc", operation, state.get());
        return query.page(0, limit).list();
    }
}
