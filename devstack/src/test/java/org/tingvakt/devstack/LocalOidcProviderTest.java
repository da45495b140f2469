package org.tingvakt.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local OIDC stand-in: Authorization Code with PKCE, loopback redirects only, single-use codes. */
class LocalOidcProviderTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient(); // does not follow redirects
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String REDIRECT = "http://localhost:8080/console/";
    private static LocalOidcProvider oidc;

    @BeforeAll
    static void start() {
        oidc = LocalOidcProvider.start(0);
    }

    @AfterAll
    static void stop() {
        oidc.close();
    }

    private static String authorizeQuery(String redirect) {
        return "response_type=code&client_id=tingvakt-console&scope=openid&state=xyz&code_challenge_method=S256"
                + "&code_challenge=" + LocalOidcProvider.s256(VERIFIER) + "&redirect_uri=" + enc(redirect)
                + "&ui_locales=da";
    }

    @Test
    void theFormIsLabelledAsALocalAidAndInTheAskedLanguage() throws Exception {
        HttpResponse<String> form = get("/authorize?" + authorizeQuery(REDIRECT));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body())
                .contains(
                        "<html lang=\"da\"",
                        "Kun til lokal udvikling",
                        "<label for=\"name\">",
                        "<legend>Roller</legend>",
                        "name=\"role\" value=\"archivist\"");
    }

    @Test
    void aSignInGivesASingleUseCodeThatOnlyTheRightVerifierExchangesForALocalToken() throws Exception {
        HttpResponse<String> signedIn = post(
                "/authorize",
                authorizeQuery(REDIRECT) + "&name=" + enc("Åse Ødegård") + "&role=moderator&role=archivist");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String location = signedIn.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?code=").endsWith("&state=xyz");
        String code = location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));

        String exchange = "grant_type=authorization_code&client_id=tingvakt-console&redirect_uri=" + enc(REDIRECT)
                + "&code=" + code;
        HttpResponse<String> wrong = post("/token", exchange + "&code_verifier=" + "x".repeat(43));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("invalid_grant");

        // a failed exchange used the code up
        HttpResponse<String> again = post("/token", exchange + "&code_verifier=" + VERIFIER);
        assertThat(again.statusCode()).isEqualTo(400);

        HttpResponse<String> second = post("/authorize", authorizeQuery(REDIRECT) + "&name=Anna+Berg&role=moderator");
        String code2 = second.headers().firstValue("Location").orElseThrow().replaceAll(".*code=([^&]+).*", "$1");
        HttpResponse<String> token = post(
                "/token",
                "grant_type=authorization_code&client_id=tingvakt-console" + "&redirect_uri=" + enc(REDIRECT) + "&code="
                        + code2 + "&code_verifier=" + VERIFIER);
        assertThat(token.statusCode()).isEqualTo(200);
        String jwt = token.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        String claims = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims)
                .contains(
                        "\"iss\":\"https://tingvakt.local\"",
                        "\"groups\":[\"moderator\"]",
                        "\"name\":\"Anna Berg\"",
                        "\"given_name\":\"Anna\"",
                        "anna.berg@tingvakt.local");
        // used once: not again
        assertThat(post(
                                "/token",
                                "grant_type=authorization_code&client_id=tingvakt-console&redirect_uri=" + enc(REDIRECT)
                                        + "&code=" + code2 + "&code_verifier=" + VERIFIER)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void aRedirectOffThisMachineOrAMissingChallengeOrNoRoleIsRefused() throws Exception {
        assertThat(get("/authorize?" + authorizeQuery("https://evil.example/cb"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(get("/authorize?" + authorizeQuery(REDIRECT).replaceAll("code_challenge=[^&]+", "code_challenge="))
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> noRole = post("/authorize", authorizeQuery(REDIRECT) + "&name=Anna");
        assertThat(noRole.statusCode()).isEqualTo(400);
        assertThat(noRole.body()).contains("role=\"alert\"", "Vælg mindst én rolle");
        assertThat(post("/authorize", authorizeQuery(REDIRECT) + "&name=Anna&role=root")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void theFormsTextsExistInTheFiveLanguages() throws Exception {
        java.util.Set<String> english = keys("en");
        for (String lang : java.util.List.of("da", "sv", "nb", "nn")) {
            assertThat(keys(lang)).as(lang).isEqualTo(english);
        }
    }

    private static java.util.Set<String> keys(String lang) throws Exception {
        java.util.Properties p = new java.util.Properties();
        try (var in = LocalOidcProvider.class.getResourceAsStream("/local-oidc/messages_" + lang + ".properties")) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        p.values().forEach(v -> assertThat(v.toString()).as(lang).isNotBlank());
        return p.stringPropertyNames();
    }

    @Test
    void upnIsDerivedFromTheName() {
        assertThat(LocalOidcProvider.upnOf("Åse Ødegård")).isEqualTo("ase.odegard@tingvakt.local");
        assertThat(LocalOidcProvider.upnOf("Anna Berg")).isEqualTo("anna.berg@tingvakt.local");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(oidc.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String form) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(oidc.baseUrl() + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
