#!/usr/bin/env bash
# Vigil side-by-side benchmark (`./vigil bench [--quick]`): Vigil (relay and shared delivery), the
# gateway with the simple broker, RabbitMQ Web-STOMP direct and Socket.IO + Redis adapter, measured
# in one run on this machine, plus the stream-processor benchmark. Writes target/bench/results.json,
# docs/bench/*.png and the generated section of docs/benchmarks.md. See bench/README.md.
#   bench/run.sh [--quick]
#   bench/run.sh --fanout   (fan-out to 1,000 sessions only, into target/bench/fanout.json; no report)
# Environment: BENCH_SYSTEMS=a,b (subset), BENCH_WORKERS (client processes, 2), BENCH_STOMP_CLIENT
# (java: the lean JDK WebSocket STOMP client, the default; stompjs: @stomp/stompjs), BENCH_LOADGEN_CPUS
# (taskset list for the load generator; default: the last core), BENCH_SKIP_STREAM=1, BENCH_JFR=1
# (JFR recording of the relay gateway into target/bench/gateway-relay.jfr).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. "$root/infra/lib/jdk.sh"
vigil_ensure_jdk

mode=--full
case "${1:-}" in
  --quick) mode=--quick ;;
  --fanout) mode=--fanout; export BENCH_SKIP_STREAM=1 ;;
  ""|--full) ;;
  *) echo "usage: ./vigil bench [--quick|--fanout]" >&2; exit 2 ;;
esac
started=$(date +%s)
out="$root/target/bench"
mkdir -p "$out" "$root/docs/bench"

command -v node >/dev/null && command -v npm >/dev/null \
  || { echo "bench: Node.js 20+ and npm are needed (apt-get install nodejs npm)" >&2; exit 1; }

# The shared local services (idempotent: running ones are reused and left running, as with verify).
"$root/infra/services.sh" up >/dev/null

# npm dependencies from the committed lock file (node_modules is not committed).
if [ ! -d bench/peers/node_modules ] || [ bench/peers/package-lock.json -nt bench/peers/node_modules/.package-lock.json ]; then
  (cd bench/peers && npm ci --no-audit --no-fund --loglevel=error)
fi

# The gateway jar, copied so that a rebuild of ws-gateway during the run cannot pull it away.
find_jar() { ls ws-gateway/target/ws-gateway-*.jar 2>/dev/null | grep -v '\.original$' | head -n 1 || true; }
jar=${BENCH_GATEWAY_JAR:-$(find_jar)}
for _ in $(seq 1 30); do [ -n "$jar" ] && break; sleep 2; jar=$(find_jar); done
if [ -z "$jar" ]; then
  ./mvnw -q -B -pl ws-gateway -am package -DskipTests
  jar=$(find_jar)
fi
cp "$jar" "$out/ws-gateway.jar"

# The report builder (module bench: XChart plots, markdown), built before the run so that a build
# problem shows up in seconds, not after the measurements.
if [ ! -f "$out/report.classpath" ] || [ ! -d bench/target/classes ] \
  || [ -n "$(find bench/src/main bench/pom.xml -newer "$out/report.classpath" -print -quit)" ]; then
  ./mvnw -q -B -pl bench package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile="$out/report.classpath" >/dev/null
fi

# The load generator competes with the system under test for the cores: pin it (default: the last
# core) so that it cannot take all of them; its own CPU use is recorded with every figure.
cores=$(nproc)
if [ -z "${BENCH_LOADGEN_CPUS+x}" ] && [ "$cores" -ge 2 ]; then export BENCH_LOADGEN_CPUS=$((cores - 1)); fi
ulimit -n "$(ulimit -Hn)"
export BENCH_NOFILE="$(ulimit -n)"

results="$out/results.json"
[ "$mode" = --fanout ] && results="$out/fanout.json"
node bench/peers/loadgen/bench.mjs "$mode" --out "$results" --root "$root" \
  --java "$JAVA_HOME/bin/java" --jar "$out/ws-gateway.jar" \
  --loadgen-classpath "$root/bench/target/classes:$(cat "$out/report.classpath")" &
bench_pid=$!
trap 'kill -TERM "$bench_pid" 2>/dev/null; wait "$bench_pid" 2>/dev/null' INT TERM
wait "$bench_pid"
trap - INT TERM
if [ "$mode" = --fanout ]; then
  echo "bench: done in $(( $(date +%s) - started )) s: $results (no report for --fanout)"
  exit 0
fi

# With BENCH_JFR=1: the relay gateway's lock contention and hottest methods during the run, into the report.
hot="$out/gateway-relay-hot-methods.txt"
rm -f "$hot"
if [ -n "${BENCH_JFR:-}" ] && [ -f "$out/gateway-relay.jfr" ]; then
  { "$JAVA_HOME/bin/jfr" view --width 160 --truncate beginning contention-by-site "$out/gateway-relay.jfr" | head -n 20
    "$JAVA_HOME/bin/jfr" view --width 160 --truncate beginning hot-methods "$out/gateway-relay.jfr" | head -n 30
  } >"$hot" || rm -f "$hot"
fi

"$JAVA_HOME/bin/java" -Djava.awt.headless=true \
  -cp "$root/bench/target/classes:$(cat "$out/report.classpath")" \
  io.vigil.bench.report.BenchReport "$out/results.json" "$root/docs/benchmarks.md" "$root/docs/bench" \
  ${BENCH_JFR:+"$hot"}
echo "bench: done in $(( $(date +%s) - started )) s: $out/results.json, docs/benchmarks.md, docs/bench/*.png"
