#!/usr/bin/env bash
# One database, one role and schema per service, no rights on another's schema (as deploy/infra's PostgresServer does).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE DATABASE nia;
SQL
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname nia <<SQL
REVOKE ALL ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON DATABASE nia FROM PUBLIC;
CREATE ROLE sync_api LOGIN PASSWORD '${DB_PASSWORD_SYNC_API}';
CREATE ROLE conflict_service LOGIN PASSWORD '${DB_PASSWORD_CONFLICT_SERVICE}';
CREATE ROLE creatio_gateway LOGIN PASSWORD '${DB_PASSWORD_CREATIO_GATEWAY}';
CREATE SCHEMA sync_api AUTHORIZATION sync_api;
CREATE SCHEMA conflict_service AUTHORIZATION conflict_service;
CREATE SCHEMA creatio_gateway AUTHORIZATION creatio_gateway;
GRANT CONNECT ON DATABASE nia TO sync_api, conflict_service, creatio_gateway;
SQL
