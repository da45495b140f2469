package org.tingvakt.notifier.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tingvakt.notifier.notification.channel.WebhookTargets;

/** The SSRF guard on chat webhook URLs, without DNS (only literal addresses and names that need no lookup). */
class WebhookTargetsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/hook",
                "https://127.1/hook",
                "https://10.1.2.3/x",
                "https://172.16.0.9/x",
                "https://192.168.1.1/x",
                "https://169.254.169.254/latest/meta-data/",
                "https://100.64.0.1/x",
                "https://0.0.0.0/x",
                "https://[::1]/x",
                "https://[fd00::1]/x",
                "https://[fe80::1]/x",
                "https://224.0.0.1/x",
                "https://localhost/x",
                "https://db.localhost/x",
                "http://hooks.slack.com/services/x",
                "https://user:pw@hooks.slack.com/x",
                "file:///etc/passwd",
                "ftp://example.com/x",
                "/relative/path"
            })
    void internalOrNonHttpsTargetsAreRefused(String url) {
        assertThat(WebhookTargets.strict().refusal(URI.create(url))).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://hooks.slack.com/services/T0/B0/x",
                "https://prod-01.westeurope.logic.azure.com/w",
                "https://93.184.215.14/hook",
                "https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook"
            })
    void publicHttpsTargetsAreAccepted(String url) {
        assertThat(WebhookTargets.strict().refusal(URI.create(url))).as(url).isEmpty();
    }

    @Test
    void anAllowListKeepsToItsHostsAndTheirSubdomains() {
        WebhookTargets onlyChat = new WebhookTargets(false, List.of("hooks.slack.com", " logic.azure.com "));
        assertThat(onlyChat.refusal(URI.create("https://hooks.slack.com/services/x")))
                .isEmpty();
        assertThat(onlyChat.refusal(URI.create("https://prod-01.westeurope.logic.azure.com/x")))
                .isEmpty();
        assertThat(onlyChat.refusal(URI.create("https://evil-logic.azure.com.example/x")))
                .isPresent();
        assertThat(onlyChat.refusal(URI.create("https://notlogic.azure.com/x"))).isPresent();
    }

    @Test
    void developmentAllowsLocalReceiversOnPlainHttp() {
        assertThat(WebhookTargets.allowingPrivate().refusal(URI.create("http://127.0.0.1:9999/hook")))
                .isEmpty();
        assertThat(WebhookTargets.allowingPrivate().refusal(URI.create("ftp://127.0.0.1/hook")))
                .isPresent();
    }
}
