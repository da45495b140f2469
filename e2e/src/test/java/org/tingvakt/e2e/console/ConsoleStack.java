package org.tingvakt.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.WebElement;
import org.tingvakt.devstack.DevStack;
import org.tingvakt.devstack.LocalGraphApi;
import org.tingvakt.devstack.LocalOidcProvider;
import org.tingvakt.devstack.LocalTokens;
import org.tingvakt.devstack.ServiceProcess;
import org.tingvakt.devstack.TingvaktService;

/**
 * What the console's browser tests run against: devstack, the local Graph API and OIDC stand-ins, and the three
 * packaged services on free ports, wired for the console (its origin allowed by archive and notifier, config.json
 * pointing at them and at the OIDC stand-in). Also: signing in through the local form, and API calls with local tokens.
 */
public final class ConsoleStack implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final DevStack stack;
    private final LocalGraphApi graph;
    private final LocalOidcProvider oidc;
    private final Map<TingvaktService, ServiceProcess> services = new EnumMap<>(TingvaktService.class);
    private final Map<TingvaktService, Integer> ports = new EnumMap<>(TingvaktService.class);

    private ConsoleStack(Path root, Path logs) {
        stack = DevStack.start(DevStack.Options.forTests());
        graph = LocalGraphApi.start(0);
        oidc = LocalOidcProvider.start(0);
        for (TingvaktService s : TingvaktService.values()) {
            ports.put(s, freePort());
        }
        String console = url(TingvaktService.MODERATION);
        for (TingvaktService s : TingvaktService.values()) {
            Map<String, String> env = new HashMap<>(Map.of("TINGVAKT_DEMO", "true", "TINGVAKT_CONSOLE_ORIGIN", console));
            if (s == TingvaktService.MODERATION) {
                env.putAll(graph.moderationEnvironment());
                env.putAll(oidc.consoleEnvironment());
                env.put("TINGVAKT_CONSOLE_ARCHIVE_URL", url(TingvaktService.ARCHIVE));
                env.put("TINGVAKT_CONSOLE_NOTIFIER_URL", url(TingvaktService.NOTIFIER));
            }
            if (s == TingvaktService.NOTIFIER) {
                env.put("TINGVAKT_MAIL_MOCK", "true");
            }
            services.put(s, ServiceProcess.start(root, s, ports.get(s), stack, logs, env));
        }
        services.values().forEach(p -> p.awaitReady(Duration.ofMinutes(4)));
    }

    /** Starts everything (minutes on a busy machine); logs go to {@code logs}. Fails first if the browser is missing. */
    public static ConsoleStack start(Path root, Path logs) {
        ConsoleBrowser.requireBrowser();
        return new ConsoleStack(root, logs);
    }

    public String url(TingvaktService s) {
        return "http://localhost:" + ports.get(s);
    }

    /** The console's address, with a route such as {@code #/queue} (or "" for the start). */
    public String console(String route) {
        return url(TingvaktService.MODERATION) + "/console/" + route;
    }

    public LocalGraphApi graph() {
        return graph;
    }

    /** Signs in through the console's sign-in page and the local OIDC form, with one role. */
    public void signIn(ConsoleBrowser browser, String name, String role) {
        browser.open(console(""));
        browser.awaitTestId("signin-button").click();
        WebElement nameInput = browser.awaitTestId("oidc-name");
        nameInput.clear();
        nameInput.sendKeys(name);
        for (String r : LocalOidcProvider.ROLES) {
            WebElement box = browser.driver().findElement(ConsoleBrowser.byTestId("role-" + r));
            if (box.isSelected() != r.equals(role)) {
                box.click();
            }
        }
        browser.awaitTestId("oidc-submit").click();
        browser.until("signed in as " + name, d -> !d.findElements(ConsoleBrowser.byTestId("signout")).isEmpty());
    }

    /** GET with a local token for the role; asserts 200 and answers the JSON. */
    public JsonNode get(TingvaktService s, String path, String role) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url(s) + path))
                .header("Authorization", "Bearer " + LocalTokens.forRole(role)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** POST of JSON with a local token for the role. */
    public HttpResponse<String> post(TingvaktService s, String path, String json, String role) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(s) + path))
                .header("Authorization", "Bearer " + LocalTokens.forRole(role))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        services.values().forEach(ServiceProcess::close);
        for (AutoCloseable c : List.<AutoCloseable>of(stack, graph, oidc)) {
            try {
                c.close();
            } catch (Exception e) {
                // stopping: nothing more to do
            }
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
