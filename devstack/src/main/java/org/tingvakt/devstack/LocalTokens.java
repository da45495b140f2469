package org.tingvakt.devstack;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Bearer tokens that a local run and the tests accept, signed with the public, local-only key in {@code dev-keys/}. A
 * production deployment verifies against its OIDC provider and rejects these.
 */
public final class LocalTokens {
    public static final String ISSUER = "https://tingvakt.local";
    /** The audience the services require of a token (TINGVAKT_JWT_AUDIENCE); a token for another application lacks it. */
    public static final String AUDIENCE = "tingvakt";

    private static final String PRIVATE_KEY = "/dev-keys/private.pem";
    private static final String PUBLIC_KEY = "/dev-keys/public.pem";

    private LocalTokens() {}

    /** A token for a person with one role; the subject's first name is what signs their replies. */
    public static String forRole(String role) {
        return forPerson(role + "@tingvakt.local", firstNameFor(role), Set.of(role), Duration.ofHours(12));
    }

    public static String forPerson(String upn, String givenName, Set<String> roles, Duration lifetime) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .upn(upn)
                .subject(upn)
                .groups(roles)
                .claim("given_name", givenName)
                .expiresIn(lifetime)
                .sign(privateKey());
    }

    /** The same with the person's full name in the {@code name} claim (what the console shows), as OIDC providers do. */
    public static String forPerson(
            String upn, String givenName, String fullName, Set<String> roles, Duration lifetime) {
        return Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .upn(upn)
                .subject(upn)
                .groups(roles)
                .claim("given_name", givenName)
                .claim("name", fullName)
                .expiresIn(lifetime)
                .sign(privateKey());
    }

    /** The environment a service needs to accept local tokens. */
    public static Map<String, String> serviceEnvironment() {
        return Map.of(
                "TINGVAKT_JWT_ISSUER",
                ISSUER,
                "TINGVAKT_JWT_AUDIENCE",
                AUDIENCE,
                "TINGVAKT_JWT_PUBLIC_KEY_LOCATION",
                "file:" + publicKeyFile());
    }

    /** The public key as a file (services read a location; the key itself lives in this jar). */
    public static synchronized Path publicKeyFile() {
        try (InputStream in = LocalTokens.class.getResourceAsStream(PUBLIC_KEY)) {
            Path file = Path.of(System.getProperty("java.io.tmpdir"), "tingvakt-local-jwt-public.pem");
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Signs claims shaped as a test needs them (an Entra ID or Keycloak token, a wrong audience, an expired token) with
     * the local key, so the services' own verification is what accepts or refuses them.
     */
    public static String sign(Map<String, Object> claims) {
        return Jwt.claims(claims).sign(privateKey());
    }

    private static PrivateKey privateKey() {
        try (InputStream in = LocalTokens.class.getResourceAsStream(PRIVATE_KEY)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the local signing key cannot be read", e);
        }
    }

    private static String firstNameFor(String role) {
        return switch (role) {
            case "moderator" -> "Anna";
            case "editor" -> "Erik";
            case "admin" -> "Astrid";
            case "analyst" -> "Lars";
            case "archivist" -> "Ingrid";
            default -> "Local";
        };
    }
}
