package org.tingvakt.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tingvakt.e2e.deploy.DeployFiles.ROOT;
import static org.tingvakt.e2e.deploy.DeployFiles.SERVICES;
import static org.tingvakt.e2e.deploy.DeployFiles.name;
import static org.tingvakt.e2e.deploy.DeployFiles.ofKind;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tingvakt.contracts.Topics;

/**
 * Each Kubernetes overlay, rendered as {@code kubectl kustomize} renders it (the base as written when kubectl is not on
 * the PATH): every Deployment has probes on the Quarkus health paths at its service's port, requests and limits, a
 * PodDisruptionBudget and an autoscaler; secrets come only from Secrets that an operator creates or the operations
 * guide tells the operator to create; Kafka is reached only over TLS with SCRAM, and each service's KafkaUser may do
 * what its configuration needs and nothing else, as may its user in docker-compose; every topic keeps its events at
 * most 7 days; PostgreSQL is backed up.
 */
class KubernetesShapesTest {
    /**
     * Who publishes each topic (the outbox of that service); everything else a service writes is a dead-letter topic.
     * Erasure reports are the one topic with several publishers: every service that answers an erasure request.
     */
    private static final Map<String, Set<String>> OWNER = Map.of(
            Topics.COMMENTS_RECEIVED, Set.of("moderation-service"),
            Topics.COMMENTS_CLASSIFIED, Set.of("moderation-service"),
            Topics.MODERATION_ACTIONS, Set.of("moderation-service"),
            Topics.ARCHIVE_REQUESTS, Set.of("moderation-service"),
            Topics.ARCHIVE_RECORDS, Set.of("archive-service"),
            Topics.ERASURE_REQUESTS, Set.of("archive-service"),
            Topics.ACCOUNTS_HEALTH, Set.of("moderation-service"),
            Topics.ERASURE_REPORTS, Set.of("moderation-service", "notifier-service"));
    /** Topics read without a consumer group: moderation-service's console feed (CaseChangeFeed) assigns partitions. */
    private static final Map<String, Set<String>> READ_BY_ASSIGNMENT = Map.of(
            "moderation-service",
            Set.of(Topics.COMMENTS_CLASSIFIED, Topics.MODERATION_ACTIONS, Topics.ARCHIVE_REQUESTS));

    private static final long SEVEN_DAYS_MS = 604_800_000L;
    private static final int MAX_PARTITIONS_NEEDED = 12;

