package org.tingvakt.moderation.actions.connector;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/** The outcome of one platform call, after retries: a value a caller can store on the moderation case. */
public sealed interface PlatformResult permits PlatformResult.Success, PlatformResult.Failure {

    /** How many requests were sent (0 when the call failed before sending, e.g. for want of a token). */
    int attempts();

    default boolean isSuccess() {
        return this instanceof Success;
    }

    /**
     * The call had its effect.
     *
     * @param createdId the id of the created reply comment or message, for {@code reply} and {@code sendDirectMessage}
     * @param alreadyGone for {@code delete}: the comment did not exist any more, so nothing was left to delete
     */
    record Success(Optional<String> createdId, boolean alreadyGone, int attempts) implements PlatformResult {
        public Success {
            Objects.requireNonNull(createdId, "createdId");
        }

        static Success done(int attempts) {
            return new Success(Optional.empty(), false, attempts);
        }

        static Success created(String id, int attempts) {
            return new Success(Optional.of(id), false, attempts);
        }

        static Success gone(int attempts) {
            return new Success(Optional.empty(), true, attempts);
        }
    }

    /**
     * The call did not have its effect (or, for {@link FailureCategory#UNKNOWN}, may have had it).
     *
     * @param graphCode the platform's error code, when it sent one
     * @param graphSubcode the platform's error subcode, when it sent one
     * @param message a short description: the platform's error message or ours; never a token or a comment text
     * @param retryAfter when retrying makes sense at the earliest (rate limits)
     * @param traceId the platform's trace id ({@code fbtrace_id}) for support requests
     */
    record Failure(
            FailureCategory category,
            OptionalInt graphCode,
            OptionalInt graphSubcode,
            String message,
            int attempts,
            Optional<Duration> retryAfter,
            Optional<String> traceId)
            implements PlatformResult {
        public Failure {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(graphCode, "graphCode");
            Objects.requireNonNull(graphSubcode, "graphSubcode");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(retryAfter, "retryAfter");
            Objects.requireNonNull(traceId, "traceId");
        }

        static Failure unsent(FailureCategory category, String message) {
            return new Failure(
                    category, OptionalInt.empty(), OptionalInt.empty(), message, 0, Optional.empty(), Optional.empty());
        }

        /** Whether trying the same call again later may succeed. */
        public boolean retryable() {
            return category == FailureCategory.TRANSIENT_EXHAUSTED || category == FailureCategory.RATE_LIMITED;
        }
    }
}
