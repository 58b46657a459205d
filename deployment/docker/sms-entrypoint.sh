#!/bin/sh
# The image's entry point: runs the service on whatever Java the base image puts on the PATH.
# JVM options come from JAVA_TOOL_OPTIONS or JDK_JAVA_OPTIONS, which java reads by itself. The
# arguments go to the service, which takes the options of Spear's own SMS (sms -c FILE,
# --http-addr ...; SPEAR_CONFIG names the file too); as in Spear's image, arguments that start with
# an option get "sms" in front.
set -e
# jemalloc where the base image has it (Debian's libjemalloc2): RocksDB's allocations from many
# threads fragment glibc's heap, 92 MiB more resident at 1M nodes (docs/BENCHMARKS.md). With two
# arenas and freed pages given back by a background thread within a second, 75 MiB less again
# (MALLOC_CONF set by the operator wins). Elsewhere glibc, with MALLOC_ARENA_MAX=2.
for jemalloc in /usr/lib/*-linux-gnu/libjemalloc.so.2 /usr/lib64/libjemalloc.so.2; do
  if [ -e "$jemalloc" ]; then
    export LD_PRELOAD="${LD_PRELOAD:+$LD_PRELOAD:}$jemalloc"
    export MALLOC_CONF="${MALLOC_CONF:-narenas:2,background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0}"
    break
  fi
done
case "${1:-}" in
  -*) set -- sms "$@" ;;
esac
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -jar /deployments/quarkus-run.jar "$@"
