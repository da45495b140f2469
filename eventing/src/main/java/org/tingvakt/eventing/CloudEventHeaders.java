package org.tingvakt.eventing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The CloudEvents Kafka protocol binding, binary mode: attributes as {@code ce_*} headers, the event as the record value.
 * {@code ce_id} is the idempotency key of every consumer.
 */
public record CloudEventHeaders(String id, String type, String source, Instant time) {
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";

    public void writeTo(Headers headers) {
        headers.add(SPEC_VERSION, bytes("1.0"));
        headers.add(ID, bytes(id));
        headers.add(TYPE, bytes(type));
        headers.add(SOURCE, bytes(source));
        headers.add(TIME, bytes(time.toString()));
        headers.add(CONTENT_TYPE, bytes("application/json"));
    }

    /** Reads and checks the headers; a missing or malformed required attribute makes the record a poison event. */
    public static CloudEventHeaders readFrom(Headers headers) {
        String id = required(headers, ID);
        String type = required(headers, TYPE);
        String source = required(headers, SOURCE);
        Instant time;
        try {
            time = Optional.ofNullable(text(headers, TIME)).map(Instant::parse).orElse(Instant.EPOCH);
        } catch (DateTimeParseException e) {
            throw new PoisonEventException("malformed " + TIME + " header");
        }
        if (id.length() > 200) {
            throw new PoisonEventException(ID + " header longer than 200 characters");
        }
        return new CloudEventHeaders(id, type, source, time);
    }

    private static String required(Headers headers, String name) {
        String value = text(headers, name);
        if (value == null || value.isBlank()) {
            throw new PoisonEventException("missing " + name + " header");
        }
        return value;
    }

    static String text(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
