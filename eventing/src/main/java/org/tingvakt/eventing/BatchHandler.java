package org.tingvakt.eventing;

import java.util.List;
import org.tingvakt.contracts.Event;

/**
 * What a consumer does with several events at once, inside the one transaction in which their {@code ce_id}s are
 * recorded. Only first deliveries are passed on (redeliveries are filtered out before), in the order Kafka delivered
 * them. Lets a hot consumer read what the whole batch needs in one query each and write in JDBC batches instead of a
 * few round trips per event (see {@link EventConsumer#consumeBatch}).
 */
@FunctionalInterface
public interface BatchHandler<E extends Event> {
    void handle(List<E> events);
}
