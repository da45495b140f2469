package org.tingvakt.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tingvakt.moderation.TestSupport.count;
import static org.tingvakt.moderation.TestSupport.signedMeta;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DevStackTestResource;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.SampleWebhook;

/**
 * Webhook requests that arrive together are committed together ({@code WebhookGroupCommit}), and each still gets its own
 * answer: stored or duplicate, exactly one {@code CommentReceived} per stored comment, and a request that cannot be
 * stored fails alone.
 */
@QuarkusTest
@QuarkusTestResource(
        value = DevStackTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "moderation"))
class WebhookGroupCommitTest {
    private static final String PAGE = SampleWebhook.DEMO_PAGE_ID;

    @Inject
    DataSource db;

    private final EventProbe kafka = new EventProbe(DevStackTestResource.stack().bootstrapServers());

    @Test
    void concurrentWebhooksAreEachStoredOnceAndRedeliveriesAreDuplicates() throws Exception {
        String run = "gc-" + UUID.randomUUID();
        int comments = 60;
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < comments; i++) {
            bodies.add(SampleWebhook.comment(
                    PAGE,
                    PAGE + "_" + run,
                    run + "-" + i,
                    "900" + i,
                    "Group Sender",
                    "Hvornår åbner biblioteket? #" + i));
        }
        for (int i = 0; i < 20; i++) {
            bodies.add(bodies.get(i)); // Meta delivering the same webhook again, at the same time
        }
        List<Response> responses = sendAll(bodies);

        int stored = 0;
        int duplicates = 0;
        for (Response r : responses) {
            assertThat(r.statusCode()).isEqualTo(200);
            stored += r.jsonPath().getInt("stored");
            duplicates += r.jsonPath().getInt("duplicates");
        }
        assertThat(stored).isEqualTo(comments);
        assertThat(duplicates).isEqualTo(20);
        assertThat(count(db, "comment_version WHERE comment_id LIKE ?", run + "-%"))
                .isEqualTo(comments);
        assertThat(TestSupport.single(
                        db,
                        "SELECT version || '|' || sender_name || '|' || text || '|' "
                                + "|| cardinality(attachments) || '|' || (received_at >= created_at) FROM comment_version "
                                + "WHERE comment_id = ?",
                        run + "-7"))
                .isEqualTo("1|Group Sender|Hvornår åbner biblioteket? #7|0|true");
        // One CommentReceived per stored comment (the outbox rows of the group's transaction), none for duplicates.
        await().atMost(Duration.ofSeconds(45)).until(() -> published(run), n -> n >= comments);
        Thread.sleep(1_000);
        assertThat(published(run)).isEqualTo(comments);
    }

    @Test
    void aRequestThatCannotBeStoredFailsAloneAndTheOthersAreStored() throws Exception {
        String run = "gcbad-" + UUID.randomUUID();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            bodies.add(SampleWebhook.comment(
                    PAGE, PAGE + "_" + run, run + "-" + i, "901" + i, "Group Sender", "Tak for svaret #" + i));
        }
        // The database refuses this one request's row (a trigger made for this test), and with it its group's
        // transaction. (A NUL character used to be such a row; the parser now stores it as U+FFFD.)
        bodies.add(SampleWebhook.comment(PAGE, PAGE + "_" + run, run + "-bad", "9019", "Group Sender", "bad one"));
        String function = "refuse_" + run.replace('-', '_');
        execute("CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.comment_id = '" + run + "-bad' THEN RAISE EXCEPTION 'refused for the test'; END IF; "
                + "RETURN NEW; END $$");
        execute("CREATE TRIGGER " + function + " BEFORE INSERT ON comment_version FOR EACH ROW EXECUTE FUNCTION "
                + function + "()");
        List<Response> responses;
        try {
            responses = sendAll(bodies);
        } finally {
            execute("DROP TRIGGER " + function + " ON comment_version");
            execute("DROP FUNCTION " + function + "()");
        }

        for (int i = 0; i < 30; i++) {
            assertThat(responses.get(i).statusCode()).isEqualTo(200);
            assertThat(responses.get(i).jsonPath().getInt("stored")).isEqualTo(1);
        }
        assertThat(responses.get(30).statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(count(db, "comment_version WHERE comment_id LIKE ?", run + "-%"))
                .isEqualTo(30);
        assertThat(count(db, "comment_version WHERE comment_id = ?", run + "-bad"))
                .isZero();
    }

    private void execute(String sql) throws java.sql.SQLException {
        try (java.sql.Connection c = db.getConnection();
                java.sql.Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private long published(String run) {
        return kafka.readAll(Topics.COMMENTS_RECEIVED).stream()
                .filter(r -> r.value().contains(run))
                .count();
    }

    private static List<Response> sendAll(List<String> bodies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (String body : bodies) {
                futures.add(pool.submit(() -> signedMeta(body)));
            }
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : futures) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
