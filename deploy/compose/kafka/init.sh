#!/bin/bash
# Runs once per `docker compose up`, as the operator: creates the topics (event topics keep
# everything), writes each service's SCRAM user from its generated password, and makes each
# service's ACLs the grants in KAFKA_ACLS (compose.yaml's x-kafka-acls, which deploy's
# ComposeManifestTest compares with contracts' KafkaAccess). Idempotent; it only adds, so a grant
# taken out of the table is removed by hand (kafka-acls.sh --remove, see docs/security.md).
#   KAFKA_BOOTSTRAP (brokers), KAFKA_REPLICAS, KAFKA_ACLS (lines: <user> <topic|group> <name> <Op,Op>)
set -euo pipefail
secrets=/run/secrets/tollgate
bin=/opt/kafka/bin
umask 077
login=/tmp/tollgate-admin.properties
cat > "$login" <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="tollgate-admin" password="$(cat "$secrets/tollgate-admin")";
PROPS
replicas=${KAFKA_REPLICAS:-1}
min_isr=$(( replicas > 1 ? replicas - 1 : 1 ))

for t in tollgate.orders.v1 tollgate.authorizations.v1 tollgate.ledger-checkpoints.v1 tollgate.order-service.dlt tollgate.regulator-service.dlt tollgate.ledger-service.dlt; do
  $bin/kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config "$login" --create --if-not-exists \
    --topic "$t" --partitions 6 --replication-factor "$replicas" \
    --config min.insync.replicas="$min_isr" --config retention.ms=-1
done

# The services, and the auditor's read-only user for ./tollgate audit (docs/security.md).
for service in order-service regulator-service ledger-service tollgate-auditor; do
  $bin/kafka-configs.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config "$login" --alter \
    --entity-type users --entity-name "$service" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$(cat "$secrets/$service")]"
done

while read -r user type name operations; do
  [ -z "$user" ] && continue
  args=()
  for op in ${operations//,/ }; do
    args+=(--operation "$op")
  done
  $bin/kafka-acls.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config "$login" --add \
    --allow-principal "User:$user" --"$type" "$name" --resource-pattern-type literal "${args[@]}"
done <<< "$KAFKA_ACLS"
