package org.tingvakt.archive.retention;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tingvakt.archive.config.ArchiveConfig;
import org.tingvakt.eventing.EventJson;
import org.tingvakt.problem.ProblemException;

/**
 * Asks moderation-service and notifier-service for their part of an access request, over their REST APIs
 * ({@code POST /api/personal-data/access}) with the requester's own bearer token: the data protection officer is an
 * admin in every service, each service checks the token itself, and the package never travels through Kafka (the
 * event log would otherwise hold a full copy of the person's data for its retention period).
 *
 * <p>A service that is configured but does not answer fails the request with 502: a package that silently lacks a
 * service's data would mislead. A service that is not configured is named in the package as not included.
 */
@ApplicationScoped
public class ServicePersonalData {
    public static final String MODERATION = "moderation-service";
    public static final String NOTIFIER = "notifier-service";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Optional<URI> moderation;
    private final Optional<URI> notifier;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ServicePersonalData(ArchiveConfig config) {
        this.moderation = config.access().moderationUrl();
        this.notifier = config.access().notifierUrl();
    }

    /** One service's answer as JSON, or empty when the service is not configured. */
    public Optional<Map<String, Object>> moderation(String platformId, String authorization) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("platformId", platformId);
        return moderation.map(base -> call(MODERATION, base, body, authorization));
    }

    /** moderation-service's part for a request by national ID number: the comments whose records hold it. */
    public Optional<Map<String, Object>> moderationByComments(List<String> commentIds, String authorization) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("commentIds", commentIds);
        return moderation.map(base -> call(MODERATION, base, body, authorization));
    }

    /** The notifier's part; {@code platformId} is null for a request by national ID number. */
    public Optional<Map<String, Object>> notifier(String platformId, List<String> commentIds, String authorization) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (platformId != null) {
            body.put("platformId", platformId);
        }
        body.put("commentIds", commentIds);
        return notifier.map(base -> call(NOTIFIER, base, body, authorization));
    }

    private Map<String, Object> call(String service, URI base, Map<String, Object> body, String authorization) {
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/personal-data/access"))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header("Authorization", authorization == null ? "" : authorization)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(
                            EventJson.mapper().writeValueAsBytes(body)))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw unavailable(service, "answered " + response.statusCode());
            }
            JsonNode json = EventJson.mapper().readTree(response.body());
            return EventJson.mapper().convertValue(json, MAP);
        } catch (IOException e) {
            throw unavailable(service, "could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(service, "was interrupted");
        }
    }

    private static ProblemException unavailable(String service, String what) {
        return new ProblemException(
                502,
                "A service did not answer",
                service + " " + what + "; the access request needs its data, try again when it is up");
    }
}
