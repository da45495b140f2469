package org.tingvakt.moderation.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tingvakt.contracts.Platform;
import org.tingvakt.moderation.actions.connector.PlatformConnector;
import org.tingvakt.moderation.actions.connector.PlatformResult;

/**
 * Shutdown of the platform-action runner: it waits for the run in progress (the action being called is finished and
 * recorded, the rest of the batch is left to its lease), starts no new run, and does not hold shutdown for ever. The
 * database is not needed: the transactional steps are replaced by a recorder, the platform by a connector that blocks.
 */
class PlatformActionRunnerShutdownTest {

    /** Claims a batch of three HIDE actions once, and records which were completed (not a bean of the test app). */
    @jakarta.enterprise.inject.Vetoed
    static final class RecordingSteps extends PlatformActionSteps {
        final AtomicInteger claims = new AtomicInteger();
        final List<UUID> completed = new ArrayList<>();
        final List<PlatformAction> batch = new ArrayList<>();

        RecordingSteps() {
            super(null, null, null, null, Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofHours(1));
            for (int i = 0; i < 3; i++) {
                PlatformAction a = new PlatformAction();
                a.id = UUID.randomUUID();
                a.caseId = UUID.randomUUID();
                a.operation = PlatformAction.Operation.HIDE;
                a.platform = Platform.FACEBOOK;
                a.accountExternalId = "100";
                a.targetId = "100_" + i;
                batch.add(a);
            }
        }

        @Override
        public List<PlatformAction> claimDue(int max) {
            return claims.getAndIncrement() == 0 ? batch : List.of();
        }

        @Override
        public synchronized void complete(UUID actionId, PlatformResult result) {
            completed.add(actionId);
        }

        @Override
        public synchronized void complete(
                UUID actionId,
                PlatformResult result,
                Optional<org.tingvakt.moderation.actions.connector.MentionedContent> c) {
            completed.add(actionId);
        }
    }

    /** A connector whose hide blocks until released (a slow Graph API call in flight at shutdown). */
    private static PlatformConnector blocking(CountDownLatch entered, CountDownLatch release) {
        return (PlatformConnector) Proxy.newProxyInstance(
                PlatformConnector.class.getClassLoader(),
                new Class<?>[] {PlatformConnector.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("hide")) {
                        entered.countDown();
                        release.await(30, TimeUnit.SECONDS);
                        return new PlatformResult.Success(Optional.empty(), false, 1);
                    }
                    if (method.getName().equals("supports")) {
                        return true;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void shutdownWaitsForTheCallInFlightThenStartsNothing() throws Exception {
        RecordingSteps steps = new RecordingSteps();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PlatformActionRunner runner =
                new PlatformActionRunner(steps, blocking(entered, release), Duration.ofSeconds(20));

        CompletableFuture<Void> run = CompletableFuture.runAsync(runner::scheduled);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> stop = CompletableFuture.supplyAsync(runner::stop);
        Thread.sleep(300);
        assertThat(stop).isNotDone(); // waiting for the call in flight
        release.countDown();

        assertThat(stop.get(10, TimeUnit.SECONDS)).isTrue();
        // stop() returns once the run has let go of its lock; the future that ran it completes a moment later.
        run.get(5, TimeUnit.SECONDS);
        // The action in flight was finished and recorded; the other two of the batch were left to their lease.
        assertThat(steps.completed).containsExactly(steps.batch.get(0).id);
        runner.scheduled();
        assertThat(steps.claims.get()).isEqualTo(1); // no new run after shutdown
    }

    @Test
    void shutdownDoesNotWaitForEverForAStuckCall() throws Exception {
        RecordingSteps steps = new RecordingSteps();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PlatformActionRunner runner =
                new PlatformActionRunner(steps, blocking(entered, release), Duration.ofMillis(200));
        CompletableFuture<Void> run = CompletableFuture.runAsync(runner::scheduled);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        assertThat(runner.stop()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        release.countDown();
        run.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFailureLogNamesWhatAnActionWithoutACaseIsFor() {
        PlatformAction notice = new PlatformAction();
        notice.operation = PlatformAction.Operation.THREAD_NOTICE;
        notice.targetId = "100_7";
        notice.accountExternalId = "100";
        assertThat(PlatformActionSteps.subject(notice)).isEqualTo("thread notice on post 100_7");

        PlatformAction dm = new PlatformAction();
        dm.operation = PlatformAction.Operation.DM_REPLY;
        dm.targetId = "sender-4711";
        dm.accountExternalId = "100";
        assertThat(PlatformActionSteps.subject(dm))
                .isEqualTo("direct-message reply on account 100")
                .doesNotContain("4711"); // the recipient is a sender: personal data

        PlatformAction mention = new PlatformAction();
        mention.operation = PlatformAction.Operation.FETCH_MENTION;
        mention.reason = PlatformAction.Operation.MENTIONED_MEDIA;
        mention.targetId = "1790";
        mention.accountExternalId = "1784";
        assertThat(PlatformActionSteps.subject(mention)).isEqualTo("caption mention, media 1790 on account 1784");

        PlatformAction hide = new PlatformAction();
        hide.operation = PlatformAction.Operation.HIDE;
        hide.caseId = UUID.fromString("00000000-0000-0000-0000-000000000001");
        assertThat(PlatformActionSteps.subject(hide))
                .isEqualTo("case 00000000-0000-0000-0000-000000000001")
                .doesNotContain("null");
    }
}
