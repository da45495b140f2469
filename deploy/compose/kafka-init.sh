#!/bin/sh
# Kafka set-up for docker-compose.yml (one host, SASL/PLAIN): topics with their retention, and each service's ACLs.
# Run once by the kafka-init service after the broker is healthy; safe to run again (a changed retention is applied to
# existing topics, ACLs are added idempotently). `kafka-init.sh health` is the broker's own healthcheck.
# The ACLs are in kafka-acls.txt: the same as the KafkaUsers' in deploy/kubernetes/base/kafka-users.yaml (e2e's
# KubernetesShapesTest compares them).
# Environment: TINGVAKT_KAFKA_ADMIN_PASSWORD (required), TINGVAKT_TOPIC_RETENTION_MS (default 604800000 = 7 days),
# TINGVAKT_TOPIC_PARTITIONS (default 3).
set -eu
BIN=${KAFKA_BIN:-/opt/kafka/bin}
CONFIG=/tmp/tingvakt-admin.properties
umask 077
cat > "$CONFIG" <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${TINGVAKT_KAFKA_ADMIN_PASSWORD:?set TINGVAKT_KAFKA_ADMIN_PASSWORD}";
PROPS

if [ "${1:-}" = health ]; then
  exec "$BIN/kafka-topics.sh" --bootstrap-server localhost:9092 --command-config "$CONFIG" --list >/dev/null
fi

BOOTSTRAP=${KAFKA_BOOTSTRAP:-kafka:9092}
RETENTION=${TINGVAKT_TOPIC_RETENTION_MS:-604800000}
PARTITIONS=${TINGVAKT_TOPIC_PARTITIONS:-3}

topic() { # name partitions
  "$BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$CONFIG" --create --if-not-exists \
    --topic "$1" --partitions "$2" --replication-factor 1 --config retention.ms="$RETENTION" --config segment.ms=86400000 --config cleanup.policy=delete
  "$BIN/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$CONFIG" --alter \
    --entity-type topics --entity-name "$1" --add-config retention.ms="$RETENTION"
}
for t in comments.received comments.classified moderation.actions archive.requests archive.records accounts.health \
  privacy.erasure-requests privacy.erasure-reports; do
  topic "$t" "$PARTITIONS"
  topic "$t.dlq" 1
done

# ACLs: one a line in kafka-acls.txt (mounted beside this script): <user> <operation> <topic|group> <name>.
grep -v '^#' "$(dirname "$0")/kafka-acls.txt" | while read -r user operation type name; do
  [ -n "$user" ] || continue
  "$BIN/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$CONFIG" --add --allow-principal "User:$user" \
    --operation "$operation" --operation Describe "--$type" "$name" --resource-pattern-type literal >/dev/null
done

echo "Topics (retention.ms=$RETENTION) and ACLs are in place."
