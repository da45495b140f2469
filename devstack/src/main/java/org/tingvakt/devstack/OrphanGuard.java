package org.tingvakt.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Makes sure that processes this JVM starts (the postgres server, the services of a local run) never outlive it, also when
 * the JVM is killed with SIGKILL and no shutdown hook runs.
 *
 * <p>Written by hand because the JDK cannot ask the kernel to kill children on parent death (no {@code PR_SET_PDEATHSIG}
 * from Java): a small shell watchdog polls this JVM's pid once a second and, when it is gone, sends SIGQUIT then SIGKILL
 * to every pid listed in a file that this class keeps up to date.
 */
public final class OrphanGuard {
    private static volatile OrphanGuard instance;

    private final Path pidFile;
    private final Set<Long> pids = ConcurrentHashMap.newKeySet();

    private OrphanGuard(Path pidFile) {
        this.pidFile = pidFile;
    }

    public static OrphanGuard instance() {
        OrphanGuard g = instance;
        if (g == null) {
            synchronized (OrphanGuard.class) {
                if (instance == null) {
                    instance = startWatchdog();
                }
                g = instance;
            }
        }
        return g;
    }

    private static OrphanGuard startWatchdog() {
        try {
            Path file = Files.createTempFile("tingvakt-orphans-", ".pids");
            long self = ProcessHandle.current().pid();
            String script = "p=$1; f=$2; while kill -0 \"$p\" 2>/dev/null; do sleep 1; done; "
                    + "for x in $(cat \"$f\" 2>/dev/null); do kill -QUIT \"$x\" 2>/dev/null; done; sleep 2; "
                    + "for x in $(cat \"$f\" 2>/dev/null); do kill -KILL \"$x\" 2>/dev/null; done; rm -f \"$f\"";
            new ProcessBuilder("/bin/sh", "-c", script, "tingvakt-orphan-guard", Long.toString(self), file.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new OrphanGuard(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the orphan guard", e);
        }
    }

    /** Kill {@code pid} when this JVM dies. */
    public void watch(long pid, String what) {
        pids.add(pid);
        write();
    }

    /** {@code pid} was stopped in an orderly way; the guard no longer needs to (and must not, as pids are reused). */
    public void forget(long pid) {
        pids.remove(pid);
        write();
    }

    private synchronized void write() {
        try {
            Path tmp = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
            Files.writeString(
                    tmp,
                    pids.stream().map(String::valueOf).collect(Collectors.joining("\n", "", "\n")),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(
                    tmp,
                    pidFile,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not update the orphan guard's pid file", e);
        }
    }
}
