package org.tingvakt.moderation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.tingvakt.moderation.actions.connector.FakeGraphApi;

/**
 * The one fake Graph API of the test JVM, on the loopback port that {@code %test.tingvakt.meta.base-url} names (18931).
 * Every test class shares it (as they share the Quarkus app); tests tell their requests apart by comment and post ids.
 */
public final class GraphApiStub {
    public static final int PORT = 18931;
    private static FakeGraphApi instance;

    private GraphApiStub() {}

    public static synchronized FakeGraphApi get() {
        if (instance == null) {
            try {
                instance = new FakeGraphApi(PORT);
            } catch (IOException e) {
                throw new UncheckedIOException("port " + PORT + " is taken; the fake Graph API cannot start", e);
            }
            instance.otherwise(FakeGraphApi.Answer.json(
                    200,
                    "{\"success\": true, \"id\": \"fake_reply_1\", \"recipient_id\": \"r\", \"message_id\": \"m_1\"}"));
        }
        return instance;
    }

    /** The requests whose path contains {@code part} (a comment or post id), oldest first. */
    public static List<FakeGraphApi.Recorded> requestsFor(String part) {
        return get().requests().stream().filter(r -> r.path().contains(part)).toList();
    }
}
