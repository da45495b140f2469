package org.tingvakt.archive.record;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.tingvakt.contracts.ArchiveRequested;
import org.tingvakt.contracts.EventType;
import org.tingvakt.contracts.EvidenceDigest;
import org.tingvakt.contracts.Platform;
import org.tingvakt.contracts.Sender;
import org.tingvakt.contracts.ThreadKey;
import org.tingvakt.contracts.Topics;
import org.tingvakt.devstack.DevStack;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.ServiceProcess;
import org.tingvakt.devstack.TingvaktService;
import org.tingvakt.eventing.EventJson;

/**
 * End-to-end recorder throughput of the packaged archive-service: a devstack, the service jar as its own JVM, N
 * ArchiveRequested events on archive.requests, then the time until N records are stored (render PDF/A + PNG, hash,
 * store all three, chain, read back and verify, in one transaction each) and until N RecordArchived are published.
 *
 * <p>Arguments: warm-up records (default 40), measured records (default 300). Needs the runnable jar
 * ({@code ./mvnw -pl archive-service package -DskipTests}) and runs from the module folder.
 */
public final class RecorderThroughputBenchmark {
    private RecorderThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path root = Path.of("..").toAbsolutePath().normalize();
        try (DevStack stack = DevStack.start(DevStack.Options.forTests());
             ServiceProcess service = ServiceProcess.start(root, TingvaktService.ARCHIVE, 18081, stack,
                     Path.of("target", "bench-logs").toAbsolutePath(), ServiceProcess.env())) {
            service.awaitReady(Duration.ofMinutes(3));
            EventProbe kafka = new EventProbe(stack.bootstrapServers());
            try (Connection db = DriverManager.getConnection(stack.jdbcUrl("archive"), stack.username(), stack.password())) {
                send(kafka, warmUp);
                awaitStored(db, warmUp, Duration.ofMinutes(10));
                long published0 = kafka.count(Topics.ARCHIVE_RECORDS);
                long t0 = System.nanoTime();
                send(kafka, measured);
                double sendSeconds = (System.nanoTime() - t0) / 1e9;
                awaitStored(db, warmUp + measured, Duration.ofMinutes(30));
                double storedSeconds = (System.nanoTime() - t0) / 1e9;
                while (kafka.count(Topics.ARCHIVE_RECORDS) < published0 + measured) {
                    Thread.sleep(100);
                }
                double publishedSeconds = (System.nanoTime() - t0) / 1e9;
                long artefacts;
                try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM artefact WHERE content IS NOT NULL")) {
                    rs.next();
                    artefacts = rs.getLong(1);
                }
                System.out.printf("%n%d records after %d warm-up (sent in %.1f s)%n", measured, warmUp, sendSeconds);
                System.out.printf("stored (PDF/A + PNG + JSON, hashed, chained, read back): %.1f s = %.1f records/s%n",
                        storedSeconds, measured / storedSeconds);
                System.out.printf("RecordArchived published:                                 %.1f s = %.1f records/s%n",
                        publishedSeconds, measured / publishedSeconds);
                System.out.printf("artefacts stored: %d (3 per record)%n", artefacts);
                System.out.printf("load average: %s%n", java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());
            }
        }
    }

    private static void send(EventProbe kafka, int n) {
        for (int i = 0; i < n; i++) {
            ArchiveRequested r = request(i);
            kafka.sendEvent(Topics.ARCHIVE_REQUESTS, r.threadKey(), EventType.ARCHIVE_REQUESTED.ceType(),
                    EventJson.write(r));
        }
    }

    private static void awaitStored(Connection db, int n, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM archive_record")) {
                rs.next();
                if (rs.getLong(1) >= n) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("fewer than " + n + " records stored within " + timeout);
    }

    private static ArchiveRequested request(int i) {
        String account = "bench-" + (i % 5);
        String post = account + "_" + UUID.randomUUID();
        String commentId = post + "_c";
        String senderId = "1000" + i;
        String text = "Du er en idiot, og jeg ved hvor du bor på Østergade " + i + ". Kommunen burde skamme sig over "
                + "den måde, borgerne bliver behandlet på i borgerservice.";
        Instant now = Instant.now();
        return new ArchiveRequested(UUID.randomUUID().toString(), UUID.randomUUID().toString(), commentId, 1,
                Platform.FACEBOOK, account, post, ThreadKey.of(Platform.FACEBOOK, post),
                new Sender(senderId, "Jørgen Ølstrup " + i, "https://www.facebook.com/" + senderId), text,
                "https://www.facebook.com/" + commentId, List.of(), now.minusSeconds(900), List.of("INSULT"), "INSULT",
                "anna", List.of(
                        new ArchiveRequested.ThreadItem("POST", post, "Aarhus Kommune", "Husk: Borgerservice holder lukket "
                                + "fredag 5. juni (Grundlovsdag).", now.minusSeconds(7200)),
                        new ArchiveRequested.ThreadItem("NEIGHBOUR", post + "_n", "Åse Møller",
                                "Tak for info! Gælder det også biblioteket?", now.minusSeconds(3600))),
                EvidenceDigest.of(commentId, 1, senderId, text), now);
    }
}
