package org.tingvakt.moderation.account.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenKeyringTest {
    private static final String OLD = "k2026a:" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String NEW =
            "k2026b:" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String TOKEN = "EAAGm0PX4ZCpsBAbcdefSECRET";
    private static final String ACCOUNT = "FACEBOOK:100000000000001";

    @Test
    void sealsSoThatTheTokenIsNotInTheTextAndOpensAgain() {
        TokenKeyring ring = TokenKeyring.parse(OLD);
        String sealed = ring.seal(TOKEN, ACCOUNT);
        assertThat(sealed).startsWith("v1.k2026a.").doesNotContain(TOKEN).doesNotContain("SECRET");
        assertThat(ring.seal(TOKEN, ACCOUNT)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(ring.open(sealed, ACCOUNT)).contains(TOKEN);
    }

    @Test
    void anAlteredTokenOrOneOfAnotherAccountDoesNotOpen() {
        TokenKeyring ring = TokenKeyring.parse(OLD);
        String sealed = ring.seal(TOKEN, ACCOUNT);
        char last = sealed.charAt(sealed.length() - 2);
        String altered = sealed.substring(0, sealed.length() - 2)
                + (last == 'A' ? 'B' : 'A')
                + sealed.charAt(sealed.length() - 1);
        assertThat(ring.open(altered, ACCOUNT)).isEmpty();
        assertThat(ring.open(sealed, "FACEBOOK:100000000000002")).isEmpty();
        assertThat(ring.open("not sealed", ACCOUNT)).isEmpty();
    }

    @Test
    void rotationNewKeyFirstOldStillOpensResealThenDropTheOldKey() {
        String sealedOld = TokenKeyring.parse(OLD).seal(TOKEN, ACCOUNT);

        TokenKeyring both = TokenKeyring.parse(NEW + "," + OLD);
        assertThat(both.currentKeyId()).isEqualTo("k2026b");
        assertThat(both.open(sealedOld, ACCOUNT)).contains(TOKEN);
        assertThat(both.needsResealing(sealedOld)).isTrue();
        String resealed = both.reseal(sealedOld, ACCOUNT).orElseThrow();
        assertThat(resealed).startsWith("v1.k2026b.");
        assertThat(both.needsResealing(resealed)).isFalse();

        TokenKeyring onlyNew = TokenKeyring.parse(NEW);
        assertThat(onlyNew.open(resealed, ACCOUNT)).contains(TOKEN);
        assertThat(onlyNew.open(sealedOld, ACCOUNT)).as("its key is gone").isEmpty();
    }

    @Test
    void refusesBadKeyringsAndNeverPrintsAKey() {
        assertThatThrownBy(() -> TokenKeyring.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenKeyring.parse("k1:" + Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> TokenKeyring.parse(OLD + "," + OLD)).hasMessageContaining("twice");
        assertThatThrownBy(() -> TokenKeyring.parse("nokey")).isInstanceOf(IllegalArgumentException.class);
        assertThat(TokenKeyring.parse(NEW + "," + OLD).toString()).doesNotContain(NEW.substring(7));
    }
}
