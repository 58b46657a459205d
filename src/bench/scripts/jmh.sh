#!/usr/bin/env bash
# Storage-layer benchmark (JMH): RocksDbKvStore vs raw rocksdbjni on the same options vs MemoryKvStore.
# Usage: src/bench/scripts/jmh.sh [JMH arguments]; without arguments it runs every KvStoreBenchmark
# row on one thread. Examples: -t 2 (two threads); 'KvStoreBenchmark.scan' -p backend=store,raw.
# Prints JMH's table; see docs/BENCHMARKS.md for recorded results.
set -euo pipefail
cd "$(dirname "$0")/../../.."
./mvnw -q -B -Pbench test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
[ $# -gt 0 ] || set -- io.spear.next.bench.KvStoreBenchmark
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" org.openjdk.jmh.Main "$@"
