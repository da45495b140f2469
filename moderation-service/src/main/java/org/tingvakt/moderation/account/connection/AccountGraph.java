package org.tingvakt.moderation.account.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Graph API calls connecting accounts needs, owned here and done by the platform connector
 * ({@code actions.connector.ConnectorAccountGraph}), so that the account register never depends on the actions stage.
 * Every method throws {@link Refused} when Meta refuses or cannot be reached; none logs or returns a token except
 * {@link Page#pageToken()}, which the caller seals at once.
 */
public interface AccountGraph {

    /** The pages the token reaches ({@code /me/accounts}, every page of it), each with its linked Instagram account. */
    List<Page> pages(String systemUserToken);

    /** {@code POST /{page-id}/subscribed_apps} with {@code subscribed_fields}. */
    void subscribe(String pageId, String pageToken, List<String> fields);

    /** {@code DELETE /{page-id}/subscribed_apps}. */
    void unsubscribe(String pageId, String pageToken);

    /** The fields this app is subscribed to on the page ({@code GET /{page-id}/subscribed_apps}); empty: none. */
    List<String> subscribedFields(String pageId, String pageToken);

    /** {@code GET /debug_token?input_token=…}. */
    TokenInfo debugToken(String token);

    /** A page the system user reaches: its token (secret), the person's tasks on it, its Instagram account if linked. */
    record Page(String id, String name, List<String> tasks, String pageToken, Optional<Instagram> instagram) {
        @Override
        public String toString() {
            return "Page[" + id + ", " + name + ", tasks=" + tasks + ", token=<redacted>, instagram=" + instagram + "]";
        }
    }

    /** An Instagram business account linked to a page. */
    record Instagram(String id, String username) {}

    /**
     * What {@code debug_token} says.
     *
     * @param expiresAt empty: never expires (system-user page tokens)
     */
    record TokenInfo(boolean valid, Optional<Instant> expiresAt, List<String> scopes, Optional<Integer> errorCode) {}

    /** Meta refused or could not be reached. {@code category}: AUTH, PERMISSION, RATE_LIMITED, NOT_FOUND, INVALID, … */
    final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String category;
        private final Optional<Integer> code;
        private final Optional<Duration> retryAfter;

        public Refused(String category, Optional<Integer> code, String message, Optional<Duration> retryAfter) {
            super(message, null, false, false);
            this.category = category;
            this.code = code;
            this.retryAfter = retryAfter;
        }

        public String category() {
            return category;
        }

        public Optional<Integer> code() {
            return code;
        }

        public Optional<Duration> retryAfter() {
            return retryAfter;
        }
    }
}
