package org.tingvakt.devstack;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * Tokens the services must refuse, each wrong in exactly one way, next to one they must accept: the endpoint × token
 * matrices of the three services use them. All but {@link #unsigned} are signed with the local key, so only the claim
 * that is wrong can be the reason for a refusal.
 */
public final class HostileTokens {
    private HostileTokens() {}

    /** The claims of a good local token for a role: issuer, audience, subject, groups, issued now, valid 10 minutes. */
    public static Map<String, Object> goodClaims(String role) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", LocalTokens.ISSUER);
        claims.put("aud", LocalTokens.AUDIENCE);
        claims.put("sub", role + "@tingvakt.local");
        claims.put("upn", role + "@tingvakt.local");
        claims.put("groups", List.of(role));
        claims.put("iat", now);
        claims.put("exp", now + 600);
        return claims;
    }

    public static String good(String role) {
        return LocalTokens.sign(goodClaims(role));
    }

    /** Issued by the same provider for another application: the role is there, the audience is not ours. */
    public static String otherAudience(String role) {
        Map<String, Object> claims = goodClaims(role);
        claims.put("aud", "another-application");
        return LocalTokens.sign(claims);
    }

    public static String noAudience(String role) {
        Map<String, Object> claims = goodClaims(role);
        claims.remove("aud");
        return LocalTokens.sign(claims);
    }

    /** Expired two hours ago (beyond any clock skew a verifier allows). */
    public static String expired(String role) {
        Map<String, Object> claims = goodClaims(role);
        long now = Instant.now().getEpochSecond();
        claims.put("iat", now - 3 * 3600);
        claims.put("exp", now - 2 * 3600);
        return LocalTokens.sign(claims);
    }

    public static String otherIssuer(String role) {
        Map<String, Object> claims = goodClaims(role);
        claims.put("iss", "https://login.example.org/other-tenant/v2.0");
        return LocalTokens.sign(claims);
    }

    /** The good claims with {@code "alg": "none"} and no signature: accepted only by a verifier that trusts the header. */
    public static String unsigned(String role) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(JsonUtil.toJson(goodClaims(role)));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each refused token by name, for a parameterised matrix. */
    public static Map<String, String> refused(String role) {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("another audience", otherAudience(role));
        tokens.put("no audience", noAudience(role));
        tokens.put("expired", expired(role));
        tokens.put("another issuer", otherIssuer(role));
        tokens.put("unsigned (alg none)", unsigned(role));
        return tokens;
    }
}
