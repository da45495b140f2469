package org.tingvakt.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MetaSignedRequestTest {
    private static final String PAYLOAD =
            "{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":1795400000,\"user_id\":\"218471\"}";
    private final MetaSignedRequest meta = new MetaSignedRequest("app-secret");

    @Test
    void aRequestSignedWithTheAppSecretGivesItsPayload() {
        assertThat(meta.verify(meta.sign(PAYLOAD))).contains(PAYLOAD);
    }

    @Test
    void theSignatureIsTheHmacOfTheEncodedPayloadAsMetaDescribesIt() {
        // Built by hand from Meta's description, independently of sign(): base64url(HMAC(secret, encoded payload)).
        String encoded = Base64.getUrlEncoder().encodeToString(PAYLOAD.getBytes(StandardCharsets.UTF_8));
        byte[] mac =
                Hmac.sha256("app-secret".getBytes(StandardCharsets.UTF_8), encoded.getBytes(StandardCharsets.US_ASCII));
        String padded = Base64.getUrlEncoder().encodeToString(mac) + "." + encoded;
        assertThat(meta.verify(padded)).contains(PAYLOAD);
    }

    @Test
    void anythingElseIsRefused() {
        String signed = meta.sign(PAYLOAD);
        String signature = signed.substring(0, signed.indexOf('.'));
        String otherPayload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(PAYLOAD.replace("218471", "999999").getBytes(StandardCharsets.UTF_8));
        assertThat(new MetaSignedRequest("other-secret").verify(signed)).isEmpty();
        assertThat(meta.verify(signature + "." + otherPayload)).isEmpty();
        assertThat(meta.verify(null)).isEmpty();
        assertThat(meta.verify("")).isEmpty();
        assertThat(meta.verify("no-dot")).isEmpty();
        assertThat(meta.verify("." + otherPayload)).isEmpty();
        assertThat(meta.verify(signature + ".")).isEmpty();
        assertThat(meta.verify(signed + ".extra")).isEmpty();
        assertThat(meta.verify("!!!." + otherPayload)).isEmpty();
        assertThat(meta.verify(signature + "." + "a".repeat(MetaSignedRequest.MAX_LENGTH)))
                .isEmpty();
    }
}
