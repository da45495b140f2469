package org.tingvakt.notifier.notification.channel;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.tingvakt.notifier.notification.Delivery;
import org.tingvakt.notifier.notification.DueItem;
import org.tingvakt.notifier.notification.NotificationChannel;
import org.tingvakt.notifier.notification.NotificationKind;
import org.tingvakt.notifier.notification.NotificationTexts;

/**
 * The server-sent-events channel: every reminder and escalation, as it is sent, to the dashboards connected to this
 * instance. Live only — a dashboard that connects later reads the deadlines API for the state; nothing is queued.
 */
@ApplicationScoped
public class DashboardStream implements NotificationChannel {
    public static final String NAME = "sse";
    private final BroadcastProcessor<DashboardEvent> processor = BroadcastProcessor.create();

    /** One notification as a dashboard shows it; no comment text, no sender. */
    public record DashboardEvent(
            UUID notificationId,
            UUID deadlineId,
            String caseId,
            String accountId,
            NotificationKind kind,
            Instant deadlineDueAt,
            String title) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void send(Delivery delivery) {
        for (DueItem i : delivery.items()) {
            processor.onNext(new DashboardEvent(
                    i.notificationId(),
                    i.deadlineId(),
                    i.caseId(),
                    i.accountId(),
                    i.kind(),
                    i.deadlineDueAt(),
                    NotificationTexts.subject(delivery.account().language(), i)));
        }
    }

    public Multi<DashboardEvent> events() {
        return processor;
    }
}
