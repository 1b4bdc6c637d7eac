#!/usr/bin/env sh
# Stream-processor throughput benchmark (see docs/benchmarks.md). Not part of `verify`.
#   stream-processor/bench.sh [events=500000] [partitions=6] [latencyEvents=3000] [latencyRate=500]
# Needs the local Kafka (infra/services.sh up). Extra JVM options: BENCH_JAVA_OPTS.
# BENCH_RESULT_JSON=<file>: also write the run's figures there as one JSON object.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
# A relative result path means relative to where the script was called from.
case "${BENCH_RESULT_JSON:-}" in
  "" | /*) ;;
  *) BENCH_RESULT_JSON="$PWD/$BENCH_RESULT_JSON"; export BENCH_RESULT_JSON ;;
esac
. "$root/infra/lib/jdk.sh"
vigil_ensure_jdk
cd "$root"
cp_file="$root/stream-processor/target/bench.classpath"
# This module only (its dependencies come from the local repository): never rebuild sibling modules.
./mvnw -q -B -f stream-processor/pom.xml test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
exec "$JAVA_HOME/bin/java" -Xmx2g ${BENCH_JAVA_OPTS:-} \
  -Dlogback.configurationFile="$root/stream-processor/src/test/resources/logback-bench.xml" \
  -cp "$root/stream-processor/target/test-classes:$root/stream-processor/target/classes:$(cat "$cp_file")" \
  io.vigil.stream.bench.ThroughputBenchmark "$@"
