package org.tingvakt.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tingvakt.e2e.deploy.DeployFiles.ROOT;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The alert rules (deploy/prometheus) and the Grafana dashboard (deploy/grafana) name only metrics that exist: the
 * services' own meters (found in their code), the gauges of CloudNativePG's custom queries (found in
 * deploy/kubernetes/base/postgres-monitoring.yaml, whose tables and columns are found in the services' migrations), and
 * a short list of metrics that the frameworks and operators export (below, each with where it comes from).
 */
class MonitoringRulesTest {
    private static final List<String> MODULES =
            List.of("eventing", "moderation-service", "archive-service", "notifier-service");
    /** Exported by something other than our code; each with its source. */
    private static final Map<String, String> FRAMEWORK = new LinkedHashMap<>();

    static {
        for (String suffix : List.of("_count", "_sum", "_max")) {
            FRAMEWORK.put("http_server_requests_seconds" + suffix, "Quarkus Micrometer, HTTP server binder");
        }
        FRAMEWORK.put("jvm_memory_used_bytes", "Micrometer JVM binder");
        FRAMEWORK.put("process_cpu_usage", "Micrometer processor binder");
        FRAMEWORK.put("kafka_consumer_fetch_manager_records_lag_max", "Quarkus Micrometer, Kafka client binder");
        FRAMEWORK.put("kafka_consumergroup_lag", "Strimzi Kafka Exporter (kafkaExporter in base/kafka.yaml)");
        FRAMEWORK.put("cnpg_collector_last_available_backup_timestamp", "CloudNativePG's metrics exporter");
        FRAMEWORK.put("up", "Prometheus itself");
    }

    private static final Set<String> PROMQL_WORDS = Set.of(
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "bool",
            "and",
            "or",
            "unless",
            "offset",
            "inf",
            "nan");
    private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m|h|d|w|y)");

    @Test
    void everyRuleIsCompleteAndNamesOnlyMetricsThatExist() throws IOException {
        Set<String> known = knownMetrics();
        JsonNode file = DeployFiles.documents(ROOT.resolve("deploy/prometheus/tingvakt-alerts.yaml"))
                .get(0);
        Set<String> alerts = new TreeSet<>();
        int rules = 0;
        assertThat(file.path("groups").size()).isPositive();
        for (JsonNode group : file.path("groups")) {
            assertThat(group.path("name").asText()).isNotBlank();
            assertThat(group.path("rules").size())
                    .as(group.path("name").asText())
                    .isPositive();
            for (JsonNode rule : group.path("rules")) {
                rules++;
                String alert = rule.path("alert").asText();
                assertThat(alert).as("an alerting rule").matches("[A-Z][A-Za-z0-9]+");
                assertThat(alerts.add(alert)).as("unique name " + alert).isTrue();
                String expr = rule.path("expr").asText();
                assertThat(expr).as(alert).isNotBlank();
                if (rule.has("for")) {
                    assertThat(DURATION.matcher(rule.path("for").asText()).matches())
                            .as(alert + " for")
                            .isTrue();
                }
                assertThat(rule.path("labels").path("severity").asText())
                        .as(alert)
                        .isIn("critical", "warning", "info");
                assertThat(rule.path("annotations").path("summary").asText())
                        .as(alert)
                        .isNotBlank();
                assertThat(rule.path("annotations").path("description").asText())
                        .as(alert)
                        .isNotBlank();
                Set<String> metrics = metricNames(expr);
                assertThat(metrics).as(alert + " names a metric").isNotEmpty();
                assertThat(known).as(alert + ": " + expr).containsAll(metrics);
            }
        }
        assertThat(rules).isGreaterThanOrEqualTo(10);
        // the brief's list: each of these concerns has a rule
        String all = file.toString();
        for (String needed : List.of(
                "tingvakt_events_dead_lettered_total",
                "cnpg_tingvakt_outbox_oldest_age_seconds",
                "kafka_consumergroup_lag",
                "cnpg_tingvakt_cases_archiving_oldest_age_seconds",
                "cnpg_tingvakt_reply_deadlines_due_within_hour",
                "cnpg_tingvakt_platform_actions_token_failures_last_hour",
                "tingvakt_webhook_items_total",
                "http_server_requests_seconds_count")) {
            assertThat(all).contains(needed);
        }
    }

    @Test
    void theDashboardNamesOnlyMetricsThatExist() throws IOException {
        Set<String> known = knownMetrics();
        JsonNode dashboard = DeployFiles.JSON.readTree(
                ROOT.resolve("deploy/grafana/tingvakt-overview.json").toFile());
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        int targets = 0;
        Set<Integer> ids = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique panel id").isTrue();
            for (JsonNode target : panel.path("targets")) {
                targets++;
                String expr = target.path("expr").asText();
                assertThat(known).as(panel.path("title").asText() + ": " + expr).containsAll(metricNames(expr));
            }
        }
        assertThat(targets).isGreaterThanOrEqualTo(20);
    }

    /** The metric-name extraction itself: so that the two tests above cannot pass by finding nothing. */
    @Test
    void metricNamesAreFoundInExpressions() throws IOException {
        assertThat(metricNames("sum by (job, topic) (increase(tingvakt_events_dead_lettered_total{topic=\"a.b\"}[10m]))"
                        + " / ignoring(x) max(cnpg_x_y) > 2 * 60 and on(job) up == 0"))
                .containsExactlyInAnyOrder("tingvakt_events_dead_lettered_total", "cnpg_x_y", "up");
        Set<String> known = knownMetrics();
        assertThat(known)
                .contains(
                        "tingvakt_events_dead_lettered_total",
                        "tingvakt_outbox_published_total",
                        "tingvakt_webhook_group_commit_requests_count",
                        "tingvakt_notifications_failed_total",
                        "cnpg_tingvakt_outbox_pending");
        assertThat(known).doesNotContain("tingvakt_outbox_lag_seconds");
    }

    /** The custom queries read tables and columns that the services' migrations create, and states their code uses. */
    @Test
    void theDatabaseGaugesReadTablesAndColumnsThatExist() throws IOException {
        Map<String, String> migrations = new LinkedHashMap<>();
        String eventing = readAll(ROOT.resolve("eventing/src/main/resources/db/eventing"));
        for (String db : List.of("moderation", "archive", "notifier")) {
            migrations.put(db, eventing + readAll(ROOT.resolve(db + "-service/src/main/resources/db/migration")));
        }
        int checked = 0;
        for (Map.Entry<String, JsonNode> q : customQueries().entrySet()) {
            String sql = q.getValue().path("query").asText();
            Matcher from =
                    Pattern.compile("(?i)\\bFROM\\s+([a-z_]+)\\b(?!\\s*\\()").matcher(sql);
            assertThat(from.find()).as(q.getKey()).isTrue();
            String table = from.group(1);
            List<String> columns = new ArrayList<>();
            Matcher words = Pattern.compile("\\b([a-z_]+)\\b").matcher(sql.replaceAll("'[^']*'", "''"));
            Set<String> aliases = new TreeSet<>();
            Matcher as = Pattern.compile("(?i)\\bAS\\s+([a-z_]+)").matcher(sql);
            while (as.find()) {
                aliases.add(as.group(1));
            }
            Set<String> sqlWords = Set.of(
                    "count",
                    "filter",
                    "where",
                    "and",
                    "in",
                    "from",
                    "now",
                    "min",
                    "max",
                    "interval",
                    "current_database",
                    "epoch",
                    "extract",
                    "coalesce",
                    "select",
                    "as",
                    "or",
                    "not",
                    "null",
                    "is",
                    "hour");
            while (words.find()) {
                String w = words.group(1);
                if (!sqlWords.contains(w.toLowerCase()) && !aliases.contains(w) && !w.equals(table)) {
                    columns.add(w);
                }
            }
            for (JsonNode target : q.getValue().path("target_databases")) {
                String ddl = tableDdl(migrations.get(target.asText()), table);
                assertThat(ddl)
                        .as(q.getKey() + ": " + target.asText() + " creates " + table)
                        .isNotEmpty();
                for (String column : columns) {
                    assertThat(ddl)
                            .as(q.getKey() + ": column " + column + " of " + table)
                            .containsPattern("(?m)(^\\s+|ADD COLUMN\\s+)" + column + "\\s+[A-Z]");
                    checked++;
                }
            }
            Matcher literal = Pattern.compile("'([A-Z_]+)'").matcher(sql);
            while (literal.find()) {
                String value = literal.group(1);
                boolean used = false;
                for (JsonNode target : q.getValue().path("target_databases")) {
                    used |= sourceContainsWord(target.asText() + "-service", value);
                }
                assertThat(used)
                        .as(q.getKey() + ": state " + value + " exists in the service's code")
                        .isTrue();
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(6);
    }

    /**
     * Optional: when promtool is on the PATH (Debian's prometheus package), it must accept the rule file and pass the
     * rules' unit tests (deploy/prometheus/tingvakt-alerts.test.yaml: which alerts fire, when, with what text).
     */
    @Test
    void promtoolAcceptsAndTestsTheRulesWhenInstalled() throws Exception {
        boolean present = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "promtool")));
        Assumptions.assumeTrue(present, "promtool is not installed");
        Path dir = ROOT.resolve("deploy/prometheus");
        for (List<String> command : List.of(
                List.of("promtool", "check", "rules", "tingvakt-alerts.yaml"),
                List.of("promtool", "test", "rules", "tingvakt-alerts.test.yaml"))) {
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        }
    }

    static Set<String> knownMetrics() throws IOException {
        Set<String> known = new TreeSet<>(FRAMEWORK.keySet());
        known.addAll(codeMetrics());
        for (Map.Entry<String, JsonNode> q : customQueries().entrySet()) {
            for (JsonNode m : q.getValue().path("metrics")) {
                var it = m.fields();
                while (it.hasNext()) {
                    var col = it.next();
                    String usage = col.getValue().path("usage").asText();
                    if (usage.equals("GAUGE") || usage.equals("COUNTER")) {
                        known.add("cnpg_" + q.getKey() + "_" + col.getKey());
                    }
                }
            }
        }
        String kafka = Files.readString(ROOT.resolve("deploy/kubernetes/base/kafka.yaml"));
        assertThat(kafka)
                .as("kafka_consumergroup_lag needs Strimzi's Kafka Exporter")
                .contains("kafkaExporter:");
        for (String s : List.of("moderation-service", "archive-service", "notifier-service")) {
            assertThat(Files.readString(ROOT.resolve(s).resolve("pom.xml")))
                    .as(s + " exports Prometheus metrics")
                    .contains("quarkus-micrometer-registry-prometheus");
        }
        return known;
    }

    /** The Prometheus names of the meters the services register: tingvakt.a.b counter = tingvakt_a_b_total. */
    static Set<String> codeMetrics() throws IOException {
        Pattern meter = Pattern.compile(
                "(counter|Counter\\.builder|summary|DistributionSummary\\.builder|timer|Timer\\.builder|gauge|Gauge\\.builder)"
                        + "\\(\\s*\"(tingvakt\\.[a-z0-9_.]+)\"");
        Set<String> names = new TreeSet<>();
        for (String module : MODULES) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = meter.matcher(Files.readString(f));
                    while (m.find()) {
                        String base = m.group(2).replace('.', '_');
                        String kind = m.group(1).toLowerCase();
                        if (kind.startsWith("counter")) {
                            names.add(base + "_total");
                        } else if (kind.contains("summary")) {
                            names.addAll(List.of(base + "_count", base + "_sum", base + "_max"));
                        } else if (kind.startsWith("timer")) {
                            names.addAll(
                                    List.of(base + "_seconds_count", base + "_seconds_sum", base + "_seconds_max"));
                        } else {
                            names.add(base);
                        }
                    }
                }
            }
        }
        return names;
    }

    private static Map<String, JsonNode> customQueries() throws IOException {
        JsonNode cm = DeployFiles.documents(ROOT.resolve("deploy/kubernetes/base/postgres-monitoring.yaml"))
                .get(0);
        JsonNode queries = DeployFiles.documents(
                        cm.path("data").path("queries.yaml").asText())
                .get(0);
        Map<String, JsonNode> out = new LinkedHashMap<>();
        queries.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        assertThat(out).isNotEmpty();
        return out;
    }

    /** Metric names in a PromQL expression: identifiers that are not functions, keywords, labels or strings. */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"[^\"]*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^\\]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?").matcher(s);
        while (m.find()) {
            String word = m.group(1);
            if (m.group(2) != null || PROMQL_WORDS.contains(word.toLowerCase())) {
                continue; // a function or an aggregation, or a keyword
            }
            if (m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1))) {
                continue; // the unit of a number such as 2e3
            }
            names.add(word);
        }
        return names;
    }

    /** The CREATE TABLE of a table and every ALTER TABLE of it, or "" when no migration creates it. */
    private static String tableDdl(String migrations, String table) {
        StringBuilder sb = new StringBuilder();
        Matcher create = Pattern.compile("(?s)CREATE TABLE " + table + " \\((.*?)\\n\\);")
                .matcher(migrations);
        if (!create.find()) {
            return "";
        }
        sb.append(create.group(1)).append('\n');
        Matcher alter =
                Pattern.compile("(?s)ALTER TABLE " + table + "\\b(.*?);").matcher(migrations);
        while (alter.find()) {
            sb.append(alter.group(1)).append('\n');
        }
        return sb.toString();
    }

    private static String readAll(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
                sb.append(Files.readString(f)).append('\n');
            }
        }
        return sb.toString();
    }

    private static boolean sourceContainsWord(String module, String word) {
        Path src = ROOT.resolve(module).resolve("src/main/java");
        if (!Files.isDirectory(src)) {
            return false;
        }
        Pattern p = Pattern.compile("\\b" + word + "\\b");
        try (Stream<Path> files = Files.walk(src)) {
            return files.filter(f -> f.toString().endsWith(".java")).anyMatch(f -> {
                try {
                    return p.matcher(Files.readString(f)).find();
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            return false;
        }
    }
}
