package org.tingvakt.moderation.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.tingvakt.devstack.LocalTokens;

/**
 * Tokens shaped exactly as Microsoft Entra ID (v2.0 access token with app roles) and Keycloak (realm and client roles)
 * issue them, read by the verifier the services use (SmallRye JWT) with the settings docs/sign-in.md gives for each
 * provider: TINGVAKT_JWT_ISSUER, TINGVAKT_JWT_AUDIENCE, TINGVAKT_JWT_ROLES_CLAIM. The tokens are signed with the local
 * key in place of the provider's, which is the only difference from a real one.
 */
class IdentityProviderTokenShapesTest {
    private static final String ENTRA_TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private static final String ENTRA_ISSUER = "https://login.microsoftonline.com/" + ENTRA_TENANT + "/v2.0";
    /** Entra ID puts the API's application (client) id in aud of a v2.0 access token. */
    private static final String ENTRA_API_CLIENT_ID = "6e74172b-be56-4843-9ff4-e66a39bb12e3";

    private static final String KEYCLOAK_ISSUER = "https://sso.kommune.example/realms/kommune";

    private static Map<String, Object> entraToken(Object audience, List<String> roles) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("aud", audience);
        c.put("iss", ENTRA_ISSUER);
        c.put("iat", now);
        c.put("nbf", now);
        c.put("exp", now + 3600);
        c.put("aio", "AWQAm/8TAAAA");
        c.put("azp", "0b3a6f4e-41c1-4d8c-9a8d-2b7f3e1a9c55");
        c.put("azpacr", "0");
        c.put("name", "Birthe Jensen");
        c.put("oid", "690222be-ff1a-4d56-abd1-7e4f7d38e474");
        c.put("preferred_username", "bije@kommune.example");
        c.put("rh", "0.AXEAv4j5cvGGr0GRqy180BHbR.");
        c.put("roles", roles);
        c.put("scp", "access_as_user");
        c.put("sub", "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ");
        c.put("tid", ENTRA_TENANT);
        c.put("uti", "fqiBqXLPj0eQa82S-IYFAA");
        c.put("ver", "2.0");
        return c;
    }

    private static Map<String, Object> keycloakToken(
            Object audience, List<String> realmRoles, List<String> clientRoles) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("exp", now + 300);
        c.put("iat", now);
        c.put("auth_time", now);
        c.put("jti", "onrtac:4b1f7e9c-2d6a-4f0e-8d55-1c7b2a9e3f10");
        c.put("iss", KEYCLOAK_ISSUER);
        c.put("aud", audience);
        c.put("sub", "f3c2a1b0-9e8d-4c7b-a6f5-0e1d2c3b4a59");
        c.put("typ", "Bearer");
        c.put("azp", "tingvakt-console");
        c.put("sid", "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
        c.put("acr", "1");
        c.put("allowed-origins", List.of("https://tingvakt.kommune.example"));
        c.put("realm_access", Map.of("roles", realmRoles));
        c.put(
                "resource_access",
                Map.of(
                        "tingvakt",
                        Map.of("roles", clientRoles),
                        "account",
                        Map.of("roles", List.of("manage-account", "view-profile"))));
        c.put("scope", "openid profile email");
        c.put("email_verified", true);
        c.put("name", "Lars Holm");
        c.put("preferred_username", "laho");
        c.put("given_name", "Lars");
        c.put("family_name", "Holm");
        c.put("email", "laho@kommune.example");
        return c;
    }

    /** The verifier as the services configure it from the environment. */
    private static DefaultJWTParser verifier(String issuer, String audience, String rolesClaim) {
        JWTAuthContextInfo info = new JWTAuthContextInfo("file:" + LocalTokens.publicKeyFile(), issuer);
        info.setExpectedAudience(Set.of(audience));
        info.setGroupsPath(rolesClaim);
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        return new DefaultJWTParser(info);
    }

    @Test
    void entraIdAppRolesAreReadFromTheRolesClaim() throws ParseException {
        String token = LocalTokens.sign(entraToken(ENTRA_API_CLIENT_ID, List.of("moderator", "archivist")));

        JsonWebToken jwt = verifier(ENTRA_ISSUER, ENTRA_API_CLIENT_ID, "roles").parse(token);

        assertThat(jwt.getGroups()).containsExactlyInAnyOrder("moderator", "archivist");
    }

    @Test
    void readingEntraIdTokensByTheGroupsClaimGivesNoRoles() throws ParseException {
        String token = LocalTokens.sign(entraToken(ENTRA_API_CLIENT_ID, List.of("admin")));

        assertThat(verifier(ENTRA_ISSUER, ENTRA_API_CLIENT_ID, "groups")
                        .parse(token)
                        .getGroups())
                .isEmpty();
    }

    @Test
    void anEntraIdTokenForAnotherApplicationOfTheSameTenantIsRefusedThoughItCarriesAdmin() {
        String token = LocalTokens.sign(entraToken("00000003-0000-0000-c000-000000000000", List.of("admin")));

        assertThatThrownBy(() ->
                        verifier(ENTRA_ISSUER, ENTRA_API_CLIENT_ID, "roles").parse(token))
                .isInstanceOf(ParseException.class);
    }

    @Test
    void keycloakRealmRolesAreReadFromRealmAccess() throws ParseException {
        String token = LocalTokens.sign(keycloakToken(
                List.of("tingvakt", "account"),
                List.of("offline_access", "uma_authorization", "archivist"),
                List.of("moderator")));

        JsonWebToken jwt =
                verifier(KEYCLOAK_ISSUER, "tingvakt", "realm_access/roles").parse(token);

        assertThat(jwt.getGroups()).containsExactlyInAnyOrder("offline_access", "uma_authorization", "archivist");
    }

    @Test
    void keycloakClientRolesAreReadFromResourceAccessOfTheClient() throws ParseException {
        String token = LocalTokens.sign(keycloakToken(
                List.of("tingvakt", "account"), List.of("offline_access"), List.of("moderator", "editor")));

        JsonWebToken jwt = verifier(KEYCLOAK_ISSUER, "tingvakt", "resource_access/tingvakt/roles")
                .parse(token);

        assertThat(jwt.getGroups()).containsExactlyInAnyOrder("moderator", "editor");
    }

    @Test
    void aKeycloakTokenWithoutTheTingvaktAudienceMapperIsRefused() {
        // Keycloak's default access token names only "account" in aud until an Audience mapper adds the client.
        String token = LocalTokens.sign(keycloakToken("account", List.of("admin"), List.of("admin")));

        assertThatThrownBy(() -> verifier(KEYCLOAK_ISSUER, "tingvakt", "realm_access/roles")
                        .parse(token))
                .isInstanceOf(ParseException.class);
    }

    @Test
    void aTokenFromAnotherRealmIsRefused() {
        Map<String, Object> claims = keycloakToken(List.of("tingvakt"), List.of("admin"), List.of());
        claims.put("iss", "https://sso.kommune.example/realms/other");

        assertThatThrownBy(() -> verifier(KEYCLOAK_ISSUER, "tingvakt", "realm_access/roles")
                        .parse(LocalTokens.sign(claims)))
                .isInstanceOf(ParseException.class);
    }
}