    @ParameterizedTest
    @ValueSource(strings = {"small", "regional"})
    void everyDeploymentHasProbesResourcesADisruptionBudgetAndAnAutoscaler(String overlay) throws Exception {
        List<JsonNode> docs = DeployFiles.rendered(overlay);
        List<JsonNode> deployments = ofKind(docs, "Deployment");
        assertThat(deployments).extracting(DeployFiles::name).containsExactlyInAnyOrderElementsOf(SERVICES.keySet());
        int partitions = ofKind(docs, "KafkaTopic").stream()
                .filter(t -> !name(t).endsWith(Topics.DLQ_SUFFIX))
                .mapToInt(t -> t.path("spec").path("partitions").asInt())
                .min()
                .orElseThrow();
        for (JsonNode d : deployments) {
            String service = name(d);
            int port = SERVICES.get(service);
            JsonNode pod = d.path("spec").path("template");
            JsonNode labels = pod.path("metadata").path("labels");
            assertThat(pod.path("spec")
                            .path("securityContext")
                            .path("runAsNonRoot")
                            .asBoolean())
                    .isTrue();
            JsonNode c = pod.path("spec").path("containers").get(0);
            assertThat(c.path("ports").get(0).path("containerPort").asInt())
                    .as(service)
                    .isEqualTo(port);
            assertThat(c.path("readinessProbe").path("httpGet").path("path").asText())
                    .isEqualTo("/q/health/ready");
            assertThat(c.path("readinessProbe").path("httpGet").path("port").asInt())
                    .isEqualTo(port);
            assertThat(c.path("livenessProbe").path("httpGet").path("path").asText())
                    .isEqualTo("/q/health/live");
            assertThat(c.path("livenessProbe").path("httpGet").path("port").asInt())
                    .isEqualTo(port);
            assertThat(c.path("startupProbe").path("httpGet").path("port").asInt())
                    .isEqualTo(port);
            for (String kind : List.of("requests", "limits")) {
                assertThat(c.path("resources").path(kind).has("cpu"))
                        .as(service + " " + kind + " cpu")
                        .isTrue();
                assertThat(c.path("resources").path(kind).has("memory"))
                        .as(service + " " + kind + " memory")
                        .isTrue();
            }
            assertThat(pod.path("metadata")
                            .path("annotations")
                            .path("prometheus.io/port")
                            .asText())
                    .isEqualTo(String.valueOf(port));
            assertThat(pod.path("metadata")
                            .path("annotations")
                            .path("prometheus.io/path")
                            .asText())
                    .isEqualTo("/q/metrics");

            List<JsonNode> pdbs = ofKind(docs, "PodDisruptionBudget").stream()
                    .filter(p -> selects(p.path("spec").path("selector").path("matchLabels"), labels))
                    .toList();
            assertThat(pdbs).as(service + " has one PodDisruptionBudget").hasSize(1);

            List<JsonNode> hpas = ofKind(docs, "HorizontalPodAutoscaler").stream()
                    .filter(h -> service.equals(
                            h.path("spec").path("scaleTargetRef").path("name").asText()))
                    .toList();
            assertThat(hpas).as(service + " has one autoscaler").hasSize(1);
            JsonNode hpa = hpas.get(0).path("spec");
            assertThat(hpa.path("minReplicas").asInt())
                    .as("the Deployment starts at the autoscaler's minimum")
                    .isEqualTo(d.path("spec").path("replicas").asInt());
            assertThat(hpa.path("maxReplicas").asInt())
                    .as("a consumer beyond the partitions would idle")
                    .isBetween(hpa.path("minReplicas").asInt(), partitions);
            assertThat(hpa.path("metrics").toString()).contains("\"name\":\"cpu\"");

            Set<String> services = new TreeSet<>();
            for (JsonNode s : ofKind(docs, "Service")) {
                if (selects(s.path("spec").path("selector"), labels)) {
                    services.add(name(s));
                    assertThat(s.path("spec")
                                    .path("ports")
                                    .get(0)
                                    .path("targetPort")
                                    .asText())
                            .isIn("http", String.valueOf(port));
                }
            }
            assertThat(services).containsExactly(service);
        }
        assertThat(partitions).isGreaterThanOrEqualTo(MAX_PARTITIONS_NEEDED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"small", "regional"})
    void secretsComeOnlyFromSecretsThatAreCreatedOutsideGitOrByAnOperator(String overlay) throws Exception {
        List<JsonNode> docs = DeployFiles.rendered(overlay);
        assertThat(ofKind(docs, "Secret")).as("no Secret objects in git").isEmpty();

        Set<String> byOperators = new TreeSet<>();
        ofKind(docs, "KafkaUser").forEach(u -> byOperators.add(name(u))); // Strimzi's User Operator
        byOperators.add(name(ofKind(docs, "Kafka").get(0)) + "-cluster-ca-cert"); // Strimzi's cluster CA
        String operations = Files.readString(ROOT.resolve("docs/operations.md"));

        for (JsonNode d : ofKind(docs, "Deployment")) {
            JsonNode spec = d.path("spec").path("template").path("spec");
            Set<String> referenced = new TreeSet<>();
            for (JsonNode c : spec.path("containers")) {
                for (JsonNode e : c.path("env")) {
                    String var = e.path("name").asText();
                    if (var.matches(".*(SECRET|PASSWORD|TOKEN|JAAS).*|.*_KEY")) {
                        assertThat(e.has("value"))
                                .as(name(d) + ": " + var + " is not written inline")
                                .isFalse();
                        assertThat(e.path("valueFrom").has("secretKeyRef"))
                                .as(name(d) + ": " + var + " from a Secret")
                                .isTrue();
                    }
                    JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                    if (!ref.isMissingNode()) {
                        referenced.add(ref.path("name").asText());
                    }
                }
                c.path("envFrom").forEach(f -> {
                    if (f.has("secretRef")) {
                        referenced.add(f.path("secretRef").path("name").asText());
                    }
                });
            }
            spec.path("volumes").forEach(v -> {
                if (v.has("secret")) {
                    referenced.add(v.path("secret").path("secretName").asText());
                }
            });
            for (String secret : referenced) {
                if (!byOperators.contains(secret) && !cnpgRoleSecret(docs, secret)) {
                    assertThat(operations)
                            .as("docs/operations.md says how to create Secret " + secret)
                            .contains(secret);
                }
            }
            // its Kafka credentials are its own KafkaUser's, its database password its own role's
            assertThat(envSecret(d, "KAFKA_SASL_JAAS_CONFIG")).isEqualTo(name(d));
            String db = name(d).replace("-service", "");
            assertThat(envSecret(d, "TINGVAKT_DB_PASSWORD")).isEqualTo("tingvakt-db-" + db);
            assertThat(cnpgRoleSecret(docs, "tingvakt-db-" + db)).isTrue();
            assertThat(envValue(d, "TINGVAKT_DB_URL")).endsWith("/" + db);
        }
        for (JsonNode cluster : ofKind(docs, "Cluster")) {
            for (String secret : List.of(cluster.path("spec")
                    .path("backup")
                    .path("barmanObjectStore")
                    .path("s3Credentials")
                    .path("accessKeyId")
                    .path("name")
                    .asText())) {
                assertThat(operations).contains(secret);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"small", "regional"})
    void kafkaIsReachedOnlyOverTlsWithAuthenticationAndEveryTopicKeepsAtMostSevenDays(String overlay) throws Exception {
        List<JsonNode> docs = DeployFiles.rendered(overlay);
        JsonNode kafka = ofKind(docs, "Kafka").get(0).path("spec").path("kafka");
        Set<Integer> ports = new TreeSet<>();
        for (JsonNode l : kafka.path("listeners")) {
            assertThat(l.path("tls").asBoolean())
                    .as("listener " + l.path("name").asText() + " uses TLS")
                    .isTrue();
            assertThat(l.path("authentication").path("type").asText()).isIn("scram-sha-512", "tls");
            ports.add(l.path("port").asInt());
        }
        assertThat(kafka.path("authorization").path("type").asText()).isEqualTo("simple");
        assertThat(kafka.path("config").path("auto.create.topics.enable").asBoolean(true))
                .isFalse();
        for (JsonNode d : ofKind(docs, "Deployment")) {
            String bootstrap = envValue(d, "TINGVAKT_KAFKA");
            assertThat(Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1)))
                    .isIn(ports);
            assertThat(envValue(d, "KAFKA_SECURITY_PROTOCOL")).isEqualTo("SASL_SSL");
            assertThat(envValue(d, "KAFKA_SASL_MECHANISM")).isEqualTo("SCRAM-SHA-512");
        }

