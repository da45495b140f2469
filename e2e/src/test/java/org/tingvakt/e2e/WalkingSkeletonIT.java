package org.tingvakt.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.tingvakt.client.moderation.model.CaseState;
import org.tingvakt.client.moderation.model.Decision;
import org.tingvakt.client.moderation.model.DecisionRequest;
import org.tingvakt.client.moderation.model.QueueItem;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.LocalGraphApi;
import org.tingvakt.devstack.LocalSecrets;
import org.tingvakt.devstack.SampleWebhook;
import org.tingvakt.devstack.TingvaktService;

/**
 * The three packaged services as separate processes against one devstack, driven only through public interfaces:
 * a webhook in, REST (through the clients generated from the OpenAPI documents) and Kafka events out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration AFTER_REBALANCE = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ServiceStack stack;
    private static OtlpReceiver traces;

    @BeforeAll
    static void startEverything() {
        traces = OtlpReceiver.start();
        stack = ServiceStack.start(
                "walking-skeleton",
                false,
                (self, service) -> Map.of("TINGVAKT_TRACING_OTLP_ENDPOINT", traces.endpoint()));
    }

    @AfterAll
    static void stopEverything() {
        if (stack != null) {
            stack.close();
        }
        if (traces != null) {
            traces.close();
        }
    }

    @Test
    @Order(1)
    void aThreateningQuestionIsClassifiedGetsADeadlineAndIsDeletedOnlyAfterItsRecord() throws Exception {
        String post = SampleWebhook.DEMO_PAGE_ID + "_" + UUID.randomUUID();
        String commentId = post + "_1";
        String body = SampleWebhook.comment(
                SampleWebhook.DEMO_PAGE_ID,
                post,
                commentId,
                "5550001",
                "Per Hansen",
                "Jeg vil slå borgmesteren ihjel. Hvornår er han på rådhuset?");
        HttpResponse<String> accepted =
                SampleWebhook.post(stack.url(TingvaktService.MODERATION), LocalSecrets.META_APP_SECRET, body);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(accepted.body()).get("stored").asInt()).isEqualTo(1);

        // moderation: a case, classified with the threat and the question
        QueueItem theCase = await().atMost(WAIT)
                .until(() -> stack.caseFor(commentId), c -> c != null && c.getState() == CaseState.PENDING_REVIEW);
        assertThat(theCase.getLabels()).contains("THREAT");
        assertThat(theCase.getIntents()).contains("QUESTION");
        String caseId = theCase.getId().toString();

        // notifier: a reply deadline for the question
        var deadline = await().atMost(WAIT)
                .until(
                        () -> stack.deadlines("moderator").listDeadlines(null, caseId, null, null, null),
                        d -> !d.isEmpty())
                .get(0);
        assertThat(String.valueOf(deadline.getState())).isEqualTo("OPEN");
        assertThat(deadline.getIntent()).isEqualTo("QUESTION");

        // a moderator deletes: evidence first (archive), then deleted (an answer other than 2xx throws ApiException)
        var decided = stack.cases("moderator")
                .decideCaseWithHttpInfo(
                        theCase.getId(),
                        new DecisionRequest().decision(Decision.DELETE).reason("THREAT"));
        assertThat(decided.getData().getState()).isEqualTo(CaseState.ARCHIVING);
        // the version of the contract that served the call: major 1, the /api paths without a prefix (docs/api.md)
        assertThat(decided.getHeaders().get("api-version"))
                .singleElement()
                .asString()
                .startsWith("1.");
        await().atMost(WAIT).until(() -> stack.caseFor(commentId).getState() == CaseState.DELETED);

        // deleted on the platform (the local Graph API stand-in) only now, after the record
        assertThat(stack.graph().calls()).contains("DELETE /v25.0/" + commentId);
        var records = stack.records("archivist")
                .searchRecords(null, null, commentId, null, null, null, null, null, null, null, null)
                .getItems();
        assertThat(records).isNotEmpty();
        var record = records.get(0);
        var verification = stack.records("archivist").verifyRecord(record.getId());
        assertThat(verification.getRecordHashMatches()).isTrue();
        assertThat(verification.getContentDigestMatches()).isTrue();
        // The threat's evidence is registered as it is captured, before the comment is removed.
        assertThat(String.valueOf(record.getRegistrationState())).isEqualTo("REGISTERED");
        assertThat(record.getRegistrationNumber()).isNotBlank();
        // Hidden at once (reversible), deleted only after the record was captured.
        Instant captured = Instant.parse(String.valueOf(record.getCapturedAt()));
        List<LocalGraphApi.Write> writes = stack.graph().writes();
        LocalGraphApi.Write hide = writes.stream()
                .filter(w -> w.path().equals("/" + commentId)
                        && "true".equals(w.form().get("is_hidden")))
                .findFirst()
                .orElseThrow();
        LocalGraphApi.Write delete = writes.stream()
                .filter(w -> w.path().equals("/" + commentId) && w.method().equals("DELETE"))
                .findFirst()
                .orElseThrow();
        assertThat(delete.at()).isAfter(captured).isAfter(hide.at());

        // the deletion closes the deadline, and the action is on the bus
        await().atMost(WAIT)
                .until(() -> "CLOSED"
                        .equals(String.valueOf(stack.deadlines("moderator")
                                .listDeadlines(null, caseId, null, null, null)
                                .get(0)
                                .getState())));
        assertThat(stack.events()
                        .await(
                                Topics.MODERATION_ACTIONS,
                                r -> r.value().contains(caseId) && r.value().contains("\"DELETED\""),
                                WAIT))
                .hasSize(1);

        oneTraceFollowsTheComment();
    }

    /**
     * The spans the three services exported (OTLP, to the receiver in this process) make one trace: the webhook, the
     * classification, the notifier's deadline and reminders, the decision, the archive's record, the deletion on the
     * platform and the notifier closing the deadline, each the child of the step that caused it.
     */
    private static void oneTraceFollowsTheComment() {
        // Each service exports in its own batches (every 5 s): a later step may arrive before an earlier one.
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(traces.failures())
                    .as("requests the OTLP receiver could not take")
                    .isEmpty();
            assertOneTrace(traces.spans());
        });
    }

    private static void assertOneTrace(List<OtlpReceiver.ReceivedSpan> all) {
        // This test is the first: one decision, one trace.
        OtlpReceiver.ReceivedSpan decision = only(all, "moderation-service", "request evidence", null);
        List<OtlpReceiver.ReceivedSpan> trace =
                all.stream().filter(s -> s.traceId().equals(decision.traceId())).toList();

        OtlpReceiver.ReceivedSpan webhook = only(trace, "moderation-service", "POST /webhooks/meta", null);
        assertThat(webhook.parentSpanId()).as("the webhook starts the trace").isEmpty();
        assertThat(webhook.kind()).isEqualTo("SPAN_KIND_SERVER");
        OtlpReceiver.ReceivedSpan received = only(trace, "moderation-service", "publish comments.received", webhook);
        OtlpReceiver.ReceivedSpan classification =
                only(trace, "moderation-service", "process comments.received", received);
        OtlpReceiver.ReceivedSpan classified =
                only(trace, "moderation-service", "publish comments.classified", classification);
        OtlpReceiver.ReceivedSpan deadline = only(trace, "notifier-service", "process comments.classified", classified);
        only(trace, "notifier-service", "plan reminders", deadline);

        assertThat(decision.parentSpanId())
                .as("the decision continues the comment's trace")
                .isEqualTo(classification.spanId());
        OtlpReceiver.ReceivedSpan requested = only(trace, "moderation-service", "publish archive.requests", decision);
        OtlpReceiver.ReceivedSpan recording = only(trace, "archive-service", "process archive.requests", requested);
        OtlpReceiver.ReceivedSpan recorded = only(trace, "archive-service", "publish archive.records", recording);
        OtlpReceiver.ReceivedSpan archived = only(trace, "moderation-service", "process archive.records", recorded);
        OtlpReceiver.ReceivedSpan delete = only(trace, "moderation-service", "platform DELETE", archived);
        OtlpReceiver.ReceivedSpan deleted = only(trace, "moderation-service", "publish moderation.actions", delete);
        only(trace, "notifier-service", "process moderation.actions", deleted);
    }

    /** The one span of this service and name in the spans, a child of the parent (any parent if null). */
    private static OtlpReceiver.ReceivedSpan only(
            List<OtlpReceiver.ReceivedSpan> spans, String service, String name, OtlpReceiver.ReceivedSpan parent) {
        List<OtlpReceiver.ReceivedSpan> found = spans.stream()
                .filter(s -> s.service().equals(service) && s.name().equals(name))
                .filter(s -> parent == null || s.parentSpanId().equals(parent.spanId()))
                .toList();
        assertThat(found)
                .as("%s: %s under %s, among %s", service, name, parent == null ? "any" : parent.name(), spans)
                .hasSize(1);
        return found.get(0);
    }

    @Test
    @Order(2)
    void aComplaintIsRegisteredInItsOrganisationsSeriesAcknowledgedWithItsNumberAndLeftOnThePage() throws Exception {
        // The demo page publishes the number in its acknowledgements (off by default; an admin's choice) ...
        String accountId = null;
        for (JsonNode a : stack.getJson(TingvaktService.MODERATION, "/api/accounts", "admin")) {
            if (SampleWebhook.DEMO_PAGE_ID.equals(a.get("externalId").asText())) {
                accountId = a.get("id").asText();
            }
        }
        assertThat(accountId).isNotNull();
        HttpResponse<String> policy = stack.put(
                TingvaktService.MODERATION,
                "/api/accounts/" + accountId + "/registration-policy",
                "{\"register\":[\"COMPLAINT\"],\"publishNumber\":true}",
                "admin");
        assertThat(policy.statusCode()).as(policy.body()).isEqualTo(200);
        // ... and registers into its municipality's journal, a series shared by all the municipality's pages.
        HttpResponse<String> series = stack.put(
                TingvaktService.ARCHIVE,
                "/api/registration-series/demo-ks",
                "{\"organisationId\":\"demo-kommune\",\"unit\":\"Kommunalbestyrelsen\",\"name\":\"Journal\","
                        + "\"pattern\":\"KS {year}/{number}\",\"restartYearly\":true}",
                "archivist");
        assertThat(series.statusCode()).as(series.body()).isEqualTo(200);
        HttpResponse<String> assigned = stack.put(
                TingvaktService.ARCHIVE,
                "/api/accounts/" + SampleWebhook.DEMO_PAGE_ID + "/register",
                "{\"organisationId\":\"demo-kommune\",\"seriesId\":\"demo-ks\"}",
                "archivist");
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);

        String post = SampleWebhook.DEMO_PAGE_ID + "_" + UUID.randomUUID();
        String commentId = post + "_complaint";
        HttpResponse<String> accepted = SampleWebhook.post(
                stack.url(TingvaktService.MODERATION),
                LocalSecrets.META_APP_SECRET,
                SampleWebhook.comment(
                        SampleWebhook.DEMO_PAGE_ID,
                        post,
                        commentId,
                        "5550003",
                        "Ida Jensen",
                        "Jeg vil klage over kommunens behandling af min byggesag."));
        assertThat(JSON.readTree(accepted.body()).get("stored").asInt()).isEqualTo(1);

        QueueItem theCase = await().atMost(WAIT)
                .until(() -> stack.caseFor(commentId), c -> c != null && c.getState() == CaseState.PENDING_REVIEW);
        assertThat(theCase.getIntents()).contains("COMPLAINT");

        // The archive records the comment as it stands and registers it with the next number of the series.
        JsonNode record = await().atMost(WAIT)
                .until(
                        () -> ServiceStack.first(stack.getJson(
                                TingvaktService.ARCHIVE, "/api/records?commentId=" + commentId, "archivist")),
                        r -> r != null);
        assertThat(record.get("registrationState").asText()).isEqualTo("REGISTERED");
        String number = record.get("registrationNumber").asText();
        assertThat(number).matches("KS 20[0-9]{2}/1");

        // The citizen's acknowledgement, under the comment, in the page's language, names the number.
        LocalGraphApi.Write reply = await().atMost(WAIT)
                .until(
                        () -> stack.graph().writes().stream()
                                .filter(w ->
                                        w.method().equals("POST") && w.path().equals("/" + commentId + "/comments"))
                                .findFirst()
                                .orElse(null),
                        w -> w != null);
        assertThat(reply.form().get("message")).contains("journaliseret under journalnummer " + number + ".");

        // Never hidden, never deleted; the case still waits for a person; one record, one reply.
        assertThat(stack.graph().writes())
                .filteredOn(w -> w.path().equals("/" + commentId))
                .isEmpty();
        assertThat(stack.caseFor(commentId).getState()).isEqualTo(CaseState.PENDING_REVIEW);
        assertThat(stack.getJson(TingvaktService.ARCHIVE, "/api/records?commentId=" + commentId, "archivist")
                        .path("items"))
                .hasSize(1);
        assertThat(stack.graph().writes())
                .filteredOn(w -> w.path().startsWith("/" + commentId))
                .hasSize(1);
    }

    @Test
    @Order(4)
    void aServiceKilledBetweenItsCommitAndItsPublishPublishesAfterRestart() throws Exception {
        // The moderation service commits webhooks but its outbox relay never runs: a crash right after every commit.
        stack.kill(TingvaktService.MODERATION);
        stack.restart(TingvaktService.MODERATION, Map.of("TINGVAKT_EVENTING_RELAY_ENABLED", "false"));

        String post = SampleWebhook.DEMO_PAGE_ID + "_" + UUID.randomUUID();
        String commentId = post + "_crash";
        HttpResponse<String> accepted = SampleWebhook.post(
                stack.url(TingvaktService.MODERATION),
                LocalSecrets.META_APP_SECRET,
                SampleWebhook.comment(
                        SampleWebhook.DEMO_PAGE_ID,
                        post,
                        commentId,
                        "5550002",
                        "Kari Nordmann",
                        "Når åpner biblioteket igjen?"));
        assertThat(JSON.readTree(accepted.body()).get("stored").asInt()).isEqualTo(1);
        Thread.sleep(3000);
        assertThat(stack.events().readAll(Topics.COMMENTS_RECEIVED))
                .noneMatch(r -> r.value().contains(commentId));

        stack.kill(TingvaktService.MODERATION); // SIGKILL: no shutdown hook, nothing flushed
        stack.restart(TingvaktService.MODERATION);

        List<EventProbe.Received> published =
                stack.events().await(Topics.COMMENTS_RECEIVED, r -> r.value().contains(commentId), WAIT);
        assertThat(published).hasSize(1);
        // The killed instance stays in its consumer group until its session timeout (10 s in ServiceStack) expires.
        QueueItem theCase = await().atMost(AFTER_REBALANCE).until(() -> stack.caseFor(commentId), c -> c != null);
        assertThat(theCase.getIntents()).contains("QUESTION");
    }

    /**
     * GDPR Art. 17 across the services: one sender's threat (deleted, so archived and registered: a public record that
     * erasure keeps by law), quoted as thread context in another sender's deleted comment (archived, not registered),
     * and the sender's direct message. After one erasure request in the archive, the combined report is complete; no
     * column of any table in moderation's or the notifier's database holds the sender's id, name or texts, and in the
     * archive's only the rows of the registered records do, which the report names as kept, with the reason and the
     * number.
     */
    @Test
    @Order(3)
    void oneErasureRequestReachesEveryServiceAndKeepsOnlyTheRegisteredRecords() throws Exception {
        String tag = Long.toString(System.nanoTime() % 1_000_000_000L);
        String senderId = "77" + tag;
        String senderName = "Sigrid Erasmussen" + tag;
        String commentText = "Jeg vil slaa borgmesteren ihjel, hilsen nr " + tag;
        String dmText = "Privat besked om min sag nr " + tag;
        String post = SampleWebhook.DEMO_PAGE_ID + "_" + UUID.randomUUID();
        String theirs = post + "_erase1";
        String quoting = post + "_erase2";
        post(SampleWebhook.comment(SampleWebhook.DEMO_PAGE_ID, post, theirs, senderId, senderName, commentText));
        QueueItem first = await().atMost(AFTER_REBALANCE).until(() -> stack.caseFor(theirs), c -> c != null);
        // Another sender's comment in the same thread: off topic, no threat, no complaint, so its record is not
        // registered; the sender's threat is in it as thread context.
        post(SampleWebhook.comment(
                SampleWebhook.DEMO_PAGE_ID,
                post,
                quoting,
                "5550099",
                "Ole Andensen",
                "Koeb billige solbriller paa www.example.com, kun i dag"));
        QueueItem second = await().atMost(WAIT).until(() -> stack.caseFor(quoting), c -> c != null);
        String mid = "m_erase_" + tag;
        post("{\"object\":\"page\",\"entry\":[{\"id\":\"" + SampleWebhook.DEMO_PAGE_ID + "\",\"time\":"
                + System.currentTimeMillis() + ",\"messaging\":[{\"sender\":{\"id\":\"" + senderId
                + "\"},\"recipient\":{\"id\":\"" + SampleWebhook.DEMO_PAGE_ID + "\"},\"timestamp\":"
                + System.currentTimeMillis() + ",\"message\":{\"mid\":\"" + mid + "\",\"text\":\"" + dmText
                + "\"}}]}]}");
        await().atMost(WAIT).until(() -> stack.caseFor(mid), c -> c != null);

        // Both comments are deleted, so both are archived: the threat with reason THREAT, the other as spam.
        Map<QueueItem, String> reasons = new java.util.LinkedHashMap<>();
        reasons.put(first, "THREAT");
        reasons.put(second, "SPAM");
        for (Map.Entry<QueueItem, String> c : reasons.entrySet()) {
            String id = c.getKey().getId().toString();
            String commentId = c.getKey().getCommentId();
            await().atMost(WAIT).until(() -> stack.caseFor(commentId).getState() != CaseState.RECEIVED);
            HttpResponse<String> decided = stack.post(
                    TingvaktService.MODERATION,
                    "/api/cases/" + id + "/decisions",
                    "{\"decision\":\"DELETE\",\"reason\":\"" + c.getValue() + "\"}",
                    "moderator");
            assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
            await().atMost(WAIT).until(() -> stack.caseFor(commentId).getState() == CaseState.DELETED);
        }
        List<JsonNode> theirRecords = records(theirs);
        List<JsonNode> quotingRecords = records(quoting);
        Map<String, String> registered = new java.util.HashMap<>();
        theirRecords.stream()
                .filter(r -> r.get("registrationState").asText().equals("REGISTERED"))
                .forEach(r -> registered.put(
                        r.get("id").asText(), r.get("registrationNumber").asText()));
        assertThat(registered)
                .as("the threat is a public record: %s", theirRecords)
                .isNotEmpty();
        assertThat(quotingRecords)
                .as("the other comment is archived and not registered")
                .isNotEmpty()
                .allMatch(r -> !r.get("registrationState").asText().equals("REGISTERED"));
        List<String> needles = List.of(senderId, senderName, "borgmesteren ihjel, hilsen nr " + tag, dmText);
        List<String> quotingIds =
                quotingRecords.stream().map(r -> r.get("id").asText()).toList();
        assertThat(stack.valuesContaining("archive", needles))
                .as("the other sender's record quotes the sender as thread context")
                .anyMatch(h -> quotingIds.contains(h.row()));
        assertThat(stack.valuesContaining("moderation", needles)).isNotEmpty();

        // GDPR Art. 15 before the erasure: one package across the services holds the person's comment, direct message,
        // the decision on their case and the registration number, and nothing of the other sender.
        accessPackageHoldsThePersonOnly(senderId, first, mid, commentText, dmText, registered);

        HttpResponse<String> placed = stack.post(
                TingvaktService.ARCHIVE,
                "/api/erasure-requests",
                "{\"subjectKind\":\"PLATFORM_ID\",\"subject\":\"" + senderId + "\"}",
                "archivist");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
        String requestId = JSON.readTree(placed.body()).get("requestId").asText();
        JsonNode report = await().atMost(WAIT)
                .until(
                        () -> stack.getJson(TingvaktService.ARCHIVE, "/api/erasure-requests/" + requestId, "archivist"),
                        r -> r.get("complete").asBoolean());
        for (String db : DevStackDatabases.ALL) {
            await().atMost(WAIT).until(() -> stack.outboxSize(db) == 0);
        }

        // No copy in moderation or the notifier; in the archive, only in the rows of the registered records.
        List<ServiceStack.Hit> left = new java.util.ArrayList<>();
        for (String db : DevStackDatabases.ALL) {
            stack.valuesContaining(db, needles).stream()
                    .filter(h -> !(db.equals("archive") && registered.containsKey(h.row())))
                    .forEach(left::add);
        }
        assertThat(left)
                .as("copies of the sender outside the registered records")
                .isEmpty();
        assertThat(stack.valuesContaining("archive", needles))
                .as("the registered records keep the sender")
                .isNotEmpty();
        for (JsonNode r : records(theirs)) {
            assertThat(r.path("senderId").isNull()
                            || r.path("senderId").asText().isEmpty())
                    .as("the sender shown on %s", r)
                    .isEqualTo(!registered.containsKey(r.get("id").asText()));
        }

        // The report names every registered record as kept, with the reason and its number, and nothing else as kept.
        Map<String, JsonNode> byService = new java.util.HashMap<>();
        report.get("services").forEach(s -> byService.put(s.get("service").asText(), s));
        assertThat(byService).containsOnlyKeys("archive-service", "moderation-service", "notifier-service");
        Map<String, String> keptByReport = new java.util.HashMap<>();
        report.get("archive").get("kept").forEach(k -> {
            assertThat(k.get("why").asText()).as(k.toString()).isEqualTo("REGISTERED");
            keptByReport.put(
                    k.get("recordId").asText(), k.get("registrationNumber").asText());
        });
        assertThat(keptByReport).isEqualTo(registered);
        assertThat(ServiceStack.texts(report.get("archive").get("removed")))
                .as("the sender's records that are not registered")
                .containsExactlyInAnyOrderElementsOf(theirRecords.stream()
                        .map(r -> r.get("id").asText())
                        .filter(id -> !registered.containsKey(id))
                        .toList());
        assertThat(ServiceStack.texts(report.get("archive").get("contextRedacted")))
                .as("the other sender's record, its thread context redacted")
                .containsExactlyInAnyOrderElementsOf(quotingIds);
        assertThat(report.get("archive").get("contextKept")).isEmpty();
        JsonNode archiveKept = byService.get("archive-service").get("kept");
        assertThat(archiveKept).hasSize(1);
        assertThat(archiveKept.get(0).get("reason").asText()).isEqualTo("REGISTERED");
        assertThat(archiveKept.get(0).get("count").asInt()).isEqualTo(registered.size());
        assertThat(byService.get("moderation-service").get("kept")).isEmpty();
        assertThat(byService.get("notifier-service").get("kept")).isEmpty();
        assertThat(byService.get("moderation-service").get("removed").asInt())
                .as("the comment and the direct message, at least")
                .isGreaterThanOrEqualTo(2);

        // The same request again: the same request, the same report.
        HttpResponse<String> again = stack.post(
                TingvaktService.ARCHIVE,
                "/api/erasure-requests",
                "{\"subjectKind\":\"PLATFORM_ID\",\"subject\":\"" + senderId + "\"}",
                "archivist");
        assertThat(JSON.readTree(again.body())).isEqualTo(JSON.readTree(placed.body()));
    }

    /** The access request as the data protection officer (an admin) places it: the JSON package and its PDF. */
    private static void accessPackageHoldsThePersonOnly(
            String senderId,
            QueueItem threat,
            String dmId,
            String commentText,
            String dmText,
            Map<String, String> registered)
            throws Exception {
        List<String> others = List.of("Ole Andensen", "5550099", "solbriller");
        HttpResponse<String> json = stack.post(
                TingvaktService.ARCHIVE, "/api/access-requests", "{\"platformId\":\"" + senderId + "\"}", "admin");
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        JsonNode pack = JSON.readTree(json.body());
        assertThat(ServiceStack.texts(pack.get("services")))
                .containsExactly("archive-service", "moderation-service", "notifier-service");
        assertThat(pack.get("notIncluded")).isEmpty();
        List<String> messages = new java.util.ArrayList<>();
        pack.get("moderation")
                .get("messages")
                .forEach(m -> messages.add(m.get("text").asText()));
        assertThat(messages).contains(commentText, dmText);
        JsonNode decided = null;
        for (JsonNode c : pack.get("moderation").get("cases")) {
            if (c.get("id").asText().equals(threat.getId().toString())) {
                decided = c;
            }
        }
        assertThat(decided).as("the threat's case in %s", pack).isNotNull();
        assertThat(decided.get("state").asText()).isEqualTo("DELETED");
        assertThat(decided.get("decisionReason").asText()).isEqualTo("THREAT");
        assertThat(pack.get("moderation").get("cases").findValuesAsText("commentId"))
                .contains(dmId);
        List<String> numbers = new java.util.ArrayList<>();
        pack.get("records")
                .forEach(r -> numbers.add(r.path("registrationNumber").asText()));
        assertThat(numbers).containsAll(registered.values());
        assertThat(json.body()).doesNotContain(others);

        HttpResponse<byte[]> pdf = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                        stack.url(TingvaktService.ARCHIVE) + "/api/access-requests/pdf"))
                                .header("Authorization", "Bearer " + org.tingvakt.devstack.LocalTokens.forRole("admin"))
                                .header("Content-Type", "application/json")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                        "{\"platformId\":\"" + senderId + "\",\"language\":\"da\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            String raw = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            // Ids and numbers may wrap inside their table cells. States print in the package's language (DELETED is
            // "Slettet" in Danish); labels keep their names.
            assertThat(raw.replaceAll("\\s+", ""))
                    .contains(senderId)
                    .contains(registered.values().stream()
                            .map(n -> n.replaceAll("\\s+", ""))
                            .toList());
            assertThat(raw.replaceAll("\\s+", " "))
                    .contains("Indsigtsanmodning", "Journalnummer", "THREAT", "Slettet")
                    .contains(commentText.replaceAll("\\s+", " "), dmText)
                    .doesNotContain(others);
            for (org.apache.pdfbox.pdmodel.PDPage page : doc.getPages()) {
                for (org.apache.pdfbox.cos.COSName name : page.getResources().getFontNames()) {
                    assertThat(page.getResources().getFont(name).isEmbedded())
                            .as("font %s embedded", name)
                            .isTrue();
                }
            }
        }
    }

    /** Every archive record of a comment (the registration and the removal evidence are two). */
    private static List<JsonNode> records(String commentId) throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        stack.getJson(TingvaktService.ARCHIVE, "/api/records?commentId=" + commentId, "archivist")
                .path("items")
                .forEach(out::add);
        return out;
    }

    private static void post(String body) throws Exception {
        HttpResponse<String> accepted =
                SampleWebhook.post(stack.url(TingvaktService.MODERATION), LocalSecrets.META_APP_SECRET, body);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    }

    /** The services' databases. */
    private static final class DevStackDatabases {
        static final List<String> ALL = org.tingvakt.devstack.DevStack.DATABASES;
    }
}
