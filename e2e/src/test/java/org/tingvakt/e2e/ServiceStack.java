package org.tingvakt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.tingvakt.client.archive.api.RecordsApi;
import org.tingvakt.client.moderation.api.CasesApi;
import org.tingvakt.client.moderation.api.PlatformActionsApi;
import org.tingvakt.client.moderation.model.QueueItem;
import org.tingvakt.client.notifier.api.DeadlinesApi;
import org.tingvakt.devstack.DevStack;
import org.tingvakt.devstack.EventProbe;
import org.tingvakt.devstack.LocalGraphApi;
import org.tingvakt.devstack.LocalOidcProvider;
import org.tingvakt.devstack.LocalTokens;
import org.tingvakt.devstack.ServiceProcess;
import org.tingvakt.devstack.TingvaktService;

/**
 * What every end-to-end test runs against: one devstack (real Kafka, real PostgreSQL), the local Graph API stand-in,
 * optionally the local OIDC provider, and the three packaged services as separate processes on free ports. A service
 * can be killed (SIGKILL) and started again with the same or extra environment. The REST APIs are called through the
 * Java clients generated from the services' OpenAPI documents (module {@code clients}: {@link #cases}, {@link #records},
 * {@link #deadlines}, …), so that an answer the document does not describe fails the test; {@link #get} and {@link
 * #post} are raw HTTP for the console's own endpoints; Kafka through {@link #events()}.
 */
public final class ServiceStack implements AutoCloseable {
    /** The repository root (the services' jars are found below it). */
    public static final Path ROOT =
            Path.of(System.getProperty("tingvakt.root", "..")).toAbsolutePath().normalize();

    private static final Duration READY = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path logs;
    private final DevStack stack;
    private final LocalGraphApi graph;
    private final LocalOidcProvider oidc;
    private final BiFunction<ServiceStack, TingvaktService, Map<String, String>> environment;
    private final Map<TingvaktService, ServiceProcess> services = new EnumMap<>(TingvaktService.class);
    private final Map<TingvaktService, Integer> ports = new EnumMap<>(TingvaktService.class);
    private final List<ServiceProcess> extras = new ArrayList<>();
    private EventProbe events;

    private ServiceStack(
            String logFolder,
            boolean withOidc,
            BiFunction<ServiceStack, TingvaktService, Map<String, String>> environment) {
        this.logs = ROOT.resolve("e2e/target/e2e-logs").resolve(logFolder);
        this.environment = environment;
        this.stack = DevStack.start(DevStack.Options.forTests());
        this.graph = LocalGraphApi.start(0);
        this.oidc = withOidc ? LocalOidcProvider.start(0) : null;
        for (TingvaktService s : TingvaktService.values()) {
            ports.put(s, freePort());
        }
    }

