package org.tingvakt.e2e.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.openqa.selenium.WebElement;
import org.tingvakt.devstack.LocalGraphApi;
import org.tingvakt.devstack.LocalOidcProvider;
import org.tingvakt.devstack.TingvaktService;
import org.tingvakt.e2e.ServiceStack;

/**
 * What the console's browser tests run against: a {@link ServiceStack} with the local OIDC provider, wired for the
 * console (its origin allowed by archive and notifier, config.json pointing at them and at the OIDC stand-in). Also:
 * signing in through the local form, and API calls with local tokens.
 */
public final class ConsoleStack implements AutoCloseable {
    private final ServiceStack services;

    private ConsoleStack(String logFolder) {
        services = ServiceStack.start(logFolder, true, (self, s) -> {
            String console = self.url(TingvaktService.MODERATION);
            Map<String, String> env = new HashMap<>(Map.of("TINGVAKT_CONSOLE_ORIGIN", console));
            if (s == TingvaktService.MODERATION) {
                env.putAll(self.oidc().consoleEnvironment());
                env.put("TINGVAKT_CONSOLE_ARCHIVE_URL", self.url(TingvaktService.ARCHIVE));
                env.put("TINGVAKT_CONSOLE_NOTIFIER_URL", self.url(TingvaktService.NOTIFIER));
            }
            return env;
        });
    }

    /**
     * Starts everything (minutes on a busy machine); logs go to {@code e2e/target/e2e-logs/<logFolder>}. Fails first if
     * the browser is missing.
     */
    public static ConsoleStack start(String logFolder) {
        ConsoleBrowser.requireBrowser();
        return new ConsoleStack(logFolder);
    }

    public String url(TingvaktService s) {
        return services.url(s);
    }

    /** The console's address, with a route such as {@code #/queue} (or "" for the start). */
    public String console(String route) {
        return url(TingvaktService.MODERATION) + "/console/" + route;
    }

    public LocalGraphApi graph() {
        return services.graph();
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
        browser.until(
                "signed in as " + name,
                d -> !d.findElements(ConsoleBrowser.byTestId("signout")).isEmpty());
    }

    /** GET with a local token for the role; asserts 200 and answers the JSON. */
    public JsonNode get(TingvaktService s, String path, String role) throws Exception {
        return services.getJson(s, path, role);
    }

    /** POST of JSON with a local token for the role. */
    public HttpResponse<String> post(TingvaktService s, String path, String json, String role) throws Exception {
        return services.post(s, path, json, role);
    }

    @Override
    public void close() {
        services.close();
    }
}
