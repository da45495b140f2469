package org.tingvakt.eventing;

import org.tingvakt.contracts.Event;

/** What a consumer does with one event, inside the transaction in which its {@code ce_id} is recorded. */
@FunctionalInterface
public interface EventHandler<E extends Event> {
    void handle(E event, CloudEventHeaders headers);
}
