package org.tingvakt.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tingvakt.e2e.console.ConsoleBrowser.byTestId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * The archive, dashboard and transparency pages in a real headless Chromium against the three packaged services: the
 * evidence of a threat that went through the real flow (signed webhook → case → delete decision → RecordArchived) is
 * found, seen, verified and registered by an archivist; the dashboard draws its chart and lists flagged accounts; the
 * public transparency page shows figures without signing in. axe-core on every page; screenshots in
 * e2e/target/console-screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsolePagesIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path ROOT =
            Path.of(System.getProperty("tingvakt.root", "..")).toAbsolutePath().normalize();
    private static final Path SCREENSHOTS = ROOT.resolve("e2e/target/console-screenshots");

    private static ConsoleStack stack;

    /** The threat's comment and record (registered at capture by the archive, invariant 5). */
    private static String threatCommentId;

    private static String threatRecordId;
    /** An insult deleted the same way: its record waits for an archivist's registration decision. */
    private static String insultRecordId;
    /** A question that nobody has answered yet. */
    private static String questionCommentId;

    @BeforeAll
    static void startEverythingAndProduceRecords() throws Exception {
        stack = ConsoleStack.start("console-pages");

        threatCommentId = deleteThroughTheRealFlow(
                "5550101", "Per Hansen", "Jeg vil slå borgmesteren ihjel. Hvornår er han på rådhuset?", "THREAT");
        threatRecordId = recordOf(threatCommentId).get("id").asText();
        String insultCommentId = deleteThroughTheRealFlow(
                "5550102", "Ole Olsen", "Du er en idiot og en klovn, hele byrådet er idioter.", "INSULT");
        insultRecordId = recordOf(insultCommentId).get("id").asText();

        // a question that waits for an answer: an open deadline on the dashboard
        String post = SampleWebhook.DEMO_PAGE_ID + "_" + UUID.randomUUID();
        questionCommentId = post + "_1";
        assertThat(SampleWebhook.post(
                                url(TingvaktService.MODERATION),
                                LocalSecrets.META_APP_SECRET,
                                SampleWebhook.comment(
                                        SampleWebhook.DEMO_PAGE_ID,
                                        post,
                                        questionCommentId,
                                        "5550103",
                                        "Kari Holm",
                                        "Hvornår åbner svømmehallen igen efter renoveringen?"))
                        .statusCode())
                .isEqualTo(200);
        await().atMost(WAIT).until(() -> {
            JsonNode open =
                    JSON.readTree(send("GET", TingvaktService.NOTIFIER, "/api/deadlines?state=open", null, "moderator")
                            .body());
            return open.size() == 1
                    && questionCommentId.equals(open.get(0).get("commentId").asText());
        });
    }

    @AfterAll
    static void stopEverything() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void anArchivistFindsTheThreatsRecordSeesItsPngItsVerificationAndItsNumber() {
        JsonNode record = recordOf(threatCommentId);
        assertThat(record.get("registrationState").asText())
                .as("a threat is registered at capture")
                .isEqualTo("REGISTERED");
        String number = record.get("registrationNumber").asText();

        try (ConsoleBrowser b = ConsoleBrowser.start("en-GB,en", SCREENSHOTS)) {
            signIn(b, "Astrid Arkivar", "archivist", "#/archive");
            b.awaitTestId("archive-page");
            // search as an archivist would: words of the comment
            WebElement q = b.awaitTestId("archive-q");
            q.sendKeys("borgmesteren");
            b.driver().findElement(byTestId("archive-search")).click();
            WebElement row = b.until(
                    "the threat's record in the results",
                    d -> d
                            .findElements(By.cssSelector(
                                    "[data-testid='archive-row'][data-record-id='" + threatRecordId + "']"))
                            .stream()
                            .findFirst()
                            .orElse(null));
            assertThat(row.getText()).contains(number).contains("Per Hansen");
            b.assertAccessible("archive search");
            b.screenshot("archive-search");

            row.findElement(byTestId("archive-open")).click();
            b.awaitTestId("record-page");
            // the PNG, fetched with the token and shown from a blob: URL, has really loaded
            WebElement png = b.awaitTestId("record-png");
            b.until("the PNG to load", d ->
                    (Boolean) b.script("return arguments[0].complete && arguments[0].naturalWidth > 0", png));
            assertThat(png.getAttribute("src")).startsWith("blob:");
            assertThat(png.getAttribute("alt")).isNotBlank();
            // verification: every check passes and the verdict says so in words
            WebElement verification = b.awaitTestId("record-verification");
            assertThat(verification.getAttribute("data-intact")).isEqualTo("true");
            assertThat(b.awaitTestId("verification-verdict").getText()).contains("Verified");
            // registered, with its number
            assertThat(b.awaitTestId("registration-state").getText()).isEqualTo("Registered");
            assertThat(b.awaitTestId("registration-number").getText())
                    .isEqualTo(number)
                    .matches("KS-\\d{4}-\\d{5}");
            assertThat(b.all(byTestId("registration-form")))
                    .as("a registered record cannot be decided again")
                    .isEmpty();
            b.assertAccessible("archive record");
            b.screenshot("archive-record-threat");
        }
    }

    @Test
    @Order(2)
    void anArchivistRegistersAPendingRecordAndSeesItsNumberAndPlacesALegalHold() {
        assertThat(recordOf(null, insultRecordId).get("registrationState").asText())
                .isEqualTo("PENDING");
        try (ConsoleBrowser b = ConsoleBrowser.start("da-DK,da", SCREENSHOTS)) {
            signIn(b, "Astrid Arkivar", "archivist", "#/archive/" + insultRecordId);
            b.awaitTestId("record-page");
            assertThat(b.awaitTestId("registration-state").getText()).isEqualTo("Afventer vurdering");
            b.awaitTestId("registration-REGISTERED").click();
            b.awaitTestId("registration-submit").click();
            String shown = b.until(
                    "the registration number",
                    d -> d.findElements(byTestId("registration-number")).stream()
                            .map(WebElement::getText)
                            .filter(s -> !s.isBlank())
                            .findFirst()
                            .orElse(null));
            assertThat(shown).matches("KS-\\d{4}-\\d{5}");
            JsonNode stored = recordOf(null, insultRecordId);
            assertThat(stored.get("registrationState").asText()).isEqualTo("REGISTERED");
            assertThat(stored.get("registrationNumber").asText()).isEqualTo(shown);
            assertThat(b.awaitTestId("registration-state").getText()).isEqualTo("Journaliseret");

            // a legal hold, with a reason, through the keyboard-reachable form
            b.awaitTestId("hold-reason").sendKeys("Politianmeldelse 2026-117");
            b.awaitTestId("hold-place").click();
            b.until(
                    "the hold to be shown",
                    d -> d.findElements(By.cssSelector("[data-testid='record-hold'][data-hold='true']"))
                                    .size()
                            == 1);
            assertThat(recordOf(null, insultRecordId).get("legalHold").asBoolean())
                    .isTrue();
            b.awaitTestId("verification-verdict");
            b.assertAccessible("archive record (Danish, registered, on hold)");
            b.screenshot("archive-record-registered-da");
        }
    }

    @Test
    @Order(3)
    void theDashboardDrawsTheRemovalsChartAndListsFlaggedAccounts() {
        try (ConsoleBrowser b = ConsoleBrowser.start("sv-SE,sv", SCREENSHOTS)) {
            signIn(b, "Ada Admin", "admin", "#/dashboard");
            b.awaitTestId("dashboard-page");
            WebElement chart = b.awaitTestId("removals-chart");
            b.until("Chart.js to draw the chart", d -> "true".equals(chart.getAttribute("data-rendered")));
            // the text alternative names the figures: two removals in the period (threat and insult)
            assertThat(chart.getAttribute("aria-label"))
                    .startsWith("2 ")
                    .contains("Hot 1")
                    .contains("Förolämpning 1");
            assertThat(b.awaitTestId("removals-summary").getText()).startsWith("2 ");
            assertThat(b.driver().findElement(byTestId("removals-table")).getAttribute("textContent"))
                    .contains("Hot")
                    .contains("Förolämpning");
            // the demo account has no editors: flagged
            List<WebElement> flagged = b.all(byTestId("flag-row"));
            assertThat(flagged).isNotEmpty();
            assertThat(flagged.get(0).getText()).contains("Demo Kommune").contains("Färre än två redaktörer");
            assertThat(b.awaitTestId("deadlines-summary").getText()).startsWith("1 öppna");
            assertThat(b.all(byTestId("deadline-row"))).hasSize(1);
            assertThat(b.all(byTestId("deadline-row")).get(0).getText())
                    .contains("Demo Kommune")
                    .contains("Fråga");
            assertThat(b.all(byTestId("compliance-row"))).isNotEmpty();
            b.assertAccessible("dashboard");
            b.screenshot("dashboard-sv");
            b.script("arguments[0].scrollIntoView({block: 'center'})", chart);
            b.screenshot("dashboard-sv-chart");
        }
    }

    @Test
    @Order(4)
    void theTransparencyPageShowsFiguresWithoutSigningIn() {
        try (ConsoleBrowser b = ConsoleBrowser.start("nb-NO,nb", SCREENSHOTS)) {
            b.open(url(TingvaktService.MODERATION) + "/console/transparency.html");
            assertThat(b.awaitTestId("transparency-title").getText()).isEqualTo("Åpenhetsrapport");
            // Two removals are fewer than the published minimum (tingvakt.transparency.min-count, 5): the page says so
            // instead of the figure, and draws no chart that would give the two away.
            WebElement removed = b.awaitTestId("total-removed");
            assertThat(removed.getText()).startsWith("færre enn 5");
            assertThat(b.awaitTestId("few-removals").getText()).startsWith("Færre enn 5 kommentarer");
            assertThat(b.awaitTestId("response-table").getText()).contains("Demo Kommune");
            String page = b.driver().findElement(By.tagName("body")).getText();
            assertThat(page)
                    .doesNotContain("Per Hansen")
                    .doesNotContain("Ole Olsen")
                    .doesNotContain("borgmesteren")
                    .doesNotContain(SampleWebhook.DEMO_PAGE_ID);
            assertThat(b.script("return sessionStorage.getItem('tingvakt.token')"))
                    .as("not signed in")
                    .isNull();
            b.assertAccessible("transparency");
            b.screenshot("transparency-nb");

            // the language switch
            new org.openqa.selenium.support.ui.Select(b.awaitTestId("language-select")).selectByValue("en");
            b.until(
                    "the English page",
                    d -> d.findElement(byTestId("transparency-title")).getText().equals("Transparency report"));
            b.awaitTestId("total-removed");
            b.assertAccessible("transparency (English)");
            b.screenshot("transparency-en");
        }
    }

    @Test
    @Order(5)
    void everyTextOfThesePagesExistsInAllFiveLanguages() {
        try (ConsoleBrowser b = ConsoleBrowser.start("en-GB,en", SCREENSHOTS)) {
            b.open(url(TingvaktService.MODERATION) + "/console/transparency.html");
            b.awaitTestId("transparency-title");
            // These pages' texts as the service serves them (i18n/<lang>.json): the same keys per page in da, sv, nb,
            // nn and en, and no empty text.
            Object problems = ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const langs = ['da', 'sv', 'nb', 'nn', 'en'];
                    Promise.all(langs.map(l => fetch(new URL('i18n/' + l + '.json', document.baseURI))
                        .then(r => r.ok ? r.json() : Promise.reject(l + ': HTTP ' + r.status)))).then(dicts => {
                      const problems = [];
                      for (const page of ['archive.', 'dashboard.', 'pages.', 'transparency.']) {
                        const en = Object.keys(dicts[4]).filter(k => k.startsWith(page)).sort().join();
                        if (!en) problems.push(page + ' has no texts');
                        dicts.slice(0, 4).forEach((d, i) => {
                          if (Object.keys(d).filter(k => k.startsWith(page)).sort().join() !== en) problems.push(page + ' ' + langs[i] + ': other keys');
                          for (const [k, v] of Object.entries(d)) if (k.startsWith(page) && (!v || !v.trim())) problems.push(langs[i] + ' ' + k);
                        });
                      }
                      done(problems.join('; '));
                    }, e => done('could not load: ' + e));
                    """);
            assertThat(problems).isEqualTo("");
        }
    }

    @Test
    @Order(6)
    void anAdminConnectsAPageAndItsInstagramAccountSeesTheirHealthAndDisconnectsWithoutTheTokenStaying()
            throws Exception {
        String token = org.tingvakt.devstack.LocalGraphAccounts.LOCAL_SYSTEM_USER_TOKEN;
        String pageId = "100000000000002";
        String igId = "17841400000000002";
        try (ConsoleBrowser b = ConsoleBrowser.start("da-DK,da", SCREENSHOTS)) {
            signIn(b, "Ada Admin", "admin", "#/connections");
            b.awaitTestId("connections-page");
            b.awaitTestId("connect-token").sendKeys(token);
            b.awaitTestId("connect-discover").click();
            // The page lists what POST /api/account-connections/discover answered for this token: both of the
            // stand-in's
            // pages and the Instagram account linked to the second, with the console's note that mentions are only
            // monitored.
            b.until(
                    "the reachable accounts",
                    d -> d.findElements(byTestId("reachable-choice")).size() == 3);
            b.await(By.cssSelector("[data-testid='reachable-choice'][data-id='" + pageId + "']"))
                    .click();
            b.await(By.cssSelector(
                            "[data-testid='reachable-choice'][data-platform='INSTAGRAM'][data-id='" + igId + "']"))
                    .click();
            assertThat(b.awaitTestId("reachable-list").getText()).contains("overvåges kun");
            new org.openqa.selenium.support.ui.Select(b.awaitTestId("connect-country")).selectByValue("DK");
            b.awaitTestId("connect-submit").click();
            b.until(
                    "the connection",
                    d -> d.findElements(byTestId("connections-done")).size() == 1);
            b.until(
                    "both rows",
                    d -> d.findElements(By.cssSelector("[data-testid='connection-row']"))
                                    .size()
                            >= 2);
            b.assertAccessible("connections");
            b.screenshot("connections-da");

            // What the page sent is what the API stores: both connected, subscribed at the stand-in, healthy so far.
            JsonNode connections =
                    JSON.readTree(send("GET", TingvaktService.MODERATION, "/api/account-connections", null, "admin")
                            .body());
            List<String> connected = new java.util.ArrayList<>();
            connections.forEach(c -> connected.add(
                    c.get("platform").asText() + ":" + c.get("externalId").asText()));
            assertThat(connected).contains("FACEBOOK:" + pageId, "INSTAGRAM:" + igId);
            assertThat(stack.graph().accounts().subscribedFields(pageId)).contains("feed");
            // The token never stays in the browser: not in the field, the page, the address or either storage.
            Object left = b.script("return [document.querySelector(\"[data-testid='connect-token']\").value,"
                    + " document.documentElement.outerHTML, location.href, JSON.stringify(localStorage),"
                    + " JSON.stringify(sessionStorage)].join('\\n');");
            assertThat(String.valueOf(left)).doesNotContain(token);

            // Disconnecting the Instagram account (confirmed) removes it from the list and from the API.
            String igAccount = null;
            for (JsonNode c : connections) {
                if (c.get("externalId").asText().equals(igId)) {
                    igAccount = c.get("accountId").asText();
                }
            }
            b.script("window.confirm = () => true;");
            b.await(By.cssSelector("[data-testid='connection-row'][data-account-id='" + igAccount
                            + "'] [data-testid='connection-disconnect']"))
                    .click();
            String gone = igAccount;
            b.until(
                    "the Instagram row to go",
                    d -> d.findElements(
                                    By.cssSelector("[data-testid='connection-row'][data-account-id='" + gone + "']"))
                            .isEmpty());
            assertThat(send("GET", TingvaktService.MODERATION, "/api/account-connections", null, "admin")
                            .body())
                    .doesNotContain(igId)
                    .contains(pageId);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** Signs in through the console's sign-in and the local OIDC stand-in's form, then opens {@code route}. */
    private static void signIn(ConsoleBrowser b, String name, String role, String route) {
        stack.signIn(b, name, role);
        b.open(stack.console(route));
    }

    /** A threat or insult through the real flow: signed webhook, classified case, DELETE decision, deleted after its record. */
    private static String deleteThroughTheRealFlow(String senderId, String senderName, String text, String reason)
            throws Exception {
        String post = SampleWebhook.DEMO_PAGE_ID + "_" + UUID.randomUUID();
        String commentId = post + "_1";
        HttpResponse<String> accepted = SampleWebhook.post(
                url(TingvaktService.MODERATION),
                LocalSecrets.META_APP_SECRET,
                SampleWebhook.comment(SampleWebhook.DEMO_PAGE_ID, post, commentId, senderId, senderName, text));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        JsonNode theCase = await().atMost(WAIT)
                .until(
                        () -> caseFor(commentId),
                        c -> c != null && "PENDING_REVIEW".equals(c.get("state").asText()));
        HttpResponse<String> decided = send(
                "POST",
                TingvaktService.MODERATION,
                "/api/cases/" + theCase.get("id").asText() + "/decisions",
                "{\"decision\":\"DELETE\",\"reason\":\"" + reason + "\"}",
                "moderator");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        await().atMost(WAIT)
                .until(() -> "DELETED".equals(caseFor(commentId).get("state").asText()));
        await().atMost(WAIT).until(() -> recordOf(commentId) != null);
        return commentId;
    }

    private static JsonNode caseFor(String commentId) throws Exception {
        JsonNode page = JSON.readTree(send("GET", TingvaktService.MODERATION, "/api/cases?size=200", null, "moderator")
                .body());
        for (JsonNode c : page.path("items")) {
            if (commentId.equals(c.get("commentId").asText())) {
                return c;
            }
        }
        return null;
    }

    private static JsonNode recordOf(String commentId) {
        return recordOf(commentId, null);
    }

    /** A record by comment id (search) or by record id. */
    private static JsonNode recordOf(String commentId, String recordId) {
        try {
            if (recordId != null) {
                return JSON.readTree(send("GET", TingvaktService.ARCHIVE, "/api/records/" + recordId, null, "archivist")
                        .body());
            }
            JsonNode items = JSON.readTree(send(
                                    "GET",
                                    TingvaktService.ARCHIVE,
                                    "/api/records?commentId="
                                            + java.net.URLEncoder.encode(
                                                    commentId, java.nio.charset.StandardCharsets.UTF_8),
                                    null,
                                    "archivist")
                            .body())
                    .path("items");
            return items.isArray() && !items.isEmpty() ? items.get(0) : null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(String method, TingvaktService s, String path, String json, String role)
            throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url(s) + path))
                .header("Authorization", "Bearer " + LocalTokens.forRole(role));
        if (json != null) {
            r.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            r.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String url(TingvaktService s) {
        return stack.url(s);
    }
}
