#!/usr/bin/env bash
# Crash durability: kill -9 the packaged service at random moments under write load, restart it on
# the same directory, check every acknowledged write (docs/RELIABILITY.md). Builds nothing: run
#   ./mvnw package -DskipTests
# first. Usage: src/bench/scripts/crash.sh [CYCLES [CLIENTS [NODES_PER_CLIENT]]]
# KV_* and SMS_* variables pass through to the service (e.g. KV_ROCKSDB_SYNC=true).
set -euo pipefail
cd "$(dirname "$0")/../../.."
[ -f target/quarkus-app/quarkus-run.jar ] || { echo "run ./mvnw package -DskipTests first" >&2; exit 1; }
. src/bench/scripts/harness.sh
exec java -cp "$(bench_classpath)" io.spear.next.reliability.CrashHarness "$@"