        Map<String, Long> retention = new TreeMap<>();
        for (JsonNode t : ofKind(docs, "KafkaTopic")) {
            retention.put(
                    name(t), t.path("spec").path("config").path("retention.ms").asLong(-1));
            // deletion works on closed segments: a segment rolls at least daily, so nothing outlives retention by more
            assertThat(t.path("spec").path("config").path("segment.ms").asLong(-1))
                    .as(name(t) + " segment.ms")
                    .isBetween(1L, 86_400_000L);
            assertThat(t.path("spec").path("config").path("cleanup.policy").asText())
                    .isEqualTo("delete");
        }
        List<String> expected = new ArrayList<>();
        for (String t : Topics.ALL) {
            expected.add(t);
            expected.add(Topics.deadLetter(t));
        }
        assertThat(retention.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        retention.forEach(
                (topic, ms) -> assertThat(ms).as("retention.ms of " + topic).isBetween(1L, SEVEN_DAYS_MS));
        assertThat(kafka.path("config").path("log.retention.ms").asLong()).isBetween(1L, SEVEN_DAYS_MS);
    }

    /**
     * Each service's ACLs follow from its configuration: Read on the topics it consumes and on its consumer groups,
     * Write on the dead-letter topics of those topics and on the topics it publishes, nothing else; every topic has
     * exactly the publishers {@link #OWNER} names. docker-compose's ACLs (deploy/compose/kafka-acls.txt) are the same.
     */
    @Test
    void eachServiceMayWriteOnlyWhatItOwnsAndReadOnlyWhatItConsumesInKubernetesAndCompose() throws Exception {
        Map<String, Set<String>> expected = new TreeMap<>();
        for (String service : SERVICES.keySet()) {
            Set<String> acls = new TreeSet<>();
            Properties p = DeployFiles.applicationProperties(service);
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic")) {
                    String topic = p.getProperty(key);
                    String channel = key.substring(0, key.length() - ".topic".length());
                    acls.add("Read topic " + topic);
                    acls.add("Write topic " + Topics.deadLetter(topic));
                    acls.add("Read group " + p.getProperty(channel + ".group.id"));
                }
            }
            OWNER.forEach((topic, owners) -> {
                if (owners.contains(service)) {
                    acls.add("Write topic " + topic);
                }
            });
            READ_BY_ASSIGNMENT.getOrDefault(service, Set.of()).forEach(t -> acls.add("Read topic " + t));
            expected.put(service, acls);
        }
        assertThat(expected.get("notifier-service"))
                .as("derived from application.properties")
                .contains("Read group notifier-deadlines", "Write topic moderation.actions.dlq");

        Map<String, Set<String>> strimzi = new TreeMap<>();
        for (JsonNode user : ofKind(DeployFiles.base(), "KafkaUser")) {
            assertThat(user.path("spec").path("authentication").path("type").asText())
                    .isIn("scram-sha-512", "tls");
            Set<String> acls = new TreeSet<>();
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                JsonNode r = acl.path("resource");
                assertThat(r.path("patternType").asText("literal"))
                        .as("no prefix or wildcard ACLs")
                        .isEqualTo("literal");
                assertThat(r.path("name").asText()).doesNotContain("*");
                assertThat(acl.path("type").asText("allow")).isEqualTo("allow");
                for (JsonNode op : acl.path("operations")) {
                    assertThat(op.asText()).isIn("Read", "Write", "Describe");
                    if (!op.asText().equals("Describe")) {
                        acls.add(op.asText() + " " + r.path("type").asText() + " "
                                + r.path("name").asText());
                    }
                }
            }
            strimzi.put(name(user), acls);
        }
        assertThat(strimzi).isEqualTo(expected);

        Map<String, Set<String>> compose = new TreeMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("deploy/compose/kafka-acls.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            assertThat(f).as(line).hasSize(4);
            compose.computeIfAbsent(f[0] + "-service", k -> new TreeSet<>()).add(f[1] + " " + f[2] + " " + f[3]);
        }
        assertThat(compose).isEqualTo(expected);

        Map<String, Set<String>> writers = new HashMap<>();
        expected.forEach((service, acls) -> acls.stream()
                .filter(a -> a.startsWith("Write topic "))
                .forEach(a -> writers.computeIfAbsent(a.substring("Write topic ".length()), k -> new TreeSet<>())
                        .add(service)));
        for (String t : Topics.ALL) {
            assertThat(writers.get(t)).as("the publishers of " + t).isEqualTo(new TreeSet<>(OWNER.get(t)));
        }
        assertThat(writers.get(Topics.ARCHIVE_RECORDS))
                .as("only the archive vouches for evidence (invariant 9)")
                .containsExactly("archive-service");
    }

    @ParameterizedTest
    @ValueSource(strings = {"small", "regional"})
    void networkPoliciesDenyByDefaultAndOpenOnlyKafkaPostgresAndTheServicePorts(String overlay) throws Exception {
        List<JsonNode> docs = DeployFiles.rendered(overlay);
        List<JsonNode> policies = ofKind(docs, "NetworkPolicy");
        for (JsonNode d : ofKind(docs, "Deployment")) {
            JsonNode labels = d.path("spec").path("template").path("metadata").path("labels");
            List<JsonNode> applying = policies.stream()
                    .filter(p -> selects(p.path("spec").path("podSelector").path("matchLabels"), labels))
                    .toList();
            assertThat(applying)
                    .as(name(d) + ": a default deny, ingress and egress")
                    .anyMatch(p -> p.path("spec").path("policyTypes").toString().contains("Ingress")
                            && p.path("spec").path("policyTypes").toString().contains("Egress")
                            && !p.path("spec").has("ingress")
                            && !p.path("spec").has("egress"));
            Set<Integer> in = new TreeSet<>();
            Set<String> egressPods = new TreeSet<>();
            for (JsonNode p : applying) {
                for (JsonNode rule : p.path("spec").path("ingress")) {
                    rule.path("ports").forEach(port -> in.add(port.path("port").asInt()));
                    for (JsonNode from : rule.path("from")) {
                        if (from.has("podSelector") && !from.has("namespaceSelector")) {
                            // the one call between services: the archive gathers an access request's parts
                            assertThat(from.path("podSelector")
                                            .path("matchLabels")
                                            .toString())
                                    .as(name(d) + ": only the archive, for access requests, may call another service")
                                    .isEqualTo("{\"app.kubernetes.io/name\":\"archive-service\"}");
                            assertThat(name(d)).isIn("moderation-service", "notifier-service");
                        }
                    }
                }
                for (JsonNode rule : p.path("spec").path("egress")) {
                    for (JsonNode to : rule.path("to")) {
                        if (to.has("podSelector") && !to.has("namespaceSelector")) {
                            egressPods.add(
                                    to.path("podSelector").path("matchLabels").toString() + rule.path("ports"));
                        }
                    }
                }
            }
            assertThat(in).as(name(d) + " is reachable only on its own port").containsExactly(SERVICES.get(name(d)));
            assertThat(egressPods)
                    .as(name(d) + " reaches in the namespace only Kafka's TLS listener and PostgreSQL")
                    .anyMatch(s -> s.contains("strimzi.io/cluster") && s.contains("9093"))
                    .anyMatch(s -> s.contains("cnpg.io/cluster") && s.contains("5432"));
            if (name(d).equals("archive-service")) {
                assertThat(egressPods)
                        .as("the archive also reaches moderation's and the notifier's ports, for access requests")
                        .hasSize(4)
                        .anyMatch(s -> s.contains("moderation-service") && s.contains(":8080"))
                        .anyMatch(s -> s.contains("notifier-service") && s.contains(":8082"));
            } else {
                assertThat(egressPods).as(name(d) + " calls no other service").hasSize(2);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"small", "regional"})
    void theIngressSendsEveryOperationToItsServiceAndMetasPublicPathsToTheArchive(String overlay) throws Exception {
        List<JsonNode> docs = DeployFiles.rendered(overlay);
        List<JsonNode> ingresses = ofKind(docs, "Ingress");
        assertThat(ingresses).hasSize(1);
        JsonNode spec = ingresses.get(0).path("spec");
        assertThat(spec.path("ingressClassName").asText())
                .as("the controller the network policies let in")
                .isEqualTo("nginx");
        // host → (path prefix → service); the longest matching prefix wins, as ingress-nginx decides
        Map<String, Map<String, String>> hosts = new TreeMap<>();
        for (JsonNode rule : spec.path("rules")) {
            Map<String, String> paths = hosts.computeIfAbsent(rule.path("host").asText(), h -> new TreeMap<>());
            for (JsonNode path : rule.path("http").path("paths")) {
                assertThat(path.path("pathType").asText()).isEqualTo("Prefix");
                String service =
                        path.path("backend").path("service").path("name").asText();
                assertThat(SERVICES).containsKey(service);
                assertThat(path.path("backend")
                                .path("service")
                                .path("port")
                                .path("name")
                                .asText())
                        .isEqualTo("http");
                paths.put(path.path("path").asText(), service);
            }
        }
        String publicHost = hostServing(hosts, "/webhooks/meta", "moderation-service");
        String archiveHost = hostServing(hosts, "/api/records", "archive-service");
        String notifierHost = hostServing(hosts, "/api/deadlines", "notifier-service");
        assertThat(Set.of(publicHost, archiveHost, notifierHost)).hasSize(3);
        assertThat(spec.path("tls").toString()).contains(publicHost, archiveHost, notifierHost);

        // Every operation a service declares reaches it on its host; Meta's two public paths reach the archive on the
        // public host, where Meta's webhooks arrive; health and metrics (/q/) are not routed at all.
        Map<String, String> hostOf = Map.of(
                "moderation-service", publicHost, "archive-service", archiveHost, "notifier-service", notifierHost);
        for (String service : SERVICES.keySet()) {
            Properties operations = new Properties();
            operations.load(new java.io.StringReader(Files.readString(
                    ROOT.resolve(service).resolve("src/main/resources/META-INF/openapi-operations.properties"))));
            assertThat(operations).isNotEmpty();
            for (String key : operations.stringPropertyNames()) {
                String path = key.substring(key.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x");
                assertThat(route(hosts, hostOf.get(service), path))
                        .as(service + " " + key)
                        .isEqualTo(service);
            }
        }
        assertThat(route(hosts, publicHost, "/api/public/meta/data-deletion")).isEqualTo("archive-service");
        assertThat(route(hosts, publicHost, "/api/public/data-deletion/ABCDEFGHJKLMNPQRSTUV"))
                .isEqualTo("archive-service");
        assertThat(route(hosts, publicHost, "/api/public/transparency")).isEqualTo("moderation-service");
        assertThat(route(hosts, publicHost, "/console/index.html")).isEqualTo("moderation-service");
        for (String host : hosts.keySet()) {
            assertThat(route(hosts, host, "/q/health")).as(host + " /q/health").isNull();
            assertThat(route(hosts, host, "/q/metrics"))
                    .as(host + " /q/metrics")
                    .isNull();
        }
    }

    /** The service a request for {@code path} on {@code host} reaches (longest matching prefix), or null. */
    private static String route(Map<String, Map<String, String>> hosts, String host, String path) {
        String best = null;
        String service = null;
        for (Map.Entry<String, String> e : hosts.getOrDefault(host, Map.of()).entrySet()) {
            String prefix = e.getKey();
            boolean matches = prefix.equals("/")
                    || path.equals(prefix)
                    || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
            if (matches && (best == null || prefix.length() > best.length())) {
                best = prefix;
                service = e.getValue();
            }
        }
        return service;
    }

    private static String hostServing(Map<String, Map<String, String>> hosts, String path, String service) {
        return hosts.keySet().stream()
                .filter(h -> service.equals(route(hosts, h, path)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no host sends " + path + " to " + service));
    }

    @ParameterizedTest
    @ValueSource(strings = {"small", "regional"})
    void postgresIsBackedUpNightlyAndEachServiceHasItsOwnDatabase(String overlay) throws Exception {
        List<JsonNode> docs = DeployFiles.rendered(overlay);
        JsonNode cluster = ofKind(docs, "Cluster").get(0);
        JsonNode store = cluster.path("spec").path("backup").path("barmanObjectStore");
        assertThat(store.path("destinationPath").asText()).startsWith("s3://");
        assertThat(store.path("s3Credentials")
                        .path("secretAccessKey")
                        .path("name")
                        .asText())
                .isNotBlank();
        assertThat(cluster.path("spec").path("backup").path("retentionPolicy").asText())
                .matches("[0-9]+[dwm]");
        List<JsonNode> scheduled = ofKind(docs, "ScheduledBackup");
        assertThat(scheduled).hasSize(1);
        assertThat(scheduled.get(0).path("spec").path("cluster").path("name").asText())
                .isEqualTo(name(cluster));
        assertThat(scheduled.get(0).path("spec").path("schedule").asText().split(" "))
                .as("six cron fields")
                .hasSize(6);
        Map<String, String> owners = new TreeMap<>();
        ofKind(docs, "Database")
                .forEach(db -> owners.put(
                        db.path("spec").path("name").asText(),
                        db.path("spec").path("owner").asText()));
        assertThat(owners)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("moderation", "moderation", "archive", "archive", "notifier", "notifier"));
        assertThat(cluster.path("spec")
                        .path("monitoring")
                        .path("customQueriesConfigMap")
                        .get(0)
                        .path("name")
                        .asText())
                .isIn(ofKind(docs, "ConfigMap").stream().map(DeployFiles::name).toList());
    }

    /**
     * Every service's database lives in a CloudNativePG cluster that is backed up: base backups and WAL to an object
     * store with credentials from a Secret (a reference, never a value), a retention, a nightly ScheduledBackup. The
     * on-demand Backup and the restore-by-bootstrap recipe in {@code deploy/kubernetes/backup/} name that cluster and
     * recover from that very store, and the restored cluster backs up under a server name of its own.
     */
    @ParameterizedTest
    @ValueSource(strings = {"small", "regional"})
    void everyDatabasesClusterIsBackedUpWithSecretsOnlyAndTheRecipesUseTheSameStore(String overlay) throws Exception {
        List<JsonNode> docs = DeployFiles.rendered(overlay);
        Map<String, JsonNode> clusters = new TreeMap<>();
        ofKind(docs, "Cluster").forEach(c -> clusters.put(name(c), c));
        for (String database : List.of("moderation", "archive", "notifier")) {
            JsonNode db = ofKind(docs, "Database").stream()
                    .filter(d -> database.equals(d.path("spec").path("name").asText()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no Database " + database));
            String clusterName = db.path("spec").path("cluster").path("name").asText();
            JsonNode cluster = clusters.get(clusterName);
            assertThat(cluster).as(database + "'s cluster " + clusterName).isNotNull();

            JsonNode backup = cluster.path("spec").path("backup");
            assertThat(backup.path("retentionPolicy").asText())
                    .as(clusterName + " retention")
                    .matches("[0-9]+[dwm]");
            JsonNode store = backup.path("barmanObjectStore");
            assertThat(store.path("destinationPath").asText()).startsWith("s3://");
            assertCredentialsFromSecrets(store, clusterName);
            assertThat(store.path("wal").path("compression").asText()).isNotBlank();

            List<JsonNode> nightly = ofKind(docs, "ScheduledBackup").stream()
                    .filter(b -> clusterName.equals(
                            b.path("spec").path("cluster").path("name").asText()))
                    .toList();
            assertThat(nightly).as("a ScheduledBackup of " + clusterName).hasSize(1);
            assertThat(nightly.get(0).path("spec").path("method").asText()).isEqualTo("barmanObjectStore");
            assertThat(nightly.get(0).path("spec").path("schedule").asText())
                    .as("six cron fields, seconds first, once a day")
                    .matches("[0-5]?[0-9] [0-5]?[0-9] ([01]?[0-9]|2[0-3]) \\* \\* \\*");
        }
        for (JsonNode cluster : clusters.values()) {
            assertCredentialsFromSecrets(cluster.path("spec").path("backup").path("barmanObjectStore"), name(cluster));
        }

        // The recipes, applied by hand (not part of the kustomization).
        JsonNode base = clusters.get("tingvakt-db");
        JsonNode baseStore = base.path("spec").path("backup").path("barmanObjectStore");
        JsonNode now = DeployFiles.documents(ROOT.resolve("deploy/kubernetes/backup/backup-now.yaml"))
                .get(0);
        assertThat(now.path("kind").asText()).isEqualTo("Backup");
        assertThat(now.path("spec").path("cluster").path("name").asText()).isEqualTo(name(base));
        assertThat(now.path("spec").path("method").asText()).isEqualTo("barmanObjectStore");

        JsonNode restore = DeployFiles.documents(ROOT.resolve("deploy/kubernetes/backup/restore-cluster.yaml"))
                .get(0);
        assertThat(restore.path("kind").asText()).isEqualTo("Cluster");
        assertThat(name(restore))
                .as("the services reach the restored cluster unchanged")
                .isEqualTo(name(base));
        String source = restore.path("spec")
                .path("bootstrap")
                .path("recovery")
                .path("source")
                .asText();
        JsonNode external = null;
        for (JsonNode e : restore.path("spec").path("externalClusters")) {
            if (source.equals(e.path("name").asText())) {
                external = e.path("barmanObjectStore");
            }
        }
        assertThat(external)
                .as("the recovery source " + source + " among externalClusters")
                .isNotNull();
        assertThat(external.path("destinationPath").asText())
                .isEqualTo(baseStore.path("destinationPath").asText());
        assertThat(external.path("endpointURL").asText())
                .isEqualTo(baseStore.path("endpointURL").asText());
        assertThat(external.path("serverName").asText()).isEqualTo(name(base));
        assertThat(external.path("s3Credentials")).isEqualTo(baseStore.path("s3Credentials"));
        assertCredentialsFromSecrets(external, "the recovery source");
        JsonNode restoredStore = restore.path("spec").path("backup").path("barmanObjectStore");
        assertCredentialsFromSecrets(restoredStore, "the restored cluster");
        assertThat(restoredStore.path("destinationPath").asText())
                .isEqualTo(baseStore.path("destinationPath").asText());
        assertThat(restoredStore.path("serverName").asText())
                .as("the restored cluster archives apart from the cluster it came from")
                .isNotBlank()
                .isNotEqualTo(name(base));
        assertThat(restore.path("spec").path("backup").path("retentionPolicy"))
                .isEqualTo(base.path("spec").path("backup").path("retentionPolicy"));
        assertThat(restore.path("spec").path("imageName"))
                .isEqualTo(base.path("spec").path("imageName"));
        assertThat(restore.path("spec").path("managed"))
                .isEqualTo(base.path("spec").path("managed"));
    }

    /** Both S3 credentials are {name, key} references to one Secret: no value, no other field. */
    private static void assertCredentialsFromSecrets(JsonNode store, String where) {
        JsonNode credentials = store.path("s3Credentials");
        assertThat(credentials.isObject()).as(where + " has s3Credentials").isTrue();
        Set<String> secrets = new TreeSet<>();
        for (String field : List.of("accessKeyId", "secretAccessKey")) {
            JsonNode ref = credentials.path(field);
            Set<String> keys = new TreeSet<>();
            ref.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).as(where + " " + field + " is a Secret reference").containsExactly("key", "name");
            assertThat(ref.path("name").asText()).isNotBlank();
            assertThat(ref.path("key").asText()).isNotBlank();
            secrets.add(ref.path("name").asText());
        }
        Set<String> fields = new TreeSet<>();
        credentials.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .as(where + ": nothing inline beside the references")
                .containsExactly("accessKeyId", "secretAccessKey");
        assertThat(secrets).as(where + ": one Secret").hasSize(1);
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        var it = selector.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText())) {
                return false;
            }
        }
        return true;
    }

    private static boolean cnpgRoleSecret(List<JsonNode> docs, String secret) {
        for (JsonNode c : ofKind(docs, "Cluster")) {
            for (JsonNode role : c.path("spec").path("managed").path("roles")) {
                if (secret.equals(role.path("passwordSecret").path("name").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode env(JsonNode deployment, String variable) {
        for (JsonNode c : deployment.path("spec").path("template").path("spec").path("containers")) {
            for (JsonNode e : c.path("env")) {
                if (variable.equals(e.path("name").asText())) {
                    return e;
                }
            }
        }
        throw new AssertionError(name(deployment) + " does not set " + variable);
    }

    private static String envValue(JsonNode deployment, String variable) {
        return env(deployment, variable).path("value").asText();
    }

    private static String envSecret(JsonNode deployment, String variable) {
        return env(deployment, variable)
                .path("valueFrom")
                .path("secretKeyRef")
                .path("name")
                .asText();
    }
}
