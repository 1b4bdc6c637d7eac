#!/usr/bin/env bash
# Live heap per STOMP session of the gateway, independent of GC sizing: class histograms (each
# taken after a full GC) with no session and with N sessions held, and their difference per session,
# largest classes first. Complements ./vigil bench, whose memory figure is RSS growth.
#   bench/heap-per-session.sh [sessions=1000] [extra gateway arguments...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. "$root/infra/lib/jdk.sh"
vigil_ensure_jdk
sessions=${1:-1000}
shift || true
out="$root/target/bench/heap"
mkdir -p "$out"
"$root/infra/services.sh" up >/dev/null
[ -d bench/peers/node_modules ] || (cd bench/peers && npm ci --no-audit --no-fund --loglevel=error)
jar=$(ls ws-gateway/target/ws-gateway-*.jar 2>/dev/null | grep -v '\.original$' | head -n 1 || true)
[ -n "$jar" ] || { ./mvnw -q -B -pl ws-gateway -am package -DskipTests; jar=$(ls ws-gateway/target/ws-gateway-*.jar | grep -v '\.original$' | head -n 1); }
cp "$jar" "$out/ws-gateway.jar"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
run="heap$(date +%s)"
secret=vigil-local-demo-secret-change-me-0123456789
"$JAVA_HOME/bin/java" -Xmx1536m -XX:+UseG1GC -jar "$out/ws-gateway.jar" --server.port="$port" \
  --spring.profiles.active=demo --vigil.state.key-prefix="bench:$run" \
  --spring.kafka.consumer.group-id="bench-$run-bridge" --logging.level.root=WARN "$@" >"$out/gateway.log" 2>&1 &
gateway=$!
holder=
cleanup() { [ -n "$holder" ] && kill "$holder" 2>/dev/null; kill "$gateway" 2>/dev/null; wait 2>/dev/null || true
  redis-cli --scan --pattern "bench:$run*" | xargs -r redis-cli del >/dev/null 2>&1 || true; }
trap cleanup EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null && break; sleep 1; done
# warm-up: a few sessions opened and closed, so that what is loaded once is in the baseline
node bench/peers/hold-sessions.mjs "ws://127.0.0.1:$port/ws" 200 100 "$secret" >"$out/warm-up.log" 2>&1 &
warm=$!
for _ in $(seq 1 60); do grep -q '^held' "$out/warm-up.log" && break; sleep 1; done
kill "$warm" 2>/dev/null || true
sleep 5
"$JAVA_HOME/bin/jcmd" "$gateway" GC.class_histogram >"$out/histogram-0.txt"
node bench/peers/hold-sessions.mjs "ws://127.0.0.1:$port/ws" "$sessions" 200 "$secret" >"$out/holder.log" 2>&1 &
holder=$!
for _ in $(seq 1 600); do grep -q '^held' "$out/holder.log" && break; sleep 1; done
cat "$out/holder.log"
sleep 3
"$JAVA_HOME/bin/jcmd" "$gateway" GC.class_histogram >"$out/histogram-$sessions.txt"
python3 - "$out/histogram-0.txt" "$out/histogram-$sessions.txt" "$sessions" <<'PY'
import re, sys
def load(path):
    rows = {}
    for line in open(path):
        m = re.match(r'\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)', line)
        if m: rows[m.group(3)] = (int(m.group(1)), int(m.group(2)))
    return rows
before, after, n = load(sys.argv[1]), load(sys.argv[2]), int(sys.argv[3])
diff = sorted(((after[k][1] - before.get(k, (0, 0))[1], after[k][0] - before.get(k, (0, 0))[0], k) for k in after), reverse=True)
total = sum(d for d, _, _ in diff)
print(f"live heap per session: {total / n / 1024:.1f} KiB ({total / 1048576:.1f} MiB for {n} sessions)")
for d, c, k in diff[:12]:
    print(f"  {d / n:8.0f} B/session  {c / n:6.1f} objects/session  {k}")
PY
