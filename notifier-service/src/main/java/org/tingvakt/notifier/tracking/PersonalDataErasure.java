package org.tingvakt.notifier.tracking;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.tingvakt.contracts.ErasureReported;
import org.tingvakt.contracts.ErasureRequested;
import org.tingvakt.eventing.EventConsumer;
import org.tingvakt.eventing.Outbox;
import org.tingvakt.eventing.PoisonEventException;

/**
 * An erasure request (GDPR Art. 17) applied to the notifier. It holds no sender, name or text: its deadlines and
 * notifications carry case, comment and thread ids. The one id that names a person is a direct-message thread's key
 * ({@code <platform>:dm-<sender id>}); those deadlines are moved to a key without it. The report says so, in the
 * transaction that records the event's id (a redelivered event is skipped, a repeated request reports the same total).
 */
@ApplicationScoped
public class PersonalDataErasure {
    public static final String CHANNEL = "erasure-requests";
    static final String SERVICE = "notifier-service";
    static final String NOTE = "holds case, comment and thread ids only (no sender, name or text); deadlines of the "
            + "person's direct-message thread renamed";

    private final PersonalDataQueries queries;
    private final EventConsumer consumer;
    private final Outbox outbox;

    public PersonalDataErasure(PersonalDataQueries queries, EventConsumer consumer, Outbox outbox) {
        this.queries = queries;
        this.consumer = consumer;
        this.outbox = outbox;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        consumer.consume("notifier-erasure", records, ErasureRequested.class, (event, headers) -> erase(event));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public int erase(ErasureRequested event) {
        UUID requestId;
        try {
            requestId = UUID.fromString(event.requestId());
        } catch (RuntimeException e) {
            throw new PoisonEventException("an erasure request needs its id");
        }
        String[] dmPosts = event.senderIds() == null
                ? new String[0]
                : event.senderIds().stream()
                        .filter(s -> s != null && !s.isBlank() && s.length() <= 200)
                        .map(s -> "dm-" + s.trim())
                        .toArray(String[]::new);
        Instant now = Instant.now();
        int removed = queries.applyErasure(requestId, dmPosts, now);
        outbox.publish(new ErasureReported(
                event.requestId(), ErasureRequested.keyOf(event.requestId()), SERVICE, removed, List.of(), NOTE, now));
        return removed;
    }
}
