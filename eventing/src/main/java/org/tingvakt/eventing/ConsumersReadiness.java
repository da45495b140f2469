package org.tingvakt.eventing;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the event consumers ({@code /q/health/ready}): DOWN while a consumer waits with back-off for its database
 * (or another dependency) to come back, UP again as soon as its event is applied. The service stays alive (liveness UP):
 * restarting it would not bring the database back, and the consumer resumes at its position on its own.
 */
@Readiness
@ApplicationScoped
public class ConsumersReadiness implements HealthCheck {
    private final ConsumerBackoff backoff;

    public ConsumersReadiness(ConsumerBackoff backoff) {
        this.backoff = backoff;
    }

    @Override
    public HealthCheckResponse call() {
        var waiting = backoff.waiting();
        HealthCheckResponseBuilder b =
                HealthCheckResponse.named("event-consumers").status(waiting.isEmpty());
        waiting.forEach((consumer, w) -> b.withData(
                consumer,
                "waiting since " + w.since() + ", " + w.attempts() + " attempts failed (" + w.failure() + ")"));
        return b.build();
    }
}
