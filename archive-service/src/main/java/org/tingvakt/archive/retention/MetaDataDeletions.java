package org.tingvakt.archive.retention;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.tingvakt.archive.config.MetaAppConfig;
import org.tingvakt.eventing.EventJson;
import org.tingvakt.problem.ProblemException;
import org.tingvakt.signatures.MetaSignedRequest;

/**
 * Meta's data-deletion callback ("Data Deletion Request Callback"): when a person removes the app from their Facebook
 * account and asks for their data to be deleted, Meta posts a {@code signed_request} whose payload names their user id.
 * A verified request places an erasure request for that platform id exactly as {@code POST /api/erasure-requests} does
 * ({@link RetentionService#erase}: the archive's own part, then {@code ErasureRequested} to every service), and answers
 * a confirmation code whose status anyone holding it may see. The code is random (100 bits), names only the request,
 * and the status says only how far the request is.
 */
@ApplicationScoped
public class MetaDataDeletions {
    /** Who placed the request, in the audit log and the request's {@code requested_by}. */
    public static final String ACTOR = "meta-data-deletion-callback";

    private static final Logger LOG = Logger.getLogger(MetaDataDeletions.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int CODE_LENGTH = 20;
    private static final Pattern CODE = Pattern.compile("[A-HJ-NP-Z2-9]{" + CODE_LENGTH + "}");
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final DataSource dataSource;
    private final RetentionService retention;
    private final ErasureRequests requests;
    private final Optional<MetaSignedRequest> signature;
    private final SecureRandom random = new SecureRandom();

    public MetaDataDeletions(
            DataSource dataSource, RetentionService retention, ErasureRequests requests, MetaAppConfig meta) {
        this.dataSource = dataSource;
        this.retention = retention;
        this.requests = requests;
        this.signature = meta.appSecret().filter(s -> !s.isBlank()).map(MetaSignedRequest::new);
    }

    /** How far the request behind a code is. */
    public enum Status {
        /** Placed; not every service has answered yet. */
        IN_PROGRESS,
        /** Every service has erased what it held. */
        COMPLETED,
        /** Every service has answered; some data is kept because the law requires it (a registered record, a hold). */
        COMPLETED_SOME_KEPT
    }

    /** What Meta is answered. */
    public record Confirmation(String code, UUID requestId) {}

    /**
     * Verifies the signed request and places the erasure request. A missing, malformed or wrongly signed request, or a
     * payload without algorithm HMAC-SHA256 and a user id, is a 400 problem and changes nothing.
     */
    public Confirmation accept(String signedRequest) {
        MetaSignedRequest verifier = signature.orElseThrow(() -> new ProblemException(
                503, "Service Unavailable", "the data-deletion callback is not configured (TINGVAKT_META_APP_SECRET)"));
        String payload = verifier.verify(signedRequest)
                .orElseThrow(() -> ProblemException.badRequest(
                        "signed_request is missing, malformed or not signed with this app's secret"));
        String userId = userIdOf(payload);
        RetentionService.ErasureReport report =
                retention.erase(RetentionService.SubjectKind.PLATFORM_ID, userId, ACTOR);
        String code = newCode();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO data_deletion_confirmation (code, request_id, received_at) VALUES (?, ?, ?)")) {
            ps.setString(1, code);
            ps.setObject(2, report.requestId());
            ps.setTimestamp(3, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the confirmation code", e);
        }
        LOG.infof("Meta data-deletion callback placed erasure request %s", report.requestId());
        return new Confirmation(code, report.requestId());
    }

    /** The status behind a code; empty for a code never given. A malformed code is a 400 problem. */
    public Optional<Status> status(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw ProblemException.badRequest("a confirmation code is " + CODE_LENGTH + " letters and digits");
        }
        UUID requestId;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT request_id FROM data_deletion_confirmation WHERE code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                requestId = rs.getObject(1, UUID.class);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the confirmation code", e);
        }
        ErasureRequests.Combined combined = requests.combined(requestId);
        if (!combined.complete()) {
            return Optional.of(Status.IN_PROGRESS);
        }
        boolean kept = combined.services().stream().anyMatch(s -> !s.kept().isEmpty());
        return Optional.of(kept ? Status.COMPLETED_SOME_KEPT : Status.COMPLETED);
    }

    private static String userIdOf(String payload) {
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(payload);
        } catch (java.io.IOException e) {
            throw ProblemException.badRequest("the signed request's payload is not JSON");
        }
        if (json == null
                || !json.isObject()
                || !"HMAC-SHA256".equalsIgnoreCase(json.path("algorithm").asText())) {
            throw ProblemException.badRequest("the signed request's algorithm must be HMAC-SHA256");
        }
        JsonNode id = json.path("user_id");
        String userId = id.isTextual() || id.isIntegralNumber() ? id.asText() : "";
        if (!USER_ID.matcher(userId).matches()) {
            throw ProblemException.badRequest("the signed request names no user_id");
        }
        return userId;
    }

    private String newCode() {
        StringBuilder code = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
