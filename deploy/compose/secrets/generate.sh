#!/bin/bash
# Runs before anything else on every `docker compose up` and writes each secret once, on first
# start: 32 random characters per password, nothing defaulted. Each consumer gets a folder of its
# own in the tollgate-secrets volume and mounts only that folder (a volume subpath), owned by the
# user its image runs as and readable by that user only.
set -euo pipefail
root=/secrets

password() {
  # 24 random bytes, base64 without the characters that need quoting in JAAS or URLs.
  head -c 24 /dev/urandom | base64 | tr -d '\n=' | tr '+/' '-_'
}

# ensure <folder> <file>: the secret <folder>/<file>, generated if missing.
ensure() {
  mkdir -p "$root/$1"
  if [ ! -s "$root/$1/$2" ]; then
    password > "$root/$1/$2"
    echo "generated $1/$2"
  fi
}

# copy <from folder>/<file> <to folder>/<file>: a consumer's own copy of a shared secret.
copy() {
  mkdir -p "$root/$3"
  cp "$root/$1/$2" "$root/$3/$4"
}

# own <folder> <uid>: the folder and its files belong to the image's user, mode 700/400.
own() {
  chown -R "$2:$2" "$root/$1"
  chmod 700 "$root/$1"
  chmod 400 "$root/$1"/*
}

ensure kafka tollgate-admin
ensure postgres superuser
ensure grafana admin
# The auditor's read-only Kafka login for ./tollgate audit (kafka folder: tollgate-auditor).
ensure kafka tollgate-auditor
for service in order-service regulator-service ledger-service; do
  ensure kafka "$service"
  ensure postgres "$service"
  copy kafka "$service" "$service" kafka-password
  copy postgres "$service" "$service" pg-password
done

own kafka 1000          # apache/kafka runs as appuser (uid 1000)
own postgres 999        # postgres:15 runs the server and its init scripts as postgres (uid 999)
own grafana 472         # grafana/grafana runs as uid 472
for service in order-service regulator-service ledger-service; do
  own "$service" 185    # the services' images run as uid 185 (Dockerfile.jvm)
done
