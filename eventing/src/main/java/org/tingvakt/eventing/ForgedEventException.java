package org.tingvakt.eventing;

/**
 * An event whose producer signature is missing or does not verify: it is not acted on, it goes to the dead-letter topic
 * with this reason, and {@code tingvakt_events_forged_total} counts it.
 */
public class ForgedEventException extends PoisonEventException {
    public ForgedEventException(String reason) {
        super("forged: " + reason);
    }
}
