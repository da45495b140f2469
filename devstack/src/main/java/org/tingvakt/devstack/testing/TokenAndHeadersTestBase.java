package org.tingvakt.devstack.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.tingvakt.devstack.HostileTokens;

/**
 * Only a token issued for Tingvakt, by the configured issuer, signed and unexpired, opens the API: a token the same
 * provider issued for another application, with the right role in it, does not. Every response carries the security
 * headers. A service's {@code TokenAndHeadersTest} extends this with its {@code @QuarkusTest} annotations, one of its
 * endpoints and a role that may call it. Repeated failed authentication from one client address is limited (429),
 * while a valid token from the same address still gets in.
 */
public abstract class TokenAndHeadersTestBase {
    /** A GET endpoint of the service that answers 200 to {@link #role()} without parameters. */
    protected abstract String endpoint();

    /** A role that may call {@link #endpoint()}. */
    protected abstract String role();

    @Test
    public void aGoodTokenOpensTheEndpoint() {
        given().auth()
                .oauth2(HostileTokens.good(role()))
                .when()
                .get(endpoint())
                .then()
                .statusCode(200);
    }

    @TestFactory
    public Stream<DynamicTest> everyTokenWrongInOneWayIsRefused() {
        String endpoint = endpoint();
        return HostileTokens.refused(role()).entrySet().stream()
                .map((Map.Entry<String, String> e) -> DynamicTest.dynamicTest(
                        e.getKey(),
                        () -> given().auth()
                                .oauth2(e.getValue())
                                .when()
                                .get(endpoint)
                                .then()
                                .statusCode(401)));
    }

    @Test
    public void theApiSendsTheSecurityHeaders() {
        given().auth()
                .oauth2(HostileTokens.good(role()))
                .when()
                .get(endpoint())
                .then()
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
    }

    @Test
    public void aRefusalAndTheHealthEndpointSendThemToo() {
        given().when()
                .get(endpoint())
                .then()
                .statusCode(401)
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        given().when()
                .get("/q/health/live")
                .then()
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
    }

    /**
     * The budget ({@code tingvakt.rate-limit.failed-authentication.per-minute}) of expired tokens from one address is
     * answered 401; beyond it, 429 with a problem body and Retry-After. A valid token from the same address still gets
     * in. The requests come from an address of their own (a random 127.x.y.z, all loopback on Linux), so the budget of
     * the address the other tests call from is untouched.
     */
    @Test
    public void repeatedFailedAuthenticationFromOneAddressIsLimitedButAValidTokenFromItIsNot() throws IOException {
        int limit = ConfigProvider.getConfig()
                .getValue("tingvakt.rate-limit.failed-authentication.per-minute", Integer.class);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        InetAddress from = InetAddress.getByAddress(new byte[] {
            127, (byte) random.nextInt(1, 255), (byte) random.nextInt(1, 255), (byte) random.nextInt(2, 255)
        });
        String expired = HostileTokens.expired(role());
        int refused = 0;
        Raw answer = null;
        // The bucket refills while the loop runs (limit a minute), so a few more than the budget may be answered 401.
        for (int i = 0; i < 2 * limit; i++) {
            answer = get(from, expired);
            if (answer.status() != 401) {
                break;
            }
            refused++;
        }
        assertThat(refused).as("401s before the limit").isGreaterThanOrEqualTo(limit);
        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.headers().get("content-type")).isEqualTo("application/problem+json");
        assertThat(Long.parseLong(answer.headers().get("retry-after"))).isPositive();
        assertThat(answer.body()).contains("\"status\":429");

        assertThat(get(from, HostileTokens.good(role())).status())
                .as("a valid token from the same address")
                .isEqualTo(200);
    }

    /** A status, lower-cased headers and body. */
    private record Raw(int status, Map<String, String> headers, String body) {}

    /** A GET of {@link #endpoint()} over a connection from {@code from} (HttpClient cannot choose its local address). */
    private Raw get(InetAddress from, String token) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), RestAssured.port, from, 0)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + endpoint() + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            String[] lines = response.substring(0, split).split("\r\n");
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, response.substring(split + 4));
        }
    }
}
