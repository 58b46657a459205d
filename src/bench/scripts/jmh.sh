#!/usr/bin/env bash
# Storage-layer benchmark (JMH): RocksDbKvStore vs raw rocksdbjni on the same options vs MemoryKvStore.
# Usage: src/bench/scripts/jmh.sh [JMH options], e.g. -t 2 for two threads, or a benchmark regex.
# Prints JMH's table; see docs/BENCHMARKS.md for recorded results.
set -euo pipefail
cd "$(dirname "$0")/../../.."
./mvnw -q -B -Pbench test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" org.openjdk.jmh.Main \
  io.spear.next.bench.KvStoreBenchmark "$@"
