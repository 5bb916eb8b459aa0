#!/bin/bash
# Starts one Kafka node of the compose stack from the environment below and the operator's
# password (the kafka folder of the tollgate-secrets volume): SCRAM-SHA-512 logins on every client
# listener, KRaft's StandardAuthorizer (no ACL, no access), the controller listener open to the
# operator only (SASL/PLAIN: KRaft cannot check SCRAM there). The operator's SCRAM credential
# goes into the metadata when the storage is formatted; kafka-init adds the service users and
# their ACLs with it.
#   KAFKA_NODE_ID, KAFKA_PROCESS_ROLES (broker,controller | broker | controller),
#   KAFKA_CONTROLLER_QUORUM_VOTERS, KAFKA_LISTENERS, KAFKA_ADVERTISED_LISTENERS (brokers),
#   KAFKA_REPLICAS (replicas of every topic), CLUSTER_ID
set -euo pipefail
secrets=/run/secrets/tollgate
admin=$(cat "$secrets/tollgate-admin")
conf=/tmp/tollgate-server.properties
data=/var/lib/kafka/data
replicas=${KAFKA_REPLICAS:-1}
min_isr=$(( replicas > 1 ? replicas - 1 : 1 ))
scram='org.apache.kafka.common.security.scram.ScramLoginModule required'
plain='org.apache.kafka.common.security.plain.PlainLoginModule required'

umask 077
cat > "$conf" <<PROPS
process.roles=$KAFKA_PROCESS_ROLES
node.id=$KAFKA_NODE_ID
controller.quorum.voters=$KAFKA_CONTROLLER_QUORUM_VOTERS
controller.listener.names=CONTROLLER
listeners=$KAFKA_LISTENERS
listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,INTERNAL:SASL_PLAINTEXT,HOST:SASL_PLAINTEXT
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=$plain username="tollgate-admin" password="$admin" user_tollgate-admin="$admin";
sasl.enabled.mechanisms=SCRAM-SHA-512
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:tollgate-admin
allow.everyone.if.no.acl.found=false
log.dirs=$data
min.insync.replicas=$min_isr
PROPS
if [[ ",$KAFKA_PROCESS_ROLES," == *",broker,"* ]]; then
  cat >> "$conf" <<PROPS
advertised.listeners=$KAFKA_ADVERTISED_LISTENERS
inter.broker.listener.name=INTERNAL
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.internal.scram-sha-512.sasl.jaas.config=$scram username="tollgate-admin" password="$admin";
listener.name.host.scram-sha-512.sasl.jaas.config=$scram;
num.partitions=6
default.replication.factor=$replicas
offsets.topic.replication.factor=$replicas
transaction.state.log.replication.factor=$replicas
transaction.state.log.min.isr=$min_isr
share.coordinator.state.topic.replication.factor=$replicas
share.coordinator.state.topic.min.isr=$min_isr
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS
fi

if [ ! -f "$data/meta.properties" ]; then
  bootstrap=()
  if [[ ",$KAFKA_PROCESS_ROLES," == *",controller,"* ]]; then
    # The metadata starts at the controller: the operator's credential is written there.
    bootstrap=(--add-scram "SCRAM-SHA-512=[name=tollgate-admin,password=$admin]")
  fi
  /opt/kafka/bin/kafka-storage.sh format -t "$CLUSTER_ID" -c "$conf" "${bootstrap[@]}"
fi
exec /opt/kafka/bin/kafka-server-start.sh "$conf"
