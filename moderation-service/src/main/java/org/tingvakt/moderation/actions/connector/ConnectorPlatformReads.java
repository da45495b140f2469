package org.tingvakt.moderation.actions.connector;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.tingvakt.contracts.Platform;
import org.tingvakt.moderation.intake.reconcile.PlatformReads;

/** The reconciliation's reads ({@link PlatformReads}, owned by intake), done by the Graph API connector. */
@ApplicationScoped
public class ConnectorPlatformReads implements PlatformReads {
    private final PlatformConnector connector;

    public ConnectorPlatformReads(PlatformConnector connector) {
        this.connector = connector;
    }

    @Override
    public Read get(Platform platform, String accountId, String objectId, String edge, Map<String, String> params) {
        GraphRead r = connector.read(platform, accountId, objectId, edge, params);
        if (r.result() instanceof PlatformResult.Failure f) {
            return Read.failed(
                    f.category()
                            + (f.graphCode().isPresent()
                                    ? " (code " + f.graphCode().getAsInt() + ")"
                                    : "") + ": " + f.message(),
                    f.category() == FailureCategory.RATE_LIMITED,
                    f.retryAfter());
        }
        return Read.ok(r.body().orElseThrow(), r.usagePercent());
    }
}
