package org.tingvakt.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tingvakt.e2e.console.ConsoleBrowser.byTestId;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.tingvakt.devstack.LocalSecrets;
import org.tingvakt.devstack.LocalTokens;
import org.tingvakt.devstack.SampleWebhook;
import org.tingvakt.devstack.TingvaktService;

/**
 * The moderators' console in a real headless Chromium against the three packaged services: sign-in through the local
 * OIDC form, a threat arriving live in the queue, deleted with the keyboard, its evidence record in the archive; an
 * axe-core check and a screenshot of every page on the way; roles, languages and an expired session.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Path ROOT =
            Path.of(System.getProperty("tingvakt.root", "..")).toAbsolutePath().normalize();
    private static final Path SCREENSHOTS = ROOT.resolve("e2e/target/console-screenshots");

    private static ConsoleStack stack;
    private ConsoleBrowser browser;

    /** A failed test leaves a screenshot of what the browser showed, beside the others. */
    @org.junit.jupiter.api.extension.RegisterExtension
    final org.junit.jupiter.api.extension.AfterTestExecutionCallback screenshotOnFailure = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            browser.screenshot("FAILED-" + context.getRequiredTestMethod().getName());
        }
    };

    @BeforeAll
    static void startEverything() {
        stack = ConsoleStack.start("console");
    }

    @AfterAll
    static void stopEverything() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        browser = ConsoleBrowser.start("en-GB,en", SCREENSHOTS);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void aModeratorSignsInSeesAThreatArriveLiveDeletesItWithTheKeyboardAndItsRecordIsArchived() throws Exception {
        // some work in the queue already: a question in Swedish, an insult in Norwegian, an advert in Danish
        List<String> earlier = List.of(
                comment("Sven Svensson", "Hej! När öppnar simhallen igen efter renoveringen?"),
                comment("Kari Nordmann", "Du er en idiot og en løgner."),
                comment("Shop Deals", "Køb billige solbriller her: www.billige-briller.example - kun i dag!"));
        for (String commentId : earlier) {
            await().atMost(WAIT).until(() -> caseIdFor(commentId), id -> id != null);
        }
        signIn("Mona Moderator", "moderator");
        browser.until(
                "the queue is loaded",
                d -> "true".equals(d.findElement(byTestId("queue-table")).getAttribute("data-loaded")));
        browser.until(
                "the live stream connects",
                d -> "open".equals(d.findElement(byTestId("live-status")).getAttribute("data-status")));
        assertThat(browser.awaitTestId("user-name").getText()).contains("Mona Moderator", "Moderator");
        // what a moderator may not use is not offered: no audit trail or archive in the navigation (the dashboard's
        // deadlines and answer times are the moderator's too)
        assertThat(browser.all(By.cssSelector("#nav a")))
                .extracting(WebElement::getText)
                .containsExactly("Queue", "Dashboard");
        browser.until(
                "the earlier cases are listed",
                d -> d.findElements(By.cssSelector("tr[data-testid='queue-row']"))
                                .size()
                        >= 2);
        browser.screenshot("01-queue");
        browser.assertAccessible("the queue");

        browser.script("window.__sameDocument = 'yes';"); // gone if the page reloads
        String post = SampleWebhook.DEMO_PAGE_ID + "_" + UUID.randomUUID();
        String commentId = post + "_1";
        HttpResponse<String> accepted = SampleWebhook.post(
                url(TingvaktService.MODERATION),
                LocalSecrets.META_APP_SECRET,
                SampleWebhook.comment(
                        SampleWebhook.DEMO_PAGE_ID,
                        post,
                        commentId,
                        "5551234",
                        "Per Hansen",
                        "Jeg vil slå borgmesteren ihjel. Hvornår er han på rådhuset?"));
        assertThat(accepted.statusCode()).isEqualTo(200);
        String caseId = await().atMost(WAIT).until(() -> caseIdFor(commentId), id -> id != null);

        WebElement row = browser.await(By.cssSelector("tr[data-case-id='" + caseId + "']"));
        assertThat(browser.script("return window.__sameDocument"))
                .as("arrived without a reload")
                .isEqualTo("yes");
        assertThat(row.getText()).contains("Jeg vil slå borgmesteren ihjel", "Threat", "Question");
        // most urgent first: the threat heads the queue although it is the newest
        assertThat(browser.all(By.cssSelector("tr[data-testid='queue-row']"))
                        .get(0)
                        .getAttribute("data-case-id"))
                .isEqualTo(caseId);
        browser.until(
                "the arrival is announced",
                d -> d.findElement(byTestId("announcer")).getText().contains("threat"));
        browser.screenshot("02-queue-threat-arrived");

        // keyboard only from here: select the threat with j/k, open it, go back, delete it
        selectWithKeys(caseId);
        browser.pressEnter();
        browser.until("the case opens", d -> d.getCurrentUrl().endsWith("#/case/" + caseId));
        WebElement mark = browser.await(By.cssSelector("[data-testid='comment-text'] mark[data-label~='THREAT']"));
        assertThat(mark.getText()).contains("(Threat)");
        assertThat(browser.awaitTestId("case-why").getText()).contains("threaten");
        browser.until(
                "the reply deadline counts down",
                d -> d.findElement(byTestId("case-deadline")).getText().contains("left"));
        browser.awaitTestId("decide-delete");
        assertThat(browser.all(byTestId("case-audit")))
                .as("moderators do not see the audit trail")
                .isEmpty();
        browser.screenshot("03-case");
        browser.assertAccessible("the case");

        browser.press("u");
        browser.until("back in the queue", d -> d.getCurrentUrl().contains("#/queue"));
        browser.await(By.cssSelector("tr[data-case-id='" + caseId + "']"));
        selectWithKeys(caseId);
        browser.press("d");
        browser.awaitTestId("delete-dialog");
        assertThat(browser.focused().getAttribute("data-testid")).isEqualTo("delete-confirm");
        browser.screenshot("04-delete-dialog");
        browser.assertAccessible("the delete dialog");
        browser.pressEnter();
        browser.until(
                "the dialog closes",
                d -> d.findElements(byTestId("delete-dialog")).isEmpty());
        browser.until(
                "the deletion is announced",
                d -> d.findElement(byTestId("announcer")).getText().contains("Deletion ordered"));

        // the evidence first, then the deletion: the case ends DELETED and its record verifies in the archive
        await().atMost(WAIT)
                .until(() -> "DELETED"
                        .equals(api(TingvaktService.MODERATION, "/api/cases/" + caseId, "moderator")
                                .path("state")
                                .asText()));
        assertThat(stack.graph().calls()).contains("DELETE /v25.0/" + commentId);
        JsonNode records = api(TingvaktService.ARCHIVE, "/api/records?commentId=" + commentId, "archivist");
        JsonNode record = records.has("items") ? records.get("items").get(0) : records.get(0);
        assertThat(record).isNotNull();
        JsonNode verification =
                api(TingvaktService.ARCHIVE, "/api/records/" + record.get("id").asText() + "/verify", "archivist");
        assertThat(verification.get("recordHashMatches").asBoolean()).isTrue();
        assertThat(browser.all(By.cssSelector("tr[data-case-id='" + caseId + "']")))
                .isEmpty();
        // the keyboard user goes on from the next case: the focus is on it, not lost to the page
        browser.until(
                "the focus is on the next case",
                d -> "queue-row".equals(d.switchTo().activeElement().getAttribute("data-testid")));
        browser.screenshot("05-queue-after-delete");
    }

    @Test
    @Order(2)
    void theSignInPagesAreAccessibleAndTheLocalFormSaysWhatItIs() {
        browser.open(url(TingvaktService.MODERATION) + "/console/");
        browser.until("sent to sign-in", d -> d.getCurrentUrl().endsWith("#/signin"));
        browser.awaitTestId("signin-button");
        browser.screenshot("00-signin");
        browser.assertAccessible("the sign-in page");
        browser.awaitTestId("signin-button").click();
        assertThat(browser.awaitTestId("oidc-banner").getText()).contains("Local development only");
        browser.screenshot("00-local-oidc-form");
        browser.assertAccessible("the local OIDC form");
    }

    @Test
    @Order(3)
    void anAnalystSeesNoQueueAndAnEditorSeesTheAuditTrail() throws Exception {
        signIn("Lars Analyst", "analyst");
        browser.until("signed in", d -> !d.findElements(byTestId("signout")).isEmpty());
        assertThat(browser.all(By.cssSelector("#nav a")))
                .extracting(WebElement::getText)
                .doesNotContain("Queue");
        browser.open(url(TingvaktService.MODERATION) + "/console/#/queue");
        assertThat(browser.awaitTestId("not-allowed").getText()).contains("does not give access");
        browser.awaitTestId("signout").click();
        browser.awaitTestId("signin-button");

        signIn("Erik Editor", "editor");
        browser.awaitTestId("queue-table");
        String caseId = await().atMost(WAIT).until(() -> firstCaseId(), id -> id != null);
        browser.open(url(TingvaktService.MODERATION) + "/console/#/case/" + caseId);
        assertThat(browser.awaitTestId("case-audit").getText()).contains("Audit trail");
    }

    @Test
    @Order(4)
    void theLanguageIsTheBrowsersOrThePersonsChoiceAndIsKept() {
        browser.close();
        browser = ConsoleBrowser.start("sv-SE,sv", SCREENSHOTS);
        signIn("Sven Svensson", "moderator");
        assertThat(browser.await(By.id("page-title")).getText()).isEqualTo("Kö");
        browser.script("var s = document.getElementById('language'); s.value = 'nn';"
                + " s.dispatchEvent(new Event('change'));");
        browser.until(
                "Nynorsk",
                d -> "Kø".equals(d.findElement(By.id("page-title")).getText())
                        && "nn".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        browser.driver().navigate().refresh();
        browser.until(
                "kept after a reload",
                d -> "nn".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        assertThat(browser.awaitTestId("signout").getText()).isEqualTo("Logg ut");
        browser.screenshot("06-queue-nynorsk");
    }

    @Test
    @Order(5)
    void aRefusedTokenSendsThePersonBackToSignIn() {
        signIn("Mona Moderator", "moderator");
        browser.awaitTestId("queue-table");
        // a token that is not expired but not signed by the provider: the API answers 401
        String forged = LocalTokens.forRole("moderator");
        forged = forged.substring(0, forged.lastIndexOf('.') + 1) + "AAAA";
        browser.script(
                "sessionStorage.setItem('tingvakt.token', arguments[0]); location.hash = '#/case/" + UUID.randomUUID()
                        + "';",
                forged);
        browser.until("back at sign-in", d -> d.getCurrentUrl().endsWith("#/signin"));
        assertThat(browser.awaitTestId("signin-error").getText()).contains("session has ended");
    }

    @Test
    @Order(6)
    void whenSomeoneElseDecidedFirstTheCasePageSaysSoAndOffersAReload() throws Exception {
        String post = SampleWebhook.DEMO_PAGE_ID + "_" + UUID.randomUUID();
        String commentId = post + "_1";
        SampleWebhook.post(
                url(TingvaktService.MODERATION),
                LocalSecrets.META_APP_SECRET,
                SampleWebhook.comment(
                        SampleWebhook.DEMO_PAGE_ID, post, commentId, "5554321", "Kari Nordmann", "Du er en idiot."));
        String caseId = await().atMost(WAIT).until(() -> caseIdFor(commentId), id -> id != null);
        signIn("Mona Moderator", "moderator");
        browser.open(url(TingvaktService.MODERATION) + "/console/#/case/" + caseId);
        browser.awaitTestId("decide-approve");
        long version = api(TingvaktService.MODERATION, "/api/cases/" + caseId, "moderator")
                .get("version")
                .asLong();
        HttpResponse<String> first = stack.post(
                TingvaktService.MODERATION,
                "/api/cases/" + caseId + "/decisions",
                "{\"decision\":\"APPROVE\",\"reason\":\"NO_VIOLATION\",\"expectedVersion\":" + version + "}",
                "editor");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);

        browser.press("a");
        assertThat(browser.awaitTestId("decision-error").getText()).contains("Someone else decided first");
        browser.screenshot("07-case-conflict");
        browser.awaitTestId("decision-reload").click();
        browser.until(
                "reloaded with the other decision",
                d -> d.findElement(byTestId("case-state")).getText().equals("Approved"));
    }

    @Test
    @Order(7)
    void everyTextExistsInTheFiveLanguages() {
        browser.open(url(TingvaktService.MODERATION) + "/console/");
        browser.awaitTestId("signin-button");
        // The texts as the service serves them from the console's jar (i18n/<lang>.json): the same keys in da, sv, nb,
        // nn, en, none empty (the console module's TranslationsTest checks the files in more detail).
        Object problems = ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "const langs = ['da', 'sv', 'nb', 'nn', 'en'];"
                        + "Promise.all(langs.map(l => fetch(new URL('i18n/' + l + '.json', document.baseURI))"
                        + "  .then(r => r.ok ? r.json() : Promise.reject(l + ': HTTP ' + r.status)))).then(dicts => {"
                        + "  const en = Object.keys(dicts[4]);"
                        + "  const out = en.length > 300 ? [] : ['only ' + en.length + ' keys'];"
                        + "  ['app.skip', 'queue.title', 'case.audit', 'case.reason.THREAT', 'signin.title']"
                        + "    .filter(k => !en.includes(k)).forEach(k => out.push('en: missing ' + k));"
                        + "  dicts.slice(0, 4).forEach((d, i) => {"
                        + "    const keys = Object.keys(d);"
                        + "    const missing = en.filter(k => !keys.includes(k)), extra = keys.filter(k => !en.includes(k));"
                        + "    if (missing.length || extra.length) out.push(langs[i] + ': missing ' + missing + '; extra ' + extra);"
                        + "    for (const k of keys) if (!String(d[k]).trim()) out.push(langs[i] + ': empty ' + k);"
                        + "  });"
                        + "  done(out.join('\\n'));"
                        + "}).catch(e => done('could not load: ' + e));");
        assertThat(problems).isEqualTo("");
    }

    /**
     * A caption that mentions an Instagram account is another account's media: the case page says it is not ours to
     * hide or delete, those buttons are disabled, and the key h gets the API's 422 explained in words.
     */
    @Test
    @Order(8)
    void aCaptionMentionIsShownAsNotOursToHide() throws Exception {
        String ig = "178414" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000L);
        HttpResponse<String> created = stack.post(
                TingvaktService.MODERATION,
                "/api/accounts",
                "{\"platform\":"
                        + "\"INSTAGRAM\",\"externalId\":\"" + ig
                        + "\",\"name\":\"Kommunen på Instagram\",\"country\":\"SE\","
                        + "\"language\":\"sv\",\"timeZone\":\"Europe/Stockholm\"}",
                "admin");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String media = "1790" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        HttpResponse<String> accepted = SampleWebhook.post(
                url(TingvaktService.MODERATION),
                LocalSecrets.META_APP_SECRET,
                "{\"object\":\"instagram\",\"entry\":[{\"id\":\"" + ig + "\",\"time\":1795400000,\"changes\":["
                        + "{\"field\":\"mentions\",\"value\":{\"media_id\":\"" + media + "\"}}]}]}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        String caseId = await().atMost(WAIT).until(() -> caseIdFor(media), id -> id != null);

        signIn("Mona Moderator", "moderator");
        browser.open(url(TingvaktService.MODERATION) + "/console/#/case/" + caseId);
        assertThat(browser.awaitTestId("platform-limit").getText()).contains("Not ours to hide or delete");
        assertThat(browser.awaitTestId("decide-hide").isEnabled()).isFalse();
        assertThat(browser.awaitTestId("decide-delete").isEnabled()).isFalse();
        assertThat(browser.awaitTestId("decide-approve").isEnabled()).isTrue();
        browser.press("h");
        assertThat(browser.awaitTestId("decision-error").getText()).contains("The platform does not allow it");
        browser.assertAccessible("case with a platform limit");
        browser.screenshot("08-case-not-ours");
    }

    private void signIn(String name, String role) {
        stack.signIn(browser, name, role);
    }

    /** Moves the queue's selection with j and k until the case is selected and focused. */
    private void selectWithKeys(String caseId) {
        for (int i = 0; i < 60; i++) {
            int target = -1;
            int current = -1;
            boolean focusedOnTarget;
            try {
                List<WebElement> rows = browser.all(By.cssSelector("tr[data-testid='queue-row']"));
                for (int r = 0; r < rows.size(); r++) {
                    if (caseId.equals(rows.get(r).getAttribute("data-case-id"))) {
                        target = r;
                    }
                    if ("true".equals(rows.get(r).getAttribute("aria-current"))) {
                        current = r;
                    }
                }
                focusedOnTarget = caseId.equals(browser.focused().getAttribute("data-case-id"));
            } catch (org.openqa.selenium.StaleElementReferenceException rerendered) {
                // the live feed re-rendered the queue while we read it: read the new rows, press nothing
                continue;
            }
            if (target >= 0 && target == current && focusedOnTarget) {
                return;
            }
            // j or k: the first press focuses the selected case, the next ones move
            browser.press(current < 0 || current <= target ? "j" : "k");
        }
        throw new AssertionError("could not select case " + caseId + " with j and k");
    }

    /** Sends a signed Meta webhook with one comment on the demo page; answers the comment id. */
    private static String comment(String sender, String text) {
        String post = SampleWebhook.DEMO_PAGE_ID + "_" + UUID.randomUUID();
        String commentId = post + "_1";
        HttpResponse<String> accepted = SampleWebhook.post(
                url(TingvaktService.MODERATION),
                LocalSecrets.META_APP_SECRET,
                SampleWebhook.comment(
                        SampleWebhook.DEMO_PAGE_ID,
                        post,
                        commentId,
                        Long.toString(Math.abs(sender.hashCode())),
                        sender,
                        text));
        assertThat(accepted.statusCode()).isEqualTo(200);
        return commentId;
    }

    private static String caseIdFor(String commentId) throws Exception {
        for (JsonNode c : api(TingvaktService.MODERATION, "/api/cases?size=200", "moderator")
                .path("items")) {
            if (commentId.equals(c.path("commentId").asText())) {
                return c.get("id").asText();
            }
        }
        return null;
    }

    private static String firstCaseId() throws Exception {
        JsonNode items = api(TingvaktService.MODERATION, "/api/cases?size=1", "moderator")
                .path("items");
        return items.isEmpty() ? null : items.get(0).get("id").asText();
    }

    private static JsonNode api(TingvaktService s, String path, String role) throws Exception {
        return stack.get(s, path, role);
    }

    private static String url(TingvaktService s) {
        return stack.url(s);
    }
}
