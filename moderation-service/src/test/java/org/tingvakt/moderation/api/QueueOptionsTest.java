package org.tingvakt.moderation.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.tingvakt.devstack.DevStackTestResource;

/** The queue options the console uses: waiting cases only, most urgent first, and the other cases of one sender. */
@QuarkusTest
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class QueueOptionsTest {
    private static final String[] NONE = {};

    @Inject
    DataSource ds;

    @Test
    void urgencyPutsThreatsFirstThenQuestionsOldestFirstAndWaitingLeavesDecidedCasesOut() {
        UUID account = CaseFixtures.account(ds, "da");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        UUID oldInsult = CaseFixtures.caseOf(
                ds,
                account,
                "u1",
                "PENDING_REVIEW",
                "da",
                new String[] {"INSULT"},
                NONE,
                now.minusSeconds(600),
                null,
                null);
        UUID newQuestion = CaseFixtures.caseOf(
                ds,
                account,
                "u2",
                "PENDING_REVIEW",
                "da",
                NONE,
                new String[] {"QUESTION"},
                now.minusSeconds(60),
                null,
                null);
        UUID oldQuestion = CaseFixtures.caseOf(
                ds,
                account,
                "u3",
                "CLASSIFIED",
                "da",
                NONE,
                new String[] {"QUESTION"},
                now.minusSeconds(300),
                null,
                null);
        UUID newThreat = CaseFixtures.caseOf(
                ds,
                account,
                "u4",
                "PENDING_REVIEW",
                "da",
                new String[] {"THREAT"},
                NONE,
                now.minusSeconds(10),
                null,
                null);
        UUID approved = CaseFixtures.caseOf(
                ds, account, "u5", "APPROVED", "da", new String[] {"THREAT"}, NONE, now.minusSeconds(900), null, null);
        CaseFixtures.sql(ds, "UPDATE moderation_case SET decided_by = 'anna' WHERE id = ?", approved);

        var answer = CaseFixtures.as("moderator")
                .when()
                .get("/api/cases?account=" + account + "&waiting=true&sort=urgency")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> urgent = answer.getList("items.id");
        // the queue shows the start of each comment, so a moderator can scan it
        assertThat(answer.getString("items[0].excerpt")).isEqualTo("Du er en idiot, hvornår åbner I?");
        assertThat(urgent)
                .containsExactly(
                        newThreat.toString(), oldQuestion.toString(), newQuestion.toString(), oldInsult.toString());

        List<String> newest = CaseFixtures.as("moderator")
                .when()
                .get("/api/cases?account=" + account)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id");
        assertThat(newest)
                .containsExactly(
                        newThreat.toString(),
                        newQuestion.toString(),
                        oldQuestion.toString(),
                        oldInsult.toString(),
                        approved.toString());
    }

    @Test
    void sameSenderAsListsTheSendersOtherCasesOnTheSameAccountOnly() {
        UUID account = CaseFixtures.account(ds, "sv");
        UUID other = CaseFixtures.account(ds, "sv");
        UUID first = CaseFixtures.pending(ds, account, "s1");
        UUID second = CaseFixtures.pending(ds, account, "s2");
        UUID someoneElse = CaseFixtures.pending(ds, account, "s3");
        UUID elsewhere = CaseFixtures.pending(ds, other, "s4");
        for (UUID c : List.of(first, second, elsewhere)) {
            CaseFixtures.sql(
                    ds,
                    "UPDATE comment_version SET sender_id = 'sender-77' WHERE id = "
                            + "(SELECT comment_version_id FROM moderation_case WHERE id = ?)",
                    c);
        }
        CaseFixtures.sql(
                ds,
                "UPDATE comment_version SET sender_id = 'sender-78' WHERE id = "
                        + "(SELECT comment_version_id FROM moderation_case WHERE id = ?)",
                someoneElse);

        List<String> same = CaseFixtures.as("editor")
                .when()
                .get("/api/cases?sameSenderAs=" + first)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id");
        assertThat(same).containsExactly(second.toString());
    }

    @Test
    void badOptionsAreBadRequestsNamingTheParameter() {
        CaseFixtures.as("moderator")
                .when()
                .get("/api/cases?sort=sideways")
                .then()
                .statusCode(400)
                .body("detail", containsString("sort"));
        CaseFixtures.as("moderator")
                .when()
                .get("/api/cases?sameSenderAs=nope")
                .then()
                .statusCode(400)
                .body("detail", containsString("sameSenderAs"));
    }
}
