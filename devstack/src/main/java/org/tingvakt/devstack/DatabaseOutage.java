package org.tingvakt.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A database outage on demand, for tests of what the services do while PostgreSQL is away: the service under test reaches
 * the devstack's PostgreSQL through this TCP relay on a port of its own. {@link #down()} closes every open connection
 * and refuses new ones (what a stopped or restarting server looks like to the service: {@code Connection refused},
 * broken connections); {@link #up()} accepts again on the same port. The real server keeps running, so the test itself
 * can still read the database. Use it as the Quarkus test resource instead of {@link DevStackTestResource} (init argument
 * {@code database}); the test reaches it through {@link #current()}.
 */
public class DatabaseOutage implements QuarkusTestResourceLifecycleManager {
    private static volatile DatabaseOutage current;

    private String database = "postgres";
    private InetSocketAddress target;
    private int port;
    private volatile ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    /** The relay of the running test. */
    public static DatabaseOutage current() {
        if (current == null) {
            throw new IllegalStateException("DatabaseOutage is not the test resource of this test");
        }
        return current;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        DevStack stack = DevStackTestResource.stack();
        String jdbc = stack.jdbcUrl(database);
        URI uri = URI.create(jdbc.substring("jdbc:".length()));
        target = new InetSocketAddress(uri.getHost(), uri.getPort());
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for the database relay", e);
        }
        up();
        current = this;
        Map<String, String> config = new HashMap<>(stack.quarkusConfig(database));
        config.put(
                "quarkus.datasource.jdbc.url", jdbc.replace(uri.getHost() + ":" + uri.getPort(), "127.0.0.1:" + port));
        config.put("quarkus.devservices.enabled", "false");
        return config;
    }

    /**
     * After {@link DevStackTestResource} (order 0): both are global test resources of a service's tests and both name
     * the datasource; the one started later wins, so every test of the module reaches PostgreSQL through this relay
     * and the module keeps one Quarkus start.
     */
    @Override
    public int order() {
        return 1;
    }

    /** The database is back: the relay accepts connections again, on the same port. */
    public synchronized void up() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            server = s;
            Thread accept = new Thread(() -> accept(s), "db-relay-accept");
            accept.setDaemon(true);
            accept.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not listen on " + port + " again", e);
        }
    }

    /** The database is away: open connections break, new ones are refused. */
    public synchronized void down() {
        ServerSocket s = server;
        server = null;
        closeQuietly(s);
        open.forEach(DatabaseOutage::closeQuietly);
        open.clear();
    }

    public boolean isUp() {
        return server != null;
    }

    @Override
    public void stop() {
        down();
        current = null;
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket backend = new Socket();
                backend.connect(target, 5000);
                open.add(client);
                open.add(backend);
                pipe(client, backend);
                pipe(backend, client);
            } catch (IOException e) {
                // closed by down(), or the backend refused: the client sees its connection end
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(
                () -> {
                    byte[] buf = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buf)) >= 0) {
                            out.write(buf, 0, n);
                            out.flush();
                        }
                    } catch (IOException e) {
                        // one side went away
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        open.remove(from);
                        open.remove(to);
                    }
                },
                "db-relay-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
