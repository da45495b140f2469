package org.tingvakt.archive.capture;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
 * <p>The measured events are all on the topic within a second (one producer), so sending does not set the pace. Besides
 * wall-clock time it prints the CPU time the service JVM and the PostgreSQL server spent per record (from
 * {@code /proc/<pid>/stat}, children included), since the wall clock depends on what else runs on the machine.
 *
 * <p>Arguments: warm-up records (default 40), measured records (default 300). Needs the runnable jar
 * ({@code ./mvnw -pl archive-service package -DskipTests}) and runs from the module folder.
 */
public final class RecorderThroughputBenchmark {
    private RecorderThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path root = Path.of("..").toAbsolutePath().normalize();
        try (DevStack stack = DevStack.start(DevStack.Options.forTests());
                ServiceProcess service = ServiceProcess.start(
                        root,
                        TingvaktService.ARCHIVE,
                        18081,
                        stack,
                        Path.of("target", "bench-logs").toAbsolutePath(),
                        ServiceProcess.env())) {
            service.awaitReady(Duration.ofMinutes(3));
            EventProbe kafka = new EventProbe(stack.bootstrapServers());
            try (Connection db =
                            DriverManager.getConnection(stack.jdbcUrl("archive"), stack.username(), stack.password());
                    KafkaProducer<String, byte[]> producer = producer(stack.bootstrapServers())) {
                send(producer, 0, warmUp);
                awaitStored(db, warmUp, Duration.ofMinutes(10));
                long postmaster = postmasterPid(db);
                long published0 = kafka.count(Topics.ARCHIVE_RECORDS);
                String load0 =
                        java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
                long serviceCpu0 = cpuTicks(service.pid());
                long dbCpu0 = cpuTicks(postmaster);
                long t0 = System.nanoTime();
                send(producer, warmUp, measured);
                double sendSeconds = (System.nanoTime() - t0) / 1e9;
                awaitStored(db, warmUp + measured, Duration.ofMinutes(30));
                double storedSeconds = (System.nanoTime() - t0) / 1e9;
                double serviceCpuMs = (cpuTicks(service.pid()) - serviceCpu0) * 1000.0 / TICKS_PER_SECOND / measured;
                double dbCpuMs = (cpuTicks(postmaster) - dbCpu0) * 1000.0 / TICKS_PER_SECOND / measured;
                while (kafka.count(Topics.ARCHIVE_RECORDS) < published0 + measured) {
                    Thread.sleep(100);
                }
                double publishedSeconds = (System.nanoTime() - t0) / 1e9;
                long artefacts;
                try (Statement st = db.createStatement();
                        ResultSet rs = st.executeQuery("SELECT count(*) FROM artefact WHERE content IS NOT NULL")) {
                    rs.next();
                    artefacts = rs.getLong(1);
                }
                System.out.printf("%n%d records after %d warm-up (sent in %.1f s)%n", measured, warmUp, sendSeconds);
                System.out.printf(
                        "stored (PDF/A + PNG + JSON, hashed, chained, read back): %.1f s = %.1f records/s%n",
                        storedSeconds, measured / storedSeconds);
                System.out.printf(
                        "RecordArchived published:                                 %.1f s = %.1f records/s%n",
                        publishedSeconds, measured / publishedSeconds);
                System.out.printf("artefacts stored: %d (3 per record)%n", artefacts);
                System.out.printf(
                        "CPU per record: service JVM %.1f ms, PostgreSQL %.1f ms (together %.1f ms: %.1f records/s"
                                + " on 2 otherwise idle cores)%n",
                        serviceCpuMs, dbCpuMs, serviceCpuMs + dbCpuMs, 2000.0 / (serviceCpuMs + dbCpuMs));
                System.out.printf("load average before: %s%n", load0);
                System.out.printf(
                        "load average after:  %s%n",
                        java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());
            }
        }
    }

    /** Linux' USER_HZ, the unit of /proc/<pid>/stat times (100 on every mainstream kernel build). */
    private static final long TICKS_PER_SECOND = 100;

    /** utime + stime + cutime + cstime of a process plus those of its live descendants (PostgreSQL's backends). */
    private static long cpuTicks(long pid) throws java.io.IOException {
        long sum = ownTicks(pid);
        for (ProcessHandle child :
                ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of())) {
            try {
                sum += ownTicks(child.pid());
            } catch (java.io.IOException gone) {
                // exited meanwhile: its time is in the parent's cutime once reaped
            }
        }
        return sum;
    }

    private static long ownTicks(long pid) throws java.io.IOException {
        String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after "pid (comm) ": state=0 ... utime=11, stime=12, cutime=13, cstime=14
        return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    /** The postmaster: the parent of this connection's backend. */
    private static long postmasterPid(Connection db) throws Exception {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return ProcessHandle.of(rs.getLong(1))
                    .flatMap(ProcessHandle::parent)
                    .orElseThrow()
                    .pid();
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(p);
    }

    /** Sends n requests with one producer and waits until Kafka has them all. */
    private static void send(KafkaProducer<String, byte[]> producer, int first, int n) throws Exception {
        List<java.util.concurrent.Future<?>> acks = new java.util.ArrayList<>();
        for (int i = first; i < first + n; i++) {
            ArchiveRequested r = request(i);
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                    Topics.ARCHIVE_REQUESTS, r.threadKey(), EventJson.write(r).getBytes(StandardCharsets.UTF_8));
            Map.of(
                            "ce_specversion",
                            "1.0",
                            "ce_id",
                            UUID.randomUUID().toString(),
                            "ce_type",
                            EventType.ARCHIVE_REQUESTED.ceType(),
                            "ce_source",
                            "urn:tingvakt:bench",
                            "ce_time",
                            Instant.now().toString(),
                            "content-type",
                            "application/json")
                    .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            acks.add(producer.send(record));
        }
        for (java.util.concurrent.Future<?> ack : acks) {
            ack.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static void awaitStored(Connection db, int n, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (Statement st = db.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM archive_record")) {
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
        return new ArchiveRequested(
                        UUID.randomUUID().toString(),
                        UUID.randomUUID().toString(),
                        commentId,
                        1,
                        Platform.FACEBOOK,
                        account,
                        "Aarhus Kommune " + (i % 5),
                        post,
                        ThreadKey.of(Platform.FACEBOOK, post),
                        new Sender(senderId, "Jørgen Ølstrup " + i, "https://www.facebook.com/" + senderId),
                        text,
                        "https://www.facebook.com/" + commentId,
                        List.of(),
                        now.minusSeconds(900),
                        List.of("INSULT"),
                        "INSULT",
                        "anna",
                        List.of(
                                new ArchiveRequested.ThreadItem(
                                        "POST",
                                        post,
                                        "Aarhus Kommune",
                                        "Husk: Borgerservice holder lukket " + "fredag 5. juni (Grundlovsdag).",
                                        now.minusSeconds(7200)),
                                new ArchiveRequested.ThreadItem(
                                        "NEIGHBOUR",
                                        post + "_n",
                                        "Åse Møller",
                                        "Tak for info! Gælder det også biblioteket?",
                                        now.minusSeconds(3600))),
                        EvidenceDigest.of(commentId, 1, senderId, text),
                        now)
                .signedWith(org.tingvakt.contracts.EventSignature.privateKey(
                        org.tingvakt.devstack.LocalSecrets.MODERATION_SIGNING_KEY));
    }
}
