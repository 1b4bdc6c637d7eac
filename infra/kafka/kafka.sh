#!/usr/bin/env bash
# Local Kafka 4.x in KRaft mode (broker + controller on 127.0.0.1:9092/9093), assembled from Maven
# Central jars. Idempotent: reuses a broker that already answers on 9092.
#   infra/kafka/kafka.sh up | down | status | topics
set -euo pipefail
# shellcheck source=../lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

KAFKA_VERSION=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$VIGIL_ROOT/infra/kafka/pom.xml")
KAFKA_HOME="$VIGIL_SERVICES_HOME/kafka"
KAFKA_LIBS="$KAFKA_HOME/libs-$KAFKA_VERSION"
KAFKA_DATA="$KAFKA_HOME/data"
KAFKA_LOGS="$KAFKA_HOME/logs"
KAFKA_PID="$KAFKA_HOME/kafka.pid"
KAFKA_PORT=9092
KAFKA_HEAP=${VIGIL_KAFKA_HEAP:-512m}
TOPICS_CONF="$VIGIL_ROOT/infra/kafka/topics.conf"

kafka_pid() { [ -f "$KAFKA_PID" ] && kill -0 "$(cat "$KAFKA_PID")" 2>/dev/null && cat "$KAFKA_PID"; }

install_libs() {
  [ -f "$KAFKA_LIBS/.complete" ] && return 0
  log "assembling Kafka $KAFKA_VERSION from Maven Central into $KAFKA_LIBS"
  mkdir -p "$KAFKA_LIBS"
  "$VIGIL_ROOT/mvnw" -q -B -f "$VIGIL_ROOT/infra/kafka/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIBS" >"$KAFKA_HOME/install.log" 2>&1 \
    || die "could not fetch the Kafka jars from Maven Central (see $KAFKA_HOME/install.log)"
  touch "$KAFKA_LIBS/.complete"
}

# Runs a Kafka tool with the broker's jars; tools log errors only, to stderr.
kafka_java() {
  java -Dlog4j2.configurationFile="$VIGIL_ROOT/infra/kafka/log4j2-tools.properties" -cp "$KAFKA_LIBS/*" "$@"
}

format_storage() {
  [ -f "$KAFKA_DATA/meta.properties" ] && return 0
  mkdir -p "$KAFKA_DATA"
  local cluster_id
  cluster_id=$(kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
  log "formatting Kafka storage in $KAFKA_DATA (cluster $cluster_id)"
  kafka_java kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$KAFKA_HOME/server.properties" \
    >"$KAFKA_LOGS/format.log" 2>&1 || die "formatting Kafka storage failed (see $KAFKA_LOGS/format.log)"
}

sync_topics() {
  log "syncing topics with infra/kafka/topics.conf"
  kafka_java "$VIGIL_ROOT/infra/kafka/TopicsSync.java" "127.0.0.1:$KAFKA_PORT" "$TOPICS_CONF" \
    | sed 's/^/  /' \
    || die "could not sync topics (is Kafka on 127.0.0.1:$KAFKA_PORT healthy? see $KAFKA_LOGS/server.log)"
}

up() {
  ensure_jdk
  mkdir -p "$KAFKA_HOME" "$KAFKA_LOGS"
  install_libs
  if port_open "$KAFKA_PORT"; then
    ok "Kafka already answers on 127.0.0.1:$KAFKA_PORT; reusing it"
  else
    sed "s#@LOG_DIR@#$KAFKA_DATA#" "$VIGIL_ROOT/infra/kafka/server.properties" >"$KAFKA_HOME/server.properties"
    cp "$VIGIL_ROOT/infra/kafka/log4j2.properties" "$KAFKA_HOME/log4j2.properties"
    format_storage
    log "starting Kafka $KAFKA_VERSION (KRaft, heap $KAFKA_HEAP, logs in $KAFKA_LOGS)"
    setsid nohup java -Xms128m -Xmx"$KAFKA_HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
      -Dkafka.logs.dir="$KAFKA_LOGS" -Dlog4j2.configurationFile="$KAFKA_HOME/log4j2.properties" \
      -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_HOME/server.properties" \
      >"$KAFKA_LOGS/stdout.log" 2>&1 </dev/null &
    echo $! >"$KAFKA_PID"
    mark_started kafka
    wait_for_port "$KAFKA_PORT" 60 "Kafka (see $KAFKA_LOGS/server.log)"
    ok "Kafka is up on 127.0.0.1:$KAFKA_PORT"
  fi
  sync_topics
}

down() {
  local pid
  if ! was_started_by_vigil kafka; then
    log "Kafka was not started by Vigil; leaving it alone"
    return 0
  fi
  pid=$(kafka_pid || true)
  if [ -n "$pid" ]; then
    log "stopping Kafka (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && { warn "Kafka did not stop in 30s; killing it"; kill -9 "$pid"; }
  fi
  rm -f "$KAFKA_PID"
  clear_started kafka
}

status() {
  local pid
  pid=$(kafka_pid || true)
  if port_open "$KAFKA_PORT"; then
    printf '%-16s %-5s %-22s %s\n' kafka up "127.0.0.1:$KAFKA_PORT" "pid ${pid:-?}${pid:+ (started by vigil)}"
  else
    printf '%-16s %-5s %-22s %s\n' kafka down "127.0.0.1:$KAFKA_PORT" ""
  fi
}

topics() {
  ensure_jdk
  install_libs
  kafka_java "$VIGIL_ROOT/infra/kafka/TopicsSync.java" "127.0.0.1:$KAFKA_PORT" "$TOPICS_CONF" --describe 2>/dev/null
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  topics) topics ;;
  *) echo "usage: $0 up|down|status|topics" >&2; exit 2 ;;
esac
