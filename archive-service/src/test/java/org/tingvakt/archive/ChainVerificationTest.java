package org.tingvakt.archive;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.tingvakt.archive.record.RecordChainVerifier;
import org.tingvakt.archive.record.RecordChainVerifier.ChainReport;
import org.tingvakt.contracts.ArchiveRequested;
import org.tingvakt.contracts.EventType;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.LocalTokens;
import org.tingvakt.eventing.EventJson;

/**
 * Verifying the record chain page by page gives the same answer as the chain itself, for every page size: the length
 * and head the database holds when intact, and the exact position of a tampered link or a changed record when a later
 * page holds it.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackTestResource.class, initArgs = @ResourceArg(name = "database", value = "archive"))
class ChainVerificationTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    RecordChainVerifier verifier;

    @Inject
    DataSource dataSource;

    private final EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());

    @Test
    void aChainLongerThanAPageVerifiesAndATamperedLinkOnALaterPageIsFoundWhereItIs() throws SQLException {
        String account = "acc-chain-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(archive(ArchivistApiTest.request(account, "Kommentar nummer " + i, List.of("INSULT"), "c" + i)));
        }
        long length = scalar("SELECT count(*) FROM archive_record");
        String head = text("SELECT last_hash FROM chain_head WHERE id = 1");
        assertThat(length).isGreaterThan(2);

        for (int pageSize : new int[] {1, 2, 3, 1000}) {
            assertThat(verifier.verify(pageSize))
                    .as("page size %d", pageSize)
                    .isEqualTo(new ChainReport(true, (int) length, head, null, null, null));
        }
        given().auth()
                .oauth2(LocalTokens.forRole("archivist"))
                .when()
                .get("/api/chain/verify")
                .then()
                .statusCode(200)
                .body("intact", equalTo(true))
                .body("links", equalTo((int) length))
                .body("headChainHash", equalTo(head));

        // A changed link: its chain hash no longer follows from the link before it.
        String tampered = ids.get(3);
        int position = (int) position(tampered);
        assertThat(position).as("on a later page than the first").isGreaterThanOrEqualTo(2);
        String original = text("SELECT chain_hash FROM archive_record WHERE id = '" + tampered + "'");
        update("UPDATE archive_record SET chain_hash = '" + "ab".repeat(32) + "' WHERE id = '" + tampered + "'");
        try {
            for (int pageSize : new int[] {1, 2, 1000}) {
                assertThat(verifier.verify(pageSize))
                        .as("page size %d", pageSize)
                        .isEqualTo(new ChainReport(false, (int) length, null, position, tampered, "LINK_MISMATCH"));
            }
        } finally {
            update("UPDATE archive_record SET chain_hash = '" + original + "' WHERE id = '" + tampered + "'");
        }

        // A changed record: its stored native JSON no longer has the SHA-256 that its link recorded.
        String changed = ids.get(4);
        update("UPDATE artefact SET content = content || ' '::bytea WHERE record_id = '" + changed
                + "' AND kind = 'JSON'");
        try {
            assertThat(verifier.verify(2))
                    .isEqualTo(new ChainReport(
                            false, (int) length, null, (int) position(changed), changed, "RECORD_CHANGED"));
        } finally {
            update("UPDATE artefact SET content = substring(content FROM 1 FOR length(content) - 1) WHERE record_id = '"
                    + changed + "' AND kind = 'JSON'");
        }
        assertThat(verifier.verify(2).intact()).isTrue();
    }

    /** The link's 0-based position in the chain: the number of links before it. */
    private long position(String recordId) throws SQLException {
        return scalar("SELECT count(*) FROM archive_record WHERE chain_seq < "
                + "(SELECT chain_seq FROM archive_record WHERE id = '" + recordId + "')");
    }

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

    private long scalar(String sql) throws SQLException {
        return Long.parseLong(text(sql));
    }

    private String text(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void update(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            assertThat(ps.executeUpdate()).as(sql).isEqualTo(1);
        }
    }
}