    /**
     * Starts everything and waits until the three services are ready.
     *
     * @param logFolder   the services' logs go to {@code e2e/target/e2e-logs/<logFolder>}
     * @param withOidc    whether to run the local OIDC provider (the console signs in through it)
     * @param environment extra environment of a service, on top of the defaults (demo data, the Graph API stand-in,
     *                    the mail mock); asked again at every (re)start
     */
    public static ServiceStack start(
            String logFolder,
            boolean withOidc,
            BiFunction<ServiceStack, TingvaktService, Map<String, String>> environment) {
        ServiceStack s = new ServiceStack(logFolder, withOidc, environment);
        try {
            for (TingvaktService service : TingvaktService.values()) {
                s.services.put(service, s.launch(service, Map.of()));
            }
            s.services.values().forEach(p -> p.awaitReady(READY));
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Starts one more instance of {@code s} on a port of its own, with the same environment and {@code extra} on top, and
     * waits until it is ready; it shares the first instance's database and consumer groups, and stops with the stack.
     * Its log goes to {@code <logFolder>/instance-<n>}.
     */
    public ServiceProcess startAnother(TingvaktService s, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("TINGVAKT_DEMO", "true"));
        if (s == TingvaktService.MODERATION) {
            env.putAll(graph.moderationEnvironment());
        }
        env.putAll(environment.apply(this, s));
        env.putAll(extra);
        ServiceProcess p =
                ServiceProcess.start(ROOT, s, freePort(), stack, logs.resolve("instance-" + (extras.size() + 2)), env);
        extras.add(p);
        p.awaitReady(READY);
        return p;
    }

    /** A connection to one of the stack's databases (the caller closes it). */
    public java.sql.Connection database(String name) throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(stack.jdbcUrl(name), stack.username(), stack.password());
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill(TingvaktService s) {
        services.get(s).kill();
    }

    /** Starts a (killed or stopped) service again on its port, with {@code extra} on top of its environment. */
    public void restart(TingvaktService s, Map<String, String> extra) {
        services.get(s).close();
        services.put(s, launch(s, extra));
        services.get(s).awaitReady(READY);
    }

    public void restart(TingvaktService s) {
        restart(s, Map.of());
    }

    public String url(TingvaktService s) {
        return "http://localhost:" + ports.get(s);
    }

    public LocalGraphApi graph() {
        return graph;
    }

    public LocalOidcProvider oidc() {
        if (oidc == null) {
            throw new IllegalStateException("this stack was started without the OIDC provider");
        }
        return oidc;
    }

    /** A reader of the stack's Kafka topics (made on first use). */
    public synchronized EventProbe events() {
        if (events == null) {
            events = new EventProbe(stack.bootstrapServers());
        }
        return events;
    }

    /** GET with a local token for the role. */
    public HttpResponse<String> get(TingvaktService s, String path, String role) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url(s) + path))
                        .header("Authorization", "Bearer " + LocalTokens.forRole(role))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET with a local token for the role; asserts 200 and answers the JSON. */
    public JsonNode getJson(TingvaktService s, String path, String role) throws Exception {
        HttpResponse<String> r = get(s, path, role);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** POST of JSON with a local token for the role. */
    public HttpResponse<String> post(TingvaktService s, String path, String json, String role) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url(s) + path))
                        .header("Authorization", "Bearer " + LocalTokens.forRole(role))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** PUT of JSON with a local token for the role. */
    public HttpResponse<String> put(TingvaktService s, String path, String json, String role) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url(s) + path))
                        .header("Authorization", "Bearer " + LocalTokens.forRole(role))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The moderation API's case operations (generated client), called with a local token for the role. */
    public CasesApi cases(String role) {
        return new CasesApi(moderationClient(role));
    }

    /** The moderation API's platform actions (generated client), called with a local token for the role. */
    public PlatformActionsApi platformActions(String role) {
        return new PlatformActionsApi(moderationClient(role));
    }

    /** The archive API's records (generated client), called with a local token for the role. */
    public RecordsApi records(String role) {
        return new RecordsApi(archiveClient(role));
    }

    /** The notifier API's deadlines (generated client), called with a local token for the role. */
    public DeadlinesApi deadlines(String role) {
        return new DeadlinesApi(notifierClient(role));
    }

    /** The moderation case of a comment among the newest 200, or null while there is none. */
    public QueueItem caseFor(String commentId) throws Exception {
        for (QueueItem c : cases("moderator")
                .listCases(null, null, null, null, null, null, null, 200, null, null, null, null)
                .getItems()) {
            if (commentId.equals(c.getCommentId())) {
                return c;
            }
        }
        return null;
    }

    /**
     * A value that holds a needle: where it is ({@code database.table.column}), the row's record ({@code record_id}, or
     * {@code id} in a table without one; null in a table with neither) and the value's first 300 characters.
     */
    public record Hit(String database, String table, String column, String row, String value) {
        @Override
        public String toString() {
            return database + "." + table + "." + column + " (row " + row + "): " + value;
        }
    }

    /**
     * Every value in any column of any table of one service's database that holds one of the needles (ASCII, matched
     * without regard to case): text, varchar, JSON and arrays as text, bytea as escaped bytes, so a failure says where a
     * copy lives and whose row it is.
     */
    public List<Hit> valuesContaining(String database, List<String> needles) throws java.sql.SQLException {
        List<Hit> hits = new ArrayList<>();
        String[] patterns = needles.stream().map(n -> "%" + n + "%").toArray(String[]::new);
        try (java.sql.Connection c =
                java.sql.DriverManager.getConnection(stack.jdbcUrl(database), stack.username(), stack.password())) {
            List<String[]> columns = new ArrayList<>();
            Map<String, String> rowColumn = new HashMap<>();
            try (java.sql.PreparedStatement ps = c.prepareStatement(
                            "SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c "
                                    + "JOIN information_schema.tables t ON t.table_schema = c.table_schema "
                                    + "AND t.table_name = c.table_name WHERE c.table_schema = 'public' "
                                    + "AND t.table_type = 'BASE TABLE'");
                    java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    String column = rs.getString(2);
                    if (column.equals("record_id")) {
                        rowColumn.put(table, column);
                    } else if (column.equals("id")) {
                        rowColumn.putIfAbsent(table, column);
                    }
                    if (List.of(
                                    "text",
                                    "character varying",
                                    "character",
                                    "json",
                                    "jsonb",
                                    "ARRAY",
                                    "bytea",
                                    "USER-DEFINED")
                            .contains(rs.getString(3))) {
                        columns.add(new String[] {table, column, rs.getString(3)});
                    }
                }
            }
            for (String[] col : columns) {
                String value =
                        col[2].equals("bytea") ? "encode(\"" + col[1] + "\", 'escape')" : "\"" + col[1] + "\"::text";
                String row = rowColumn.containsKey(col[0]) ? "\"" + rowColumn.get(col[0]) + "\"::text" : "NULL";
                try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT " + row + ", left(" + value
                        + ", 300) FROM \"" + col[0] + "\" WHERE " + value + " ILIKE ANY (?)")) {
                    ps.setArray(1, c.createArrayOf("text", patterns));
                    try (java.sql.ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            hits.add(new Hit(database, col[0], col[1], rs.getString(1), rs.getString(2)));
                        }
                    }
                }
            }
        }
        return hits;
    }

    /** How many events wait in a service's outbox (they hold payloads until Kafka acknowledged them). */
    public long outboxSize(String database) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                        stack.jdbcUrl(database), stack.username(), stack.password());
                java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM outbox_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private org.tingvakt.client.moderation.ApiClient moderationClient(String role) {
        org.tingvakt.client.moderation.ApiClient c = new org.tingvakt.client.moderation.ApiClient();
        c.updateBaseUri(url(TingvaktService.MODERATION));
        c.setRequestInterceptor(bearer(role));
        strict(c.getObjectMapper());
        return c;
    }

    private org.tingvakt.client.archive.ApiClient archiveClient(String role) {
        org.tingvakt.client.archive.ApiClient c = new org.tingvakt.client.archive.ApiClient();
        c.updateBaseUri(url(TingvaktService.ARCHIVE));
        c.setRequestInterceptor(bearer(role));
        strict(c.getObjectMapper());
        return c;
    }

    private org.tingvakt.client.notifier.ApiClient notifierClient(String role) {
        org.tingvakt.client.notifier.ApiClient c = new org.tingvakt.client.notifier.ApiClient();
        c.updateBaseUri(url(TingvaktService.NOTIFIER));
        c.setRequestInterceptor(bearer(role));
        strict(c.getObjectMapper());
        return c;
    }

    private static Consumer<HttpRequest.Builder> bearer(String role) {
        return request -> request.header("Authorization", "Bearer " + LocalTokens.forRole(role));
    }

    /**
     * The generated clients ignore unknown properties by default, as a tolerant client should. Here a property the
     * document does not declare is a drift between document and service, so it fails the call. (Unknown enum values
     * already do.)
     */
    private static void strict(ObjectMapper mapper) {
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    }

    /** The first element of a list answer, or of a page's {@code items}; null when empty. */
    public static JsonNode first(JsonNode body) {
        JsonNode array = body.has("items") ? body.get("items") : body;
        return array.isArray() && !array.isEmpty() ? array.get(0) : null;
    }

    /** The elements of a JSON array as text. */
    public static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Override
    public void close() {
        extras.forEach(ServiceProcess::close);
        services.values().forEach(ServiceProcess::close);
        List<AutoCloseable> rest = new ArrayList<>();
        rest.add(stack);
        rest.add(graph);
        rest.add(oidc);
        for (AutoCloseable c : rest) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // stopping: nothing more to do
            }
        }
    }

    private ServiceProcess launch(TingvaktService s, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("TINGVAKT_DEMO", "true"));
        // A SIGKILLed instance stays in its consumer groups until its session times out, and its restarted successor
        // waits for that. Kafka's 45 s default makes every crash test wait 45 s per kill; 10 s (still well above the
        // 3 s heartbeat) shows the same recovery sooner. Quarkus maps KAFKA_* variables onto the consumers' config.
        env.put("KAFKA_SESSION_TIMEOUT_MS", "10000");
        if (s == TingvaktService.MODERATION) {
            env.putAll(graph.moderationEnvironment());
        }
        if (s == TingvaktService.NOTIFIER) {
            env.put("TINGVAKT_MAIL_MOCK", "true");
        }
        if (s == TingvaktService.ARCHIVE) {
            env.put("TINGVAKT_MODERATION_URL", url(TingvaktService.MODERATION));
            env.put("TINGVAKT_NOTIFIER_URL", url(TingvaktService.NOTIFIER));
        }
        env.putAll(environment.apply(this, s));
        env.putAll(extra);
        return ServiceProcess.start(ROOT, s, ports.get(s), stack, logs, env);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
