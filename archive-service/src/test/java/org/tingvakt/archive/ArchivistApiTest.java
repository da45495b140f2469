package org.tingvakt.archive;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tingvakt.archive.export.EarkProfile;
import org.tingvakt.archive.export.EarkRequirements;
import org.tingvakt.archive.export.ExportPackageVerifier;
import org.tingvakt.archive.export.ExportSeries;
import org.tingvakt.archive.export.ExportService;
import org.tingvakt.archive.export.ExportVerification;
import org.tingvakt.archive.retention.ThreadContexts;
import org.tingvakt.contracts.ArchiveRequested;
import org.tingvakt.contracts.ErasureReported;
import org.tingvakt.contracts.ErasureRequested;
import org.tingvakt.contracts.EventType;
import org.tingvakt.contracts.EvidenceDigest;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.Sender;
import org.tingvakt.contracts.ThreadKey;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.LocalTokens;
import org.tingvakt.eventing.EventJson;
import org.tingvakt.signatures.MetaSignedRequest;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/**
 * The archivists' API against the real broker and database: registration, search, downloads, history and audit,
 * retention, legal holds, erasure and export. Each test uses its own account ids, so tests do not see each other's records.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "archive"))
class ArchivistApiTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    DataSource dataSource;

    @Inject
    ExportService exports;

    private final EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());

    @BeforeAll
    static void vera() {
        VeraGreenfieldFoundryProvider.initialise();
    }

    @Test
    void threatsAreRegisteredWithANumberAndImmutableOthersWaitForAnAssessment() throws Exception {
        String account = "acc-reg-" + UUID.randomUUID();
        asArchivist()
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "accountName",
                        "Lunds kommun",
                        "language",
                        "sv",
                        "zone",
                        "Europe/Stockholm",
                        "registrationPattern",
                        "LK-{year}-{number:4}"))
                .when()
                .put("/api/accounts/" + account + "/rule")
                .then()
                .statusCode(200);
        asArchivist()
                .contentType(ContentType.JSON)
                .body(Map.of("registrationPattern", "no-number"))
                .when()
                .put("/api/accounts/" + account + "/rule")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        String threat = archive(request(account, "Jag vet var du bor och jag kommer i kväll", List.of("THREAT"), "s1"));
        String insult = archive(request(account, "Du är en idiot", List.of("INSULT"), "s1"));
        String complaint = archive(request(account, "Jag vill klaga på bygglovet", List.of("COMPLAINT"), "s2"));

        int year = LocalDate.now(ZoneOffset.UTC).getYear();
        String first = asArchivist()
                .when()
                .get("/api/records/" + threat)
                .then()
                .statusCode(200)
                .body("registrationState", equalTo("REGISTERED"))
                .extract()
                .path("registrationNumber");
        String second = asArchivist()
                .when()
                .get("/api/records/" + complaint)
                .then()
                .statusCode(200)
                .body("registrationState", equalTo("REGISTERED"))
                .extract()
                .path("registrationNumber");
        assertThat(List.of(first, second)).containsExactly("LK-" + year + "-0001", "LK-" + year + "-0002");
        asArchivist()
                .when()
                .get("/api/records/" + insult)
                .then()
                .statusCode(200)
                .body("registrationState", equalTo("PENDING"));

        // Pending tasks of this account are found by the registration filter.
        asArchivist()
                .queryParam("accountId", account)
                .queryParam("registration", "PENDING")
                .when()
                .get("/api/records")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(insult)));

        // A registered record is immutable: the API refuses, and so does the database.
        decide(threat, "NOT_REQUIRED", "changed my mind").statusCode(409).contentType("application/problem+json");
        try (var c = dataSource.getConnection();
                var st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("UPDATE artefact SET content = '\\x00'::bytea WHERE record_id = '"
                            + threat + "' AND kind = 'PDF'"))
                    .hasMessageContaining("immutable");
            assertThatThrownBy(() ->
                            st.executeUpdate("UPDATE archive_record SET search_text = 'x' WHERE id = '" + threat + "'"))
                    .hasMessageContaining("immutable");
        }

        decide(insult, "NOT_REQUIRED", null).statusCode(400).contentType("application/problem+json");
        decide(insult, "MAYBE", "x").statusCode(400);
        decide(UUID.randomUUID().toString(), "REGISTERED", null).statusCode(404);
        decide(insult, "NOT_REQUIRED", "Ordinary insult, no case")
                .statusCode(200)
                .body("registrationState", equalTo("NOT_REQUIRED"))
                .body("assessedBy", equalTo("archivist@tingvakt.local"));

        // The record's history and the audit chain.
        asArchivist()
                .when()
                .get("/api/records/" + threat + "/history")
                .then()
                .statusCode(200)
                .body("action", equalTo(List.of("CAPTURED", "REGISTERED")));
        asArchivist()
                .when()
                .get("/api/records/" + insult + "/history")
                .then()
                .statusCode(200)
                .body("action", equalTo(List.of("CAPTURED", "REGISTRATION_NOT_REQUIRED")));
        asArchivist().when().get("/api/audit/verify").then().statusCode(200).body("intact", equalTo(true));
        long seq = asArchivist()
                .when()
                .get("/api/records/" + insult + "/history")
                .then()
                .extract()
                .jsonPath()
                .getLong("[1].seq");
        try (var c = dataSource.getConnection();
                var st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("DELETE FROM audit_entry WHERE seq = " + seq))
                    .hasMessageContaining("append-only");
            st.execute("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only");
            try {
                st.executeUpdate("UPDATE audit_entry SET actor = 'someone-else' WHERE seq = " + seq);
                asArchivist()
                        .when()
                        .get("/api/audit/verify")
                        .then()
                        .statusCode(200)
                        .body("intact", equalTo(false))
                        .body("firstBrokenSeq", equalTo((int) seq));
            } finally {
                st.executeUpdate("UPDATE audit_entry a SET actor = (SELECT assessed_by FROM archive_record WHERE id = '"
                        + insult + "') WHERE seq = " + seq);
                st.execute("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only");
            }
        }
        asArchivist().when().get("/api/audit/verify").then().statusCode(200).body("intact", equalTo(true));

        // The PDF as served is PDF/A-2b.
        byte[] pdf = asArchivist()
                .when()
                .get("/api/records/" + threat + "/pdf")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        try (PDFAParser parser =
                        Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), PDFAFlavour.PDFA_2_B);
                PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_2_B, false)) {
            assertThat(validator.validate(parser).isCompliant()).isTrue();
        }
    }

    @Test
    void searchStemsInFourLanguagesAndFilters() {
        String account = "acc-search-" + UUID.randomUUID();
        String marker = "zq" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        String da = archive(request(account, marker + " Bilerne holder ulovligt parkeret", List.of("INSULT"), "d1"));
        String sv = archive(request(account, marker + " Kommunerna svarar aldrig", List.of("HATE"), "s1"));
        String nb = archive(request(account, marker + " Husene står tomme", List.of("INSULT"), "n1"));
        String en = archive(request(account, marker + " He threatened the mayor", List.of("THREAT"), "e1"));

        assertThat(search(Map.of("q", marker + " bilen"))).containsExactly(da);
        assertThat(search(Map.of("q", marker + " kommunen"))).containsExactly(sv);
        assertThat(search(Map.of("q", marker + " huset"))).containsExactly(nb);
        assertThat(search(Map.of("q", marker + " threatening"))).containsExactly(en);
        assertThat(search(Map.of("q", marker))).containsExactlyInAnyOrder(da, sv, nb, en);
        assertThat(search(Map.of("accountId", account, "label", "HATE"))).containsExactly(sv);
        assertThat(search(Map.of("accountId", account, "registration", "REGISTERED")))
                .containsExactly(en);
        assertThat(search(Map.of("accountId", account, "sender", "sender-n1-" + account)))
                .containsExactly(nb);
        assertThat(search(Map.of("accountId", account, "sender", "PERSON D1"))).containsExactly(da);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        assertThat(search(Map.of("accountId", account, "from", today, "to", today)))
                .hasSize(4);
        assertThat(search(Map.of("accountId", account, "from", tomorrow))).isEmpty();

        // Paging: newest first, two pages of two.
        List<String> all = search(Map.of("accountId", account));
        assertThat(all).containsExactly(en, nb, sv, da);
        asArchivist()
                .queryParam("accountId", account)
                .queryParam("size", 2)
                .queryParam("page", 1)
                .when()
                .get("/api/records")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(sv, da)))
                .body("hasMore", equalTo(false));
        asArchivist()
                .queryParam("accountId", account)
                .queryParam("size", 2)
                .when()
                .get("/api/records")
                .then()
                .body("hasMore", equalTo(true));
        // The same by cursor: each answer's 'next' is the following page's 'after'; the last page has none.
        String next = asArchivist()
                .queryParam("accountId", account)
                .queryParam("size", 2)
                .when()
                .get("/api/records")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(en, nb)))
                .extract()
                .path("next");
        assertThat(next).isNotBlank();
        asArchivist()
                .queryParam("accountId", account)
                .queryParam("size", 2)
                .queryParam("after", next)
                .when()
                .get("/api/records")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(sv, da)))
                .body("hasMore", equalTo(false))
                .body("next", equalTo(null));

        // Phrases: the words next to each other and in this order, stemmed ("bilen" finds "Bilerne").
        assertThat(search(Map.of("q", marker + " \"holder ulovligt\""))).containsExactly(da);
        assertThat(search(Map.of("q", marker + " \"bilen holder\""))).containsExactly(da);
        assertThat(search(Map.of("q", marker + " \"ulovligt holder\""))).isEmpty();
        assertThat(search(Map.of("q", marker + " \"bilerne parkeret\""))).isEmpty();
        assertThat(search(Map.of("q", marker + " \"threatened the mayor\""))).containsExactly(en);
        assertThat(search(Map.of("q", "\"" + marker + " bilerne holder\""))).containsExactly(da);
        assertThat(search(Map.of("q", marker + " \"svarar aldrig\" or \"står tomme\"")))
                .containsExactlyInAnyOrder(sv, nb);
        assertThat(search(Map.of("q", marker + " -\"svarar aldrig\""))).containsExactlyInAnyOrder(da, nb, en);

        // Bad input: a problem body.
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("registration", "MAYBE"),
                Map.of("from", "yesterday"),
                Map.of("size", 1000),
                Map.of("page", -1),
                Map.of("after", "not-a-cursor"),
                Map.of("after", next, "page", 1),
                Map.of("page", 201, "size", 50))) {
            asArchivist().queryParams(bad).when().get("/api/records").then().statusCode(400);
        }
        // Other roles cannot read the archive.
        given().auth()
                .oauth2(LocalTokens.forRole("moderator"))
                .when()
                .get("/api/records")
                .then()
                .statusCode(403);
        given().when().get("/api/records").then().statusCode(401);

        // Every archivist endpoint is documented.
        String openapi = given().queryParam("format", "json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(openapi)
                .contains(
                        "/api/records/{id}/pdf",
                        "/api/records/{id}/history",
                        "/api/records/{id}/registration",
                        "/api/records/{id}/hold",
                        "/api/chain/verify",
                        "/api/audit/verify",
                        "/api/retention/run",
                        "/api/erasure-requests",
                        "/api/exports",
                        "/api/disposals",
                        "/api/accounts/{accountId}/rule");
    }

    @Test
    void retentionCullsPersonalDataExceptRegisteredAndHeldRecordsAndLogsEachDisposal() {
        String account = "acc-ret-" + UUID.randomUUID();
        asArchivist()
                .contentType(ContentType.JSON)
                .body(Map.of("retentionMonths", 1))
                .when()
                .put("/api/accounts/" + account + "/rule")
                .then()
                .statusCode(200);
        String plain = archive(request(account, "Idiotiske politikere", List.of("INSULT"), "r1"));
        String held = archive(request(account, "Idioter alle sammen", List.of("INSULT"), "r2"));
        String registered = archive(request(account, "Jeg finder dig", List.of("THREAT"), "r3"));
        String pending = archive(request(account, "Idiotiske embedsmænd", List.of("INSULT"), "r4"));
        decide(plain, "NOT_REQUIRED", "Ingen sagsbehandling").statusCode(200);
        decide(held, "NOT_REQUIRED", "Ingen sagsbehandling").statusCode(200);
        asArchivist()
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "Politianmeldelse 2026-771"))
                .when()
                .put("/api/records/" + held + "/hold")
                .then()
                .statusCode(200)
                .body("legalHold", equalTo(true));
        asArchivist()
                .contentType(ContentType.JSON)
                .body(Map.of("reason", ""))
                .when()
                .put("/api/records/" + held + "/hold")
                .then()
                .statusCode(400);
        asArchivist().when().post("/api/retention/run?asOf=tomorrow").then().statusCode(400);
        String later = Instant.now().plus(62, ChronoUnit.DAYS).toString();
        // A future instant culls before time: refused without confirm=<the same instant>, and nothing is disposed of.
        asArchivist()
                .when()
                .post("/api/retention/run?asOf=" + later)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("confirm="));
        asArchivist()
                .when()
                .post("/api/retention/run?asOf=" + later + "&confirm=" + Instant.now())
                .then()
                .statusCode(400);
        asArchivist().when().get("/api/records/" + plain + "/pdf").then().statusCode(200);

        // Not yet due.
        asArchivist().when().post("/api/retention/run").then().statusCode(200);
        asArchivist().when().get("/api/records/" + plain + "/pdf").then().statusCode(200);

        // The record still waiting for its registration assessment is kept and reported, not culled.
        asArchivist()
                .when()
                .post("/api/retention/run?asOf=" + later + "&confirm=" + later)
                .then()
                .statusCode(200)
                .body("keptPendingAssessment", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("batches", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        for (String kind : List.of("pdf", "png", "json")) {
            asArchivist()
                    .when()
                    .get("/api/records/" + pending + "/" + kind)
                    .then()
                    .statusCode(200);
        }
        asArchivist()
                .when()
                .get("/api/records/" + pending)
                .then()
                .statusCode(200)
                .body("senderId", org.hamcrest.Matchers.notNullValue())
                .body("removalRule", equalTo(null));
        asArchivist()
                .when()
                .get("/api/records/" + plain)
                .then()
                .statusCode(200)
                .body("senderName", equalTo(null))
                .body("senderId", equalTo(null))
                .body("removalRule", equalTo("RETENTION 1 months after capture"));
        for (String kind : List.of("pdf", "png", "json")) {
            asArchivist()
                    .when()
                    .get("/api/records/" + plain + "/" + kind)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
            asArchivist().when().get("/api/records/" + held + "/" + kind).then().statusCode(200);
            asArchivist()
                    .when()
                    .get("/api/records/" + registered + "/" + kind)
                    .then()
                    .statusCode(200);
        }
        asArchivist()
                .when()
                .get("/api/records/" + plain + "/verify")
                .then()
                .statusCode(200)
                .body("chainLinkMatches", equalTo(true))
                .body("recordHashMatches", equalTo(false));
        asArchivist().when().get("/api/chain/verify").then().statusCode(200).body("intact", equalTo(true));
        asArchivist()
                .queryParam("accountId", account)
                .when()
                .get("/api/disposals")
                .then()
                .statusCode(200)
                .body("recordId", equalTo(List.of(plain)))
                .body("[0].rule", equalTo("RETENTION 1 months after capture"));
        assertThat(search(Map.of("accountId", account, "q", "politikere"))).isEmpty();
        asArchivist()
                .when()
                .get("/api/records/" + plain + "/history")
                .then()
                .body("action", equalTo(List.of("CAPTURED", "REGISTRATION_NOT_REQUIRED", "DISPOSED")));

        // Releasing the hold makes the record due at the next run.
        asArchivist().when().delete("/api/records/" + held + "/hold").then().statusCode(200);
        asArchivist().when().delete("/api/records/" + held + "/hold").then().statusCode(409);
        asArchivist()
                .when()
                .post("/api/retention/run?asOf=" + later + "&confirm=" + later)
                .then()
                .statusCode(200);
        asArchivist().when().get("/api/records/" + held + "/pdf").then().statusCode(404);
        asArchivist().when().get("/api/records/" + registered + "/pdf").then().statusCode(200);
    }

    /**
     * A crash in the middle of an erasure: PostgreSQL fails the transaction of the second batch (batches of two in
     * tests), after the first batch committed. Placed again, the request completes under the same id; no record is
     * disposed twice, and the report is the one an uninterrupted request gives (every record removed by this request).
     */
    @Test
    void anErasureInterruptedBetweenBatchesCompletesWhenPlacedAgainWithTheSameReport() throws Exception {
        String account = "acc-crash-" + UUID.randomUUID();
        String person = "crash-" + UUID.randomUUID();
        String personId = "sender-" + person + "-" + account;
        List<String> records = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(archive(request(account, "Dumme kommune " + i, List.of("INSULT"), person)));
        }
        String crash = "crash_" + account.replaceAll("[^a-z0-9]", "_");
        execute("CREATE FUNCTION " + crash + "() RETURNS trigger AS $$ BEGIN IF (SELECT count(*) FROM disposal_log "
                + "WHERE account_id = NEW.account_id) >= 2 THEN RAISE EXCEPTION 'the archive dies mid-erasure'; END IF; "
                + "RETURN NEW; END $$ LANGUAGE plpgsql");
        execute("CREATE TRIGGER " + crash + " BEFORE INSERT ON disposal_log FOR EACH ROW WHEN (NEW.account_id = '"
                + account + "') EXECUTE FUNCTION " + crash + "()");
        Map<String, String> body = Map.of("subjectKind", "PLATFORM_ID", "subject", personId);
        try {
            asArchivist()
                    .contentType(ContentType.JSON)
                    .body(body)
                    .when()
                    .post("/api/erasure-requests")
                    .then()
                    .statusCode(500);
        } finally {
            execute("DROP TRIGGER " + crash + " ON disposal_log");
            execute("DROP FUNCTION " + crash + "()");
        }
        assertThat(textOf("SELECT count(*) FROM archive_record WHERE account_id = '" + account
                        + "' AND personal_data_removed_at IS NOT NULL"))
                .as("the first batch committed, the second rolled back")
                .isEqualTo("2");

        String resumed = asArchivist()
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/erasure-requests")
                .then()
                .statusCode(200)
                .body("found", equalTo(5))
                .body("removed", containsInAnyOrder(records.toArray()))
                .body("alreadyRemoved", equalTo(List.of()))
                .extract()
                .asString();
        assertThat(textOf("SELECT count(*) FROM disposal_log WHERE account_id = '" + account + "'"))
                .as("each record disposed once")
                .isEqualTo("5");
        assertThat(textOf("SELECT count(DISTINCT record_id) || '/' || count(*) FROM audit_entry WHERE action = "
                        + "'DISPOSED' AND record_id IN ('" + String.join("','", records) + "')"))
                .isEqualTo("5/5");
        String again = asArchivist()
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/erasure-requests")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(JsonPath.from(again).getMap(""))
                .isEqualTo(JsonPath.from(resumed).getMap(""));
    }

    @Test
    void aDirectMessagesThreadKeyLosesTheSenderWithTheRecordsPersonalData() throws Exception {
        String account = "acc-dm-" + UUID.randomUUID();
        String person = "dm-" + UUID.randomUUID();
        String personId = "sender-" + person + "-" + account;
        String dm = archive(asDirectMessage(request(account, "Privat besked", List.of("INSULT"), person)));
        String kept = archive(asDirectMessage(request(account, "Jeg kommer efter dig", List.of("THREAT"), person)));
        assertThat(textOf("SELECT thread_key FROM archive_record WHERE id = '" + dm + "'"))
                .isEqualTo("facebook:dm-" + personId);
        asArchivist()
                .contentType(ContentType.JSON)
                .body(Map.of("subjectKind", "PLATFORM_ID", "subject", personId))
                .when()
                .post("/api/erasure-requests")
                .then()
                .statusCode(200)
                .body("removed", equalTo(List.of(dm)))
                .body("kept.recordId", equalTo(List.of(kept)));
        assertThat(textOf("SELECT thread_key FROM archive_record WHERE id = '" + dm + "'"))
                .isEqualTo("facebook:dm-removed");
        // A registered record keeps its sender, and so its thread's name.
        assertThat(textOf("SELECT thread_key FROM archive_record WHERE id = '" + kept + "'"))
                .isEqualTo("facebook:dm-" + personId);

        // A record stripped of its sender by an earlier release still names the thread after it: the next retention
        // run renames it.
        String earlier =
                archive(asDirectMessage(request(account, "Gammel besked", List.of("INSULT"), person + "-old")));
        execute("UPDATE archive_record SET sender_id = NULL, sender_name = NULL, personal_data_removed_at = now() "
                + "WHERE id = '" + earlier + "'");
        asArchivist().when().post("/api/retention/run").then().statusCode(200);
        assertThat(textOf("SELECT thread_key FROM archive_record WHERE id = '" + earlier + "'"))
                .isEqualTo("facebook:dm-removed");
    }

    @Test
    void anErasureRequestRemovesWhatNothingKeepsAndReportsWhatWasKeptAndWhy() throws Exception {
        String account = "acc-erase-" + UUID.randomUUID();
        String person = "erase-" + UUID.randomUUID();
        String plain = archive(request(account, "Dumme kommune", List.of("INSULT"), person));
        String registered = archive(request(account, "Jeg kommer efter dig", List.of("THREAT"), person));
        String held = archive(request(account, "Dumme folk", List.of("INSULT"), person));
        String other = archive(request(account, "Dumme folk", List.of("INSULT"), "someone-else"));
        String personId = "sender-" + person + "-" + account;
        String plainComment = commentIdOf(plain);
        // Someone else's records quote the person as thread context: one by the quoted comment's id (as records
        // captured
        // before authors were sent), one by the author's id; the registered one keeps its context.
        String quotingById = archive(withThread(
                request(account, "Enig, dumme kommune", List.of("INSULT"), "quoter-a"),
                new ArchiveRequested.ThreadItem(
                        "PARENT", plainComment, "Person " + person, "Dumme kommune", Instant.now(), null)));
        String quotingByAuthor = archive(withThread(
                request(account, "Helt enig", List.of("INSULT"), "quoter-b"),
                new ArchiveRequested.ThreadItem(
                        "NEIGHBOUR", "c-unarchived", "Person " + person, "Uarkiveret svar", Instant.now(), personId)));
        String quotingRegistered = archive(withThread(
                request(account, "Jeg kommer efter jer", List.of("THREAT"), "quoter-c"),
                new ArchiveRequested.ThreadItem(
                        "NEIGHBOUR", "c-other", "Person " + person, "Endnu et svar", Instant.now(), personId)));
        asArchivist()
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "Klagesag"))
                .when()
                .put("/api/records/" + held + "/hold")
                .then()
                .statusCode(200);

        // Access (Art. 15), for the data protection officer (admin): the person's records with their content, and the
        // records that quote them.
        given().auth()
                .oauth2(LocalTokens.forRole("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("platformId", personId))
                .when()
                .post("/api/access-requests")
                .then()
                .statusCode(200)
                .body("records.recordId", containsInAnyOrder(plain, registered, held))
                .body("records.find { it.recordId == '" + plain + "' }.content.text", equalTo("Dumme kommune"))
                .body(
                        "records.find { it.recordId == '" + registered + "' }.registrationNumber",
                        matchesPattern("KS-\\d{4}-\\d{5}"))
                .body(
                        "records.find { it.recordId == '" + held + "' }.history.action",
                        hasItems("CAPTURED", "HOLD_PLACED"))
                .body("quotedIn", containsInAnyOrder(quotingById, quotingByAuthor, quotingRegistered))
                .body("services", equalTo(List.of("archive-service")))
                .body("notIncluded", equalTo(List.of("moderation-service", "notifier-service")));
        // The same package as a PDF/A in the requester's language, its fonts embedded; the other people who quote the
        // person are named only by their records' ids.
        byte[] pdf = given().auth()
                .oauth2(LocalTokens.forRole("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("platformId", personId, "language", "sv"))
                .when()
                .post("/api/access-requests/pdf")
                .then()
                .statusCode(200)
                .contentType("application/pdf")
                .extract()
                .asByteArray();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            // A long id may wrap inside its table cell.
            assertThat(text.replaceAll("\\s+", "")).contains(personId);
            assertThat(text.replaceAll("\\s+", " "))
                    .contains("Registerutdrag", "Diarienummer", "Dumme kommune", "Jeg kommer efter dig")
                    // States and yes/no in Swedish words, not the stored codes.
                    .contains("Diarieförd", "Bevarandespärr Ja", "Bevarandespärr Nej")
                    .doesNotContain("false")
                    .containsPattern("KS-\\d{4}-\\d{5}")
                    .doesNotContain("Helt enig", "Enig, dumme kommune", "Jeg kommer efter jer");
            for (PDPage page : doc.getPages()) {
                for (COSName font : page.getResources().getFontNames()) {
                    assertThat(page.getResources().getFont(font).isEmbedded())
                            .as("font %s", font)
                            .isTrue();
                }
            }
        }
        try (PDFAParser parser =
                        Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), PDFAFlavour.PDFA_2_B);
                PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_2_B, false)) {
            assertThat(validator.validate(parser).isCompliant()).isTrue();
        }
        given().auth()
                .oauth2(LocalTokens.forRole("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("platformId", personId, "language", "de"))
                .when()
                .post("/api/access-requests/pdf")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        asArchivist()
                .contentType(ContentType.JSON)
                .body(Map.of("platformId", personId))
                .when()
                .post("/api/access-requests")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(LocalTokens.forRole("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("platformId", ""))
                .when()
                .post("/api/access-requests")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        String byPlatformId = asArchivist()
                .contentType(ContentType.JSON)
                .body(Map.of("subjectKind", "PLATFORM_ID", "subject", personId))
                .when()
                .post("/api/erasure-requests")
                .then()
                .statusCode(200)
                .body("found", equalTo(3))
                .body("removed", equalTo(List.of(plain)))
                .body("contextRedacted", containsInAnyOrder(quotingById, quotingByAuthor))
                .body("contextKept.recordId", equalTo(List.of(quotingRegistered)))
                .body("contextKept[0].why", equalTo("REGISTERED"))
                .body("kept.recordId", hasItems(registered, held))
                .body("kept.find { it.recordId == '" + registered + "' }.why", equalTo("REGISTERED"))
                .body(
                        "kept.find { it.recordId == '" + registered + "' }.registrationNumber",
                        matchesPattern("KS-\\d{4}-\\d{5}"))
                .body("kept.find { it.recordId == '" + held + "' }.why", equalTo("LEGAL_HOLD"))
                .extract()
                .asString();
        String requestId1 = JsonPath.from(byPlatformId).getString("requestId");
        asArchivist().when().get("/api/records/" + plain + "/json").then().statusCode(404);
        asArchivist().when().get("/api/records/" + other + "/json").then().statusCode(200);
        // The quoting records' artefacts are gone like a disposal's, so the chain still verifies; what stays is the
        // redacted JSON, with the person's item emptied and everything else as captured.
        asArchivist().when().get("/api/records/" + quotingById + "/pdf").then().statusCode(404);
        asArchivist()
                .when()
                .get("/api/records/" + quotingRegistered + "/pdf")
                .then()
                .statusCode(200);
        String redacted = textOf("SELECT convert_from(redacted_json, 'UTF8') FROM record_redaction WHERE record_id = '"
                + quotingByAuthor + "'");
        assertThat(redacted)
                .contains("Helt enig", ThreadContexts.ERASED)
                .doesNotContain(personId, "Person " + person, "Uarkiveret svar");
        asArchivist().when().get("/api/chain/verify").then().statusCode(200).body("intact", equalTo(true));
        // Every other service is asked, with the platform id only; the combined report waits for their answers.
        String event = kafka.await(Topics.ERASURE_REQUESTS, r -> r.value().contains(requestId1), WAIT)
                .get(0)
                .value();
        assertThat(JsonPath.from(event).getList("senderIds")).containsExactly(personId);
        asArchivist()
                .when()
                .get("/api/erasure-requests/" + requestId1)
                .then()
                .statusCode(200)
                .body("archive.requestId", equalTo(requestId1))
                .body("services.find { it.service == 'archive-service' }.removed", equalTo(3))
                .body(
                        "services.find { it.service == 'archive-service' }.kept.reason",
                        hasItems("REGISTERED", "LEGAL_HOLD"));
        // The list names the request by its subject's kind only, and whom its combined report still waits for.
        asArchivist()
                .when()
                .get("/api/erasure-requests")
                .then()
                .statusCode(200)
                .body("find { it.requestId == '" + requestId1 + "' }.subjectKind", equalTo("PLATFORM_ID"))
                .body("find { it.requestId == '" + requestId1 + "' }.complete", equalTo(false))
                .body(
                        "find { it.requestId == '" + requestId1 + "' }.waitingFor",
                        hasItems("moderation-service", "notifier-service"))
                .body(not(containsString(personId)));
        // The same request again is the same request: nothing changes, the report is the same.
        asArchivist()
                .contentType(ContentType.JSON)
                .body(Map.of("subjectKind", "PLATFORM_ID", "subject", personId))
                .when()
                .post("/api/erasure-requests")
                .then()
                .statusCode(200)
                .body(equalTo(byPlatformId));
        asArchivist()
                .when()
                .get("/api/erasure-requests/" + UUID.randomUUID())
                .then()
                .statusCode(404);

        // By national ID number, written differently in the comment than in the request: found through the index of
        // keyed hashes filled at capture (a valid CPR: the classifier's detector checks date and modulus 11).
        String cpr = validCpr();
        String written = cpr.substring(0, 6) + "-" + cpr.substring(6);
        String withId = archive(request(
                account,
                "Mit CPR er " + written + ", ring til mig",
                List.of("PERSONAL_DATA"),
                "cpr-" + UUID.randomUUID()));
        String registeredWithId = archive(
                request(account, "Jeg slår dig ihjel. CPR " + written, List.of("THREAT"), "cpr-" + UUID.randomUUID()));
        String heldWithId = archive(request(
                account, "Her er hans cpr-nummer: " + cpr, List.of("PERSONAL_DATA"), "cpr-" + UUID.randomUUID()));
        String otherNumber = archive(request(
                account,
                "Mit telefonnummer er 2012 3456 og mit CPR er " + validCpr(),
                List.of("PERSONAL_DATA"),
                "cpr-" + UUID.randomUUID()));
        asArchivist()
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "Politianmeldelse"))
                .when()
                .put("/api/records/" + heldWithId + "/hold")
                .then()
                .statusCode(200);
        assertThat(subjectKeys(withId)).hasSize(1).allMatch(k -> k.matches("[0-9a-f]{64}") && !k.contains(cpr));
        assertThat(subjectKeys(heldWithId)).isEqualTo(subjectKeys(withId));
        assertThat(subjectKeys(otherNumber)).hasSize(1).doesNotContainAnyElementsOf(subjectKeys(withId));
        assertThat(indexed(withId)).isTrue();

        // Access (Art. 15) by national ID number: the records that hold it, through the same keyed index; the package
        // names the number by its last two digits, and the audit log holds only its keyed HMAC.
        given().auth()
                .oauth2(LocalTokens.forRole("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("nationalId", written))
                .when()
                .post("/api/access-requests")
                .then()
                .statusCode(200)
                .body("subjectKind", equalTo("NATIONAL_ID"))
                .body("subject", equalTo("********" + cpr.substring(8)))
                .body("records.recordId", containsInAnyOrder(withId, registeredWithId, heldWithId));
        assertThat(textOf("SELECT string_agg(detail, ' ') FROM audit_entry WHERE action = 'ACCESS_REQUEST' "
                        + "AND detail LIKE '%" + subjectKeys(withId).get(0) + "%'"))
                .isNotBlank()
                .doesNotContain(cpr, written);
        given().auth()
                .oauth2(LocalTokens.forRole("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("nationalId", cpr, "platformId", "someone"))
                .when()
                .post("/api/access-requests")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        String requestId = asArchivist()
                .contentType(ContentType.JSON)
                .body(Map.of("subjectKind", "NATIONAL_ID", "subject", cpr))
                .when()
                .post("/api/erasure-requests")
                .then()
                .statusCode(200)
                .body("found", equalTo(3))
                .body("removed", equalTo(List.of(withId)))
                .body("kept.find { it.recordId == '" + registeredWithId + "' }.why", equalTo("REGISTERED"))
                .body("kept.find { it.recordId == '" + heldWithId + "' }.why", equalTo("LEGAL_HOLD"))
                .extract()
                .path("requestId");
        // Neither the audit log nor the erasure log holds the number or a plain (brute-forceable) hash of it: only the
        // keyed HMAC, which is the key the record index holds for the number.
        String logged = textOf(
                        "SELECT string_agg(detail, ' ') FROM audit_entry WHERE detail LIKE '%" + requestId + "%'")
                + textOf("SELECT subject_sha256 || ' ' || report FROM erasure_request WHERE id = '" + requestId + "'");
        assertThat(logged)
                .contains(requestId)
                .doesNotContain(
                        cpr,
                        written,
                        org.tingvakt.archive.proof.HashChain.sha256(
                                ("NATIONAL_ID:" + cpr).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        org.tingvakt.archive.proof.HashChain.sha256(
                                cpr.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(logged).contains(subjectKeys(heldWithId).get(0));
        asArchivist().when().get("/api/records/" + withId + "/pdf").then().statusCode(404);
        asArchivist()
                .when()
                .get("/api/records/" + registeredWithId + "/pdf")
                .then()
                .statusCode(200);
        asArchivist().when().get("/api/records/" + heldWithId + "/pdf").then().statusCode(200);
        asArchivist().when().get("/api/records/" + otherNumber + "/pdf").then().statusCode(200);
        // The removed record's keys go with its personal data; the kept ones keep theirs.
        assertThat(subjectKeys(withId)).isEmpty();
        assertThat(subjectKeys(registeredWithId)).hasSize(1);
        // The number never travels: the other services get the ids of the comments that hold it.
        String idEvent = kafka.await(Topics.ERASURE_REQUESTS, r -> r.value().contains(requestId), WAIT)
                .get(0)
                .value();
        assertThat(idEvent).doesNotContain(cpr, written, subjectKeys(heldWithId).get(0));
        assertThat(JsonPath.from(idEvent).getList("commentIds", String.class))
                .containsExactlyInAnyOrder(commentIdOf(withId), commentIdOf(registeredWithId), commentIdOf(heldWithId));
        // The same number written another way is the same request: the same id, nothing more removed.
        asArchivist()
                .contentType(ContentType.JSON)
                .body(Map.of("subjectKind", "NATIONAL_ID", "subject", written))
                .when()
                .post("/api/erasure-requests")
                .then()
                .statusCode(200)
                .body("requestId", equalTo(requestId))
                .body("found", equalTo(3))
                .body("removed", equalTo(List.of(withId)));

        // Bad requests change nothing.
        asArchivist()
                .contentType(ContentType.JSON)
                .body(Map.of("subject", "x"))
                .when()
                .post("/api/erasure-requests")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        asArchivist()
                .contentType(ContentType.JSON)
                .body(Map.of("subjectKind", "NATIONAL_ID", "subject", "12"))
                .when()
                .post("/api/erasure-requests")
                .then()
                .statusCode(400);
        asArchivist()
                .contentType(ContentType.JSON)
                .body("{not json")
                .when()
                .post("/api/erasure-requests")
                .then()
                .statusCode(400);
        asArchivist().when().get("/api/records/" + other + "/json").then().statusCode(200);
    }

    @Test
    void metasDataDeletionCallbackPlacesAnErasureRequestAndItsCodeShowsOnlyTheStatus() {
        String account = "acc-metadel-" + UUID.randomUUID();
        String person = "metadel-" + UUID.randomUUID();
        String record = archive(request(account, "Dumme kommune", List.of("INSULT"), person));
        String personId = "sender-" + person + "-" + account;
        String payload = "{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":1795400000,\"user_id\":\"" + personId + "\"}";
        String requestsBefore = textOf("SELECT count(*) FROM erasure_request");

        // Unsigned, wrongly signed, or signed but not HMAC-SHA256 or without a user: a problem, and nothing changes.
        for (String bad : List.of(
                "",
                "not-a-signed-request",
                new MetaSignedRequest("another-apps-secret").sign(payload),
                new MetaSignedRequest("local-dev-app-secret").sign(payload.replace("HMAC-SHA256", "none")),
                new MetaSignedRequest("local-dev-app-secret").sign("{\"algorithm\":\"HMAC-SHA256\"}"),
                new MetaSignedRequest("local-dev-app-secret").sign("[1]"))) {
            given().contentType(ContentType.URLENC)
                    .formParam("signed_request", bad)
                    .when()
                    .post("/api/public/meta/data-deletion")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        given().contentType(ContentType.URLENC)
                .when()
                .post("/api/public/meta/data-deletion")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        assertThat(textOf("SELECT count(*) FROM erasure_request")).isEqualTo(requestsBefore);
        asArchivist().when().get("/api/records/" + record + "/json").then().statusCode(200);

        // Signed with the app secret, as Meta does: the person's records are erased and every service is asked.
        JsonPath answer = given().contentType(ContentType.URLENC)
                .formParam("signed_request", new MetaSignedRequest("local-dev-app-secret").sign(payload))
                .when()
                .post("/api/public/meta/data-deletion")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract()
                .jsonPath();
        String code = answer.getString("confirmation_code");
        assertThat(code).matches("[A-HJ-NP-Z2-9]{20}");
        assertThat(answer.getString("url")).endsWith("/api/public/data-deletion/" + code);
        asArchivist().when().get("/api/records/" + record + "/json").then().statusCode(404);
        String requestId = textOf("SELECT request_id FROM data_deletion_confirmation WHERE code = '" + code + "'");
        String event = kafka.await(Topics.ERASURE_REQUESTS, r -> r.value().contains(requestId), WAIT)
                .get(0)
                .value();
        assertThat(JsonPath.from(event).getList("senderIds")).containsExactly(personId);

        // The status page: anyone with the code sees how far it is, in their language, and nothing about the person.
        String statusPath = "/api/public/data-deletion/" + code;
        given().accept(ContentType.JSON)
                .when()
                .get(statusPath)
                .then()
                .statusCode(200)
                .body("status", equalTo("IN_PROGRESS"));
        String page = given().header("Accept-Language", "sv-SE,sv;q=0.9,en;q=0.5")
                .when()
                .get(statusPath)
                .then()
                .statusCode(200)
                .contentType(ContentType.HTML)
                .header("Content-Language", "sv")
                .extract()
                .asString();
        assertThat(page)
                .contains("Radering av dina personuppgifter", code, "data-status=\"IN_PROGRESS\"")
                .doesNotContain(personId, person, "Dumme kommune", requestId);
        for (String service : List.of("moderation-service", "notifier-service")) {
            kafka.sendEvent(
                    Topics.ERASURE_REPORTS,
                    ErasureRequested.keyOf(requestId),
                    EventType.ERASURE_REPORTED.ceType(),
                    EventJson.write(new ErasureReported(
                            requestId, ErasureRequested.keyOf(requestId), service, 1, List.of(), null, Instant.now())));
        }
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .untilAsserted(() -> given().accept(ContentType.JSON)
                        .when()
                        .get(statusPath)
                        .then()
                        .body("status", equalTo("COMPLETED")));
        given().queryParam("lang", "nn")
                .when()
                .get(statusPath)
                .then()
                .statusCode(200)
                .body(containsString("Personopplysningane dine er sletta."));
        given().when()
                .get("/api/public/data-deletion/AAAAAAAAAAAAAAAAAAAA")
                .then()
                .statusCode(404);
        given().when()
                .get("/api/public/data-deletion/not-a-code")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void anExportPackageHoldsTheAccountsRecordsAndReVerifies() throws Exception {
        String account = "acc-export-" + UUID.randomUUID();
        String a = archive(request(account, "Første kommentar", List.of("INSULT"), "x1"));
        String b = archive(request(account, "Anden kommentar", List.of("THREAT"), "x2"));
        archive(request("acc-export-other-" + UUID.randomUUID(), "Ikke med", List.of("INSULT"), "x3"));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        // The export counts days in the account's zone, which can be a day ahead of UTC (23:00–24:00 UTC is the next
        // day in Copenhagen): a window from yesterday to tomorrow in UTC holds the records captured now in any zone.
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        var response = asArchivist()
                .queryParam("accountId", account)
                .queryParam("from", yesterday)
                .queryParam("to", tomorrow)
                .when()
                .get("/api/exports")
                .then()
                .statusCode(200)
                .contentType("application/zip")
                .header("X-Package-Records", "2")
                .extract();
        byte[] zip = response.asByteArray();
        ExportVerification verification = new ExportPackageVerifier().verify(new ByteArrayInputStream(zip));
        assertThat(verification.ok()).as(verification.problems().toString()).isTrue();
        String names = listNames(zip);
        assertThat(names)
                .contains(
                        a + ".pdf",
                        b + ".pdf",
                        a + ".json",
                        "/METS.xml",
                        "/representations/rep1/METS.xml",
                        "/representations/rep1/metadata/preservation/premis.xml");
        assertThat(EarkRequirements.check(EarkProfile.EARK_SIP_2_2, zip)).isEmpty();
        String premis = new String(
                entry(zip, "representations/rep1/metadata/preservation/premis.xml"),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(premis).contains("<premis:eventType>capture</premis:eventType>");

        // The Swedish variant on request; an unknown profile is a 400.
        byte[] fgs = asArchivist()
                .queryParam("accountId", account)
                .queryParam("from", yesterday)
                .queryParam("to", tomorrow)
                .queryParam("profile", "FGS-2.0")
                .when()
                .get("/api/exports")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(EarkRequirements.check(EarkProfile.FGS_2_0, fgs)).isEmpty();
        assertThat(new String(entry(fgs, "METS.xml"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("PROFILE=\"https://earksip.dilcis.eu/profile/E-ARK-SIP.xml\"");
        asArchivist()
                .queryParam("accountId", account)
                .queryParam("from", today)
                .queryParam("to", today)
                .queryParam("profile", "FGS-9")
                .when()
                .get("/api/exports")
                .then()
                .statusCode(400);
        // Nothing captured in the range: no package (a package holds content, CSIP66).
        asArchivist()
                .queryParam("accountId", account)
                .queryParam("from", "2020-01-01")
                .queryParam("to", "2020-01-31")
                .when()
                .get("/api/exports")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");

        // Read a page of one record at a time and split into packages of one record: both records, each once.
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("export-test-");
        ExportSeries.Result split = exports.export(
                account,
                LocalDate.parse(yesterday),
                LocalDate.parse(tomorrow),
                null,
                "test",
                folder,
                new ExportService.Limits(1, 1));
        assertThat(split.packages()).hasSize(2);
        StringBuilder both = new StringBuilder();
        for (ExportSeries.Package p : split.packages()) {
            byte[] part = java.nio.file.Files.readAllBytes(folder.resolve(p.file()));
            assertThat(EarkRequirements.check(EarkProfile.EARK_SIP_2_2, part)).isEmpty();
            both.append(listNames(part));
        }
        assertThat(both.toString().split(a + "\\.pdf", -1)).hasSize(2);
        assertThat(both.toString().split(b + "\\.pdf", -1)).hasSize(2);

        // A changed byte in the package is found by the verifier.
        byte[] broken = zip.clone();
        int at = indexOf(zip, "%PDF-".getBytes()) + 400;
        broken[at] ^= 0x01;
        assertThat(new ExportPackageVerifier()
                        .verify(new ByteArrayInputStream(broken))
                        .ok())
                .isFalse();

        asArchivist()
                .queryParam("accountId", account)
                .queryParam("from", today)
                .queryParam("to", "2020-01-01")
                .when()
                .get("/api/exports")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        asArchivist()
                .queryParam("from", today)
                .queryParam("to", today)
                .when()
                .get("/api/exports")
                .then()
                .statusCode(400);
        asArchivist().when().get("/api/audit/verify").then().body("intact", equalTo(true));
    }

    /** A Danish CPR number that passes the date and modulus-11 rules: DDMMYY, a 7th digit of 0-3 (1900s), checksum. */
    static String validCpr() {
        java.util.Random random = new java.util.Random();
        int[] weights = {4, 3, 2, 7, 6, 5, 4, 3, 2, 1};
        while (true) {
            String d = String.format(
                    "%02d%02d%02d%d%03d",
                    1 + random.nextInt(28),
                    1 + random.nextInt(12),
                    random.nextInt(100),
                    random.nextInt(4),
                    random.nextInt(1000));
            int sum = 0;
            for (int i = 0; i < 10; i++) {
                sum += (d.charAt(i) - '0') * weights[i];
            }
            if (sum % 11 == 0) {
                return d;
            }
        }
    }

    private void execute(String sql) throws java.sql.SQLException {
        try (var c = dataSource.getConnection();
                var st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private String textOf(String sql) {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement(sql);
                var rs = ps.executeQuery()) {
            assertThat(rs.next()).as(sql).isTrue();
            assertThat(rs.getString(1)).as(sql).isNotNull();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> subjectKeys(String recordId) {
        List<String> keys = new java.util.ArrayList<>();
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement(
                        "SELECT key_hmac FROM record_subject_key WHERE record_id = ?::uuid ORDER BY key_hmac")) {
            ps.setString(1, recordId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return keys;
    }

    private boolean indexed(String recordId) {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement(
                        "SELECT subject_keys_key IS NOT NULL FROM archive_record WHERE id = ?::uuid")) {
            ps.setString(1, recordId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] entry(byte[] zip, String pathUnderRoot) throws Exception {
        try (var in = new java.util.zip.ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().endsWith("/" + pathUnderRoot)
                        && e.getName().indexOf('/') == e.getName().length() - pathUnderRoot.length() - 1) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError(pathUnderRoot + " not in the package");
    }

    private static String listNames(byte[] zip) throws Exception {
        StringBuilder names = new StringBuilder();
        try (var in = new java.util.zip.ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.append(e.getName()).append('\n');
            }
        }
        return names.toString();
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    private io.restassured.response.ValidatableResponse decide(String id, String decision, String reason) {
        java.util.Map<String, Object> body = new java.util.HashMap<>();
        body.put("decision", decision);
        body.put("reason", reason);
        return asArchivist()
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/records/" + id + "/registration")
                .then();
    }

    private List<String> search(Map<String, ?> params) {
        return asArchivist()
                .queryParams(params)
                .when()
                .get("/api/records")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id", String.class);
    }

    /** Sends the request and waits for its verified record; returns the record id. */
    private String archive(ArchiveRequested request) {
        kafka.sendEvent(
                Topics.ARCHIVE_REQUESTS,
                request.threadKey(),
                EventType.ARCHIVE_REQUESTED.ceType(),
                EventJson.write(request));
        JsonPath event =
                JsonPath.from(kafka.await(Topics.ARCHIVE_RECORDS, r -> r.value().contains(request.requestId()), WAIT)
                        .get(0)
                        .value());
        assertThat(event.getBoolean("verified")).isTrue();
        return event.getString("recordId");
    }

    private String commentIdOf(String recordId) {
        return textOf("SELECT comment_id FROM archive_record WHERE id = '" + recordId + "'");
    }

    /** The request with this thread context instead of its own. */
    /** The same request as a direct message: its thread is named after the sender, as moderation names DM threads. */
    static ArchiveRequested asDirectMessage(ArchiveRequested r) {
        String post = "dm-" + r.sender().platformId();
        return new ArchiveRequested(
                        r.requestId(),
                        r.caseId(),
                        r.commentId(),
                        r.version(),
                        r.platform(),
                        r.accountId(),
                        r.accountName(),
                        post,
                        ThreadKey.of(r.platform(), post),
                        r.sender(),
                        r.text(),
                        r.permalink(),
                        r.attachments(),
                        r.postedAt(),
                        r.labels(),
                        r.reason(),
                        r.requestedBy(),
                        List.of(),
                        r.contentSha256(),
                        r.requestedAt(),
                        r.intents(),
                        r.purpose(),
                        r.registration(),
                        null)
                .signedWith(org.tingvakt.contracts.EventSignature.privateKey(
                        org.tingvakt.devstack.LocalSecrets.MODERATION_SIGNING_KEY));
    }

    static ArchiveRequested withThread(ArchiveRequested r, ArchiveRequested.ThreadItem... thread) {
        return new ArchiveRequested(
                        r.requestId(),
                        r.caseId(),
                        r.commentId(),
                        r.version(),
                        r.platform(),
                        r.accountId(),
                        r.accountName(),
                        r.postId(),
                        r.threadKey(),
                        r.sender(),
                        r.text(),
                        r.permalink(),
                        r.attachments(),
                        r.postedAt(),
                        r.labels(),
                        r.reason(),
                        r.requestedBy(),
                        List.of(thread),
                        r.contentSha256(),
                        r.requestedAt(),
                        r.intents(),
                        r.purpose(),
                        r.registration(),
                        null)
                .signedWith(org.tingvakt.contracts.EventSignature.privateKey(
                        org.tingvakt.devstack.LocalSecrets.MODERATION_SIGNING_KEY));
    }

    static ArchiveRequested request(String account, String text, List<String> labels, String senderKey) {
        String post = account + "_" + UUID.randomUUID();
        String commentId = post + "_c";
        String senderId = "sender-" + senderKey + "-" + account;
        Sender sender = new Sender(senderId, "Person " + senderKey, "https://www.facebook.com/" + senderId);
        return new ArchiveRequested(
                        UUID.randomUUID().toString(),
                        UUID.randomUUID().toString(),
                        commentId,
                        1,
                        Platform.FACEBOOK,
                        account,
                        "Testkommune",
                        post,
                        ThreadKey.of(Platform.FACEBOOK, post),
                        sender,
                        text,
                        "https://www.facebook.com/" + commentId,
                        List.of("https://scontent.example/img/photo.jpg"),
                        Instant.now().minusSeconds(600),
                        labels,
                        labels.get(0),
                        "anna",
                        List.of(new ArchiveRequested.ThreadItem(
                                "POST",
                                post,
                                "Kommunen",
                                "Nyt fra kommunen",
                                Instant.now().minusSeconds(3600))),
                        EvidenceDigest.of(commentId, 1, senderId, text),
                        Instant.now())
                .signedWith(org.tingvakt.contracts.EventSignature.privateKey(
                        org.tingvakt.devstack.LocalSecrets.MODERATION_SIGNING_KEY));
    }

    private static RequestSpecification asArchivist() {
        return given().auth().oauth2(LocalTokens.forRole("archivist"));
    }
}
