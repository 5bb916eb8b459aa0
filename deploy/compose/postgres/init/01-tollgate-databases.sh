#!/bin/bash
# Runs once, on the first start of an empty PostgreSQL volume (docker-entrypoint-initdb.d):
# one login role for the services and one database per service, each owned by that role.
# Database names are the services' tollgate.db.name (checked by deploy's ManifestsTest).
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v role="$TOLLGATE_PG_USERNAME" -v password="$TOLLGATE_PG_PASSWORD" <<'EOSQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE "order" OWNER :"role";
CREATE DATABASE "regulator" OWNER :"role";
CREATE DATABASE "ledger" OWNER :"role";
EOSQL
