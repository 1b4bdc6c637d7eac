#!/usr/bin/env sh
# Stream-processor throughput benchmark (see docs/benchmarks.md). Not part of `verify`.
#   stream-processor/bench.sh [events=500000] [partitions=6] [latencyEvents=3000] [latencyRate=500]
# Needs the local Kafka (infra/services.sh up). Extra JVM options: BENCH_JAVA_OPTS.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/infra/lib/jdk.sh"
vigil_ensure_jdk
cd "$root"
cp_file="$root/stream-processor/target/bench.classpath"
./mvnw -q -B -pl stream-processor -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
exec "$JAVA_HOME/bin/java" -Xmx2g ${BENCH_JAVA_OPTS:-} \
  -Dlogback.configurationFile="$root/stream-processor/src/test/resources/logback-bench.xml" \
  -cp "$root/stream-processor/target/test-classes:$root/stream-processor/target/classes:$(cat "$cp_file")" \
  io.vigil.stream.bench.ThroughputBenchmark "$@"
