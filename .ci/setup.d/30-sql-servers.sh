#!/usr/bin/env bash
# The SQL engine's cross-engine tests start their own PostgreSQL and a two-shard
# ClickHouse on loopback ports (and stop them after); here only the packages are
# installed when missing. Nothing is started.
set -euo pipefail
. "$(dirname "$0")/apt-install.sh.inc"
apt_install postgresql clickhouse-server
