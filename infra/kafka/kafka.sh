#!/usr/bin/env bash
# Local Kafka 4.x in KRaft mode (broker + controller on 127.0.0.1:9092/9093), assembled from Maven
# Central jars. Idempotent: reuses a broker that already answers on 9092.
#   infra/kafka/kafka.sh up | down | status | topics
set -euo pipefail
# shellcheck source=../lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KAFKA_HOME="$VIGIL_SERVICES_HOME/kafka"
KAFKA_DATA="$KAFKA_HOME/data"
KAFKA_LOGS="$KAFKA_HOME/logs"
KAFKA_PID="$KAFKA_HOME/kafka.pid"
KAFKA_PORT=9092
KAFKA_HEAP=${VIGIL_KAFKA_HEAP:-512m}

kafka_pid() { pid_in "$KAFKA_PID"; }

format_storage() {
  [ -f "$KAFKA_DATA/meta.properties" ] && return 0
  mkdir -p "$KAFKA_DATA"
  local cluster_id
  cluster_id=$(kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
  log "formatting Kafka storage in $KAFKA_DATA (cluster $cluster_id)"
  kafka_java kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$KAFKA_HOME/server.properties" \
    >"$KAFKA_LOGS/format.log" 2>&1 || die "formatting Kafka storage failed (see $KAFKA_LOGS/format.log)"
}

up() {
  ensure_jdk
  mkdir -p "$KAFKA_HOME" "$KAFKA_LOGS"
  install_libs
  if port_open "$KAFKA_PORT"; then
    ok "Kafka already answers on 127.0.0.1:$KAFKA_PORT; reusing it"
  else
    sed "s#@LOG_DIR@#$KAFKA_DATA#" "$VIGIL_ROOT/infra/kafka/server.properties" >"$KAFKA_HOME/server.properties"
    format_storage
    log "starting Kafka $KAFKA_VERSION (KRaft, heap $KAFKA_HEAP, logs in $KAFKA_LOGS)"
    start_node "$KAFKA_HOME/server.properties" "$KAFKA_LOGS" "$KAFKA_PID" "$KAFKA_HEAP"
    mark_started kafka
    wait_for_port "$KAFKA_PORT" 60 "Kafka (see $KAFKA_LOGS/server.log)"
    ok "Kafka is up on 127.0.0.1:$KAFKA_PORT"
  fi
  sync_topics "127.0.0.1:$KAFKA_PORT"
}

down() {
  local pid
  if ! was_started_by_vigil kafka; then
    log "Kafka was not started by Vigil; leaving it alone"
    return 0
  fi
  stop_node "$KAFKA_PID" Kafka
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
