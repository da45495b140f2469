package org.tingvakt.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tingvakt.contracts.Event;
import org.tingvakt.contracts.EventType;

/**
 * A consumer of today's code reads every event as the released version of its producer wrote it. The payloads under
 * {@code src/test/resources/events/<version>/} are the released ones of each event version (every field filled) and are
 * never edited: a field removed or renamed, a field that became required, or a changed type shows here as a payload
 * that no longer reads, or as a field whose value does not survive the read.
 */
class PreviousEventVersionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void aConsumerReadsTheReleasedVersionOfEachEvent(EventType type) throws IOException {
        String ceType = type.ceType();
        String version = ceType.substring(ceType.lastIndexOf('.') + 1);
        String resource = "/events/" + version + "/" + type.recordClass().getSimpleName() + ".json";
        byte[] released;
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            assertNotNull(in, "the released payload of " + ceType + " is committed as " + resource);
            released = in.readAllBytes();
        }

        Event event = EventJson.read(released, type.recordClass());

        Map<String, JsonNode> before = leaves(JSON.readTree(released));
        Map<String, JsonNode> after = leaves(JSON.readTree(EventJson.write(event)));
        for (Map.Entry<String, JsonNode> field : before.entrySet()) {
            assertEquals(
                    field.getValue(),
                    after.get(field.getKey()),
                    ceType + ": the field " + field.getKey() + " of the released version is lost or changed");
        }
    }

    private static Map<String, JsonNode> leaves(JsonNode root) {
        Map<String, JsonNode> out = new TreeMap<>();
        collect("", root, out);
        return out;
    }

    private static void collect(String path, JsonNode node, Map<String, JsonNode> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                collect(path + "/" + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(path + "/" + i, node.get(i), out);
            }
        } else {
            out.put(path, node);
        }
    }
}
