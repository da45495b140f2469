package org.tingvakt.eventing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import org.tingvakt.contracts.Event;

/**
 * The JSON form of events on the wire: ISO-8601 times, unknown fields ignored (newer producers may add fields), missing
 * primitives rejected. One mapper for every service, so that producer and consumer agree.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private EventJson() {}

    public static String write(Event event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "event cannot be written as JSON: " + event.getClass().getSimpleName(), e);
        }
    }

    /** Reads an event; a malformed body raises {@link PoisonEventException} so the caller dead-letters it. */
    public static <E extends Event> E read(byte[] json, Class<E> type) {
        try {
            E event = MAPPER.readValue(json, type);
            if (event == null) {
                throw new PoisonEventException("empty event body");
            }
            return event;
        } catch (IOException e) {
            throw new PoisonEventException(
                    "malformed " + type.getSimpleName() + " JSON: " + firstLine(e.getMessage()), e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        // Jackson quotes the offending input; keep the reason short so no comment text leaks into headers or logs.
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}
