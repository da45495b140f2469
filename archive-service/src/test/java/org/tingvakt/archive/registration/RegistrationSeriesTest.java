package org.tingvakt.archive.registration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.tingvakt.archive.account.AccountRule;
import org.tingvakt.contracts.ArchivePurpose;
import org.tingvakt.contracts.ArchiveRequested;
import org.tingvakt.contracts.EventType;
import org.tingvakt.contracts.EvidenceDigest;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.RegistrationReason;
import org.tingvakt.contracts.Sender;
import org.tingvakt.contracts.ThreadKey;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.LocalTokens;
import org.tingvakt.eventing.EventJson;

/**
 * Organisations and their registers: the accounts of one organisation number into one series, uniquely and without
 * gaps under concurrency, and a record registered at capture shows its number in its evidence.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "archive"))
class RegistrationSeriesTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Registrar registrar;

    private final EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());

    /** A series of a fresh organisation and two of its pages assigned to it (configuration, not the result). */
    private static List<String> organisationWithTwoPages(String pattern, boolean restartYearly) {
        String org = "org-" + UUID.randomUUID();
        String seriesId = "series-" + UUID.randomUUID();
        List<String> accounts = List.of("acc-" + UUID.randomUUID(), "acc-" + UUID.randomUUID());
        QuarkusTransaction.requiringNew().run(() -> {
            RegistrationSeries series = new RegistrationSeries();
            series.id = seriesId;
            series.organisationId = org;
            series.name = "Kommunens journal";
            series.pattern = pattern;
            series.restartYearly = restartYearly;
            series.persist();
            for (String account : accounts) {
                AccountRule rule = new AccountRule();
                rule.accountId = account;
                rule.organisationId = org;
                rule.registrationSeries = seriesId;
                rule.persist();
            }
        });
        return accounts;
    }

    @Test
    void twoPagesOfOneOrganisationTakeOneThousandDistinctConsecutiveNumbersInParallel() throws Exception {
        List<String> accounts = organisationWithTwoPages("KS {year}/{number}", true);
        Instant now = Instant.now();
        int year = now.atZone(ZoneId.of("Europe/Copenhagen")).getYear();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<RegistrationNumber>> taken = new ArrayList<>();
        List<Future<?>> rolledBack = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                String account = accounts.get(i % 2);
                taken.add(
                        pool.submit(() -> QuarkusTransaction.requiringNew().call(() -> registrar.take(account, now))));
                if (i % 100 == 0) {
                    // A registering transaction that fails after taking its number gives it back: no gap.
                    rolledBack.add(pool.submit(() -> {
                        try {
                            QuarkusTransaction.requiringNew().run(() -> {
                                registrar.take(account, now);
                                throw new IllegalStateException("the registering transaction fails");
                            });
                        } catch (RuntimeException expected) {
                            // rolled back, as intended (the failure itself, or wrapped by the transaction runner)
                            Throwable t = expected;
                            while (t != null && !"the registering transaction fails".equals(t.getMessage())) {
                                t = t.getCause();
                            }
                            if (t == null) {
                                throw expected;
                            }
                            return;
                        }
                        throw new AssertionError("the failing transaction committed");
                    }));
                }
            }
            for (Future<?> f : rolledBack) {
                f.get();
            }
            Set<Integer> numbers = new TreeSet<>();
            Set<String> series = new TreeSet<>();
            for (Future<RegistrationNumber> f : taken) {
                RegistrationNumber n = f.get();
                assertThat(n.number()).startsWith("KS " + year + "/");
                numbers.add(Integer.parseInt(n.number().substring(n.number().indexOf('/') + 1)));
                series.add(n.series());
            }
            assertThat(series).hasSize(1);
            assertThat(numbers).hasSize(1000); // distinct across both pages
            assertThat(numbers).first().isEqualTo(1);
            assertThat(numbers).last().isEqualTo(1000); // 1000 distinct in 1..1000: consecutive, no gap
            // The series list shows what the next registration of the series gets.
            String seriesId = QuarkusTransaction.requiringNew()
                    .call(() -> AccountRule.<AccountRule>findById(accounts.get(0)).registrationSeries);
            JsonPath list = asArchivist()
                    .when()
                    .get("/api/registration-series")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(list.getInt("find { it.id == '" + seriesId + "' }.nextNumber"))
                    .isEqualTo(1001);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aComplaintRegisteredAtCaptureShowsItsNumberInItsPdfAndJson() throws Exception {
        List<String> accounts = organisationWithTwoPages("{yy}/{number:5}", true);
        ArchiveRequested first = complaint(
                accounts.get(0),
                "Jeg vil klage over sagsbehandlingen af min byggesag.",
                ArchivePurpose.REGISTRATION,
                RegistrationReason.COMPLAINT);
        // Evidence before removal of a complaint, no registration reason: the intent alone makes the archive register
        // it.
        ArchiveRequested second =
                complaint(accounts.get(1), "Jeg klager over at skraldet ikke er hentet i tre uger.", null, null);
        for (ArchiveRequested r : List.of(first, second)) {
            kafka.sendEvent(
                    Topics.ARCHIVE_REQUESTS,
                    r.threadKey(),
                    EventType.ARCHIVE_REQUESTED.ceType(),
                    UUID.randomUUID().toString(),
                    EventJson.write(r));
        }
        String yy = String.format(
                "%02d", Instant.now().atZone(ZoneId.of("Europe/Copenhagen")).getYear() % 100);
        Set<String> numbers = new TreeSet<>();
        for (ArchiveRequested r : List.of(first, second)) {
            JsonPath event = JsonPath.from(
                    kafka.await(Topics.ARCHIVE_RECORDS, e -> e.value().contains(r.requestId()), WAIT)
                            .get(0)
                            .value());
            assertThat(event.getBoolean("verified")).isTrue();
            assertThat(event.getString("purpose")).isEqualTo(r == first ? "REGISTRATION" : "REMOVAL_EVIDENCE");
            String number = event.getString("registrationNumber");
            assertThat(number).startsWith(yy + "/").hasSize(8);
            numbers.add(number);

            String id = event.getString("recordId");
            JsonPath record = asArchivist()
                    .when()
                    .get("/api/records/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(record.getString("registrationState")).isEqualTo("REGISTERED");
            assertThat(record.getString("registrationNumber")).isEqualTo(number);

            byte[] pdf = asArchivist()
                    .when()
                    .get("/api/records/" + id + "/pdf")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asByteArray();
            String text;
            try (var doc = Loader.loadPDF(pdf)) {
                text = new PDFTextStripper().getText(doc);
            }
            assertThat(text).contains(number).doesNotContain("Endnu ikke journaliseret");
            byte[] json = asArchivist()
                    .when()
                    .get("/api/records/" + id + "/json")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asByteArray();
            JsonPath doc = JsonPath.from(new String(json, StandardCharsets.UTF_8));
            assertThat(doc.getString("registration.number")).isEqualTo(number);
            // The PNG is the PDF's pages rasterised: it is the same text, and its hash is the one the JSON holds.
            byte[] png = asArchivist()
                    .when()
                    .get("/api/records/" + id + "/png")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asByteArray();
            assertThat(EvidenceDigest.sha256Hex(png)).isEqualTo(doc.getString("artefacts.png.sha256"));
            asArchivist()
                    .when()
                    .get("/api/records/" + id + "/verify")
                    .then()
                    .statusCode(200)
                    .body("recordHashMatches", org.hamcrest.Matchers.equalTo(true))
                    .body("pdfHashMatches", org.hamcrest.Matchers.equalTo(true));
        }
        assertThat(numbers).hasSize(2); // two pages, one series: two different numbers

        // The first complaint deleted later by a moderator: its removal evidence shows the number it has, and is not
        // registered a second time.
        ArchiveRequested removal = new ArchiveRequested(
                        UUID.randomUUID().toString(),
                        first.caseId(),
                        first.commentId(),
                        first.version(),
                        first.platform(),
                        first.accountId(),
                        first.accountName(),
                        first.postId(),
                        first.threadKey(),
                        first.sender(),
                        first.text(),
                        null,
                        List.of(),
                        first.postedAt(),
                        List.of(),
                        "COMPLAINT_WITH_PERSONAL_DATA",
                        "anna",
                        List.of(),
                        first.contentSha256(),
                        Instant.now(),
                        List.of("COMPLAINT"),
                        ArchivePurpose.REMOVAL_EVIDENCE,
                        null,
                        null)
                .signedWith(org.tingvakt.contracts.EventSignature.privateKey(
                        org.tingvakt.devstack.LocalSecrets.MODERATION_SIGNING_KEY));
        kafka.sendEvent(
                Topics.ARCHIVE_REQUESTS,
                removal.threadKey(),
                EventType.ARCHIVE_REQUESTED.ceType(),
                UUID.randomUUID().toString(),
                EventJson.write(removal));
        JsonPath evidence =
                JsonPath.from(kafka.await(Topics.ARCHIVE_RECORDS, e -> e.value().contains(removal.requestId()), WAIT)
                        .get(0)
                        .value());
        String firstNumber = JsonPath.from(
                        kafka.await(Topics.ARCHIVE_RECORDS, e -> e.value().contains(first.requestId()), WAIT)
                                .get(0)
                                .value())
                .getString("registrationNumber");
        assertThat(evidence.getString("registrationNumber")).isEqualTo(firstNumber);
        JsonPath removalRecord = asArchivist()
                .when()
                .get("/api/records/" + evidence.getString("recordId"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(removalRecord.getString("registrationState")).isEqualTo("NOT_REQUIRED");
        byte[] removalPdf = asArchivist()
                .when()
                .get("/api/records/" + evidence.getString("recordId") + "/pdf")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        try (var doc = Loader.loadPDF(removalPdf)) {
            assertThat(new PDFTextStripper().getText(doc)).contains(firstNumber);
        }
    }

    /** A complaint as moderation now sends it: no label, the intent COMPLAINT, for registration. */
    private static ArchiveRequested complaint(
            String accountId, String text, ArchivePurpose purpose, RegistrationReason reason) {
        String post = accountId + "_" + UUID.randomUUID();
        String commentId = post + "_c";
        Sender sender = new Sender("888", "Jens Hansen", null);
        return new ArchiveRequested(
                        UUID.randomUUID().toString(),
                        UUID.randomUUID().toString(),
                        commentId,
                        1,
                        Platform.FACEBOOK,
                        accountId,
                        "Demo Kommune",
                        post,
                        ThreadKey.of(Platform.FACEBOOK, post),
                        sender,
                        text,
                        null,
                        List.of(),
                        Instant.parse("2026-11-20T09:15:00Z"),
                        List.of(),
                        null,
                        "policy",
                        List.of(),
                        EvidenceDigest.of(commentId, 1, "888", text),
                        Instant.now(),
                        List.of("COMPLAINT"),
                        purpose,
                        reason,
                        null)
                .signedWith(org.tingvakt.contracts.EventSignature.privateKey(
                        org.tingvakt.devstack.LocalSecrets.MODERATION_SIGNING_KEY));
    }

    private static io.restassured.specification.RequestSpecification asArchivist() {
        return given().auth().oauth2(LocalTokens.forRole("archivist"));
    }
}
