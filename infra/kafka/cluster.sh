#!/usr/bin/env bash
# A local 3-node Kafka cluster in KRaft mode (each node broker + controller), for checks that need
# replicas: losing a broker, min.insync.replicas, leader failover. Separate from the single broker
# everyone uses (kafka.sh, 9092): its own ports (brokers 19092-19094, controllers 19192-19194) and
# state (~/.vigil/kafka-cluster), the same jars and the same topics.conf, applied with replication
# factor 3 and min.insync.replicas=2. See infra/kafka/README.md.
#   infra/kafka/cluster.sh up | down | status | topics | bootstrap
#   infra/kafka/cluster.sh stop-broker N [--kill] | start-broker N      (N = 1, 2 or 3)
set -euo pipefail
# shellcheck source=../lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CLUSTER_HOME=${VIGIL_KAFKA_CLUSTER_HOME:-$VIGIL_SERVICES_HOME/kafka-cluster}
CLUSTER_HEAP=${VIGIL_KAFKA_CLUSTER_HEAP:-384m}
NODES=(1 2 3)
broker_port() { echo $((19091 + $1)); }
controller_port() { echo $((19191 + $1)); }
node_dir() { echo "$CLUSTER_HOME/node-$1"; }
node_pid() { pid_in "$(node_dir "$1")/kafka.pid"; }
BOOTSTRAP="127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094"
VOTERS="1@127.0.0.1:19192,2@127.0.0.1:19193,3@127.0.0.1:19194"
SYNC_OPTIONS=(--replication-factor 3 --min-insync-replicas 2)

check_node() { case ${1:-} in 1 | 2 | 3) ;; *) die "broker must be 1, 2 or 3, not '${1:-}'" ;; esac; }

# The cluster id is chosen once and shared by the three nodes' storage.
cluster_id() {
  local file="$CLUSTER_HOME/cluster.id"
  [ -s "$file" ] || kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1 >"$file"
  cat "$file"
}

prepare_node() {
  local n=$1 dir
  dir=$(node_dir "$n")
  mkdir -p "$dir/logs"
  sed -e "s#@NODE_ID@#$n#" -e "s#@PORT@#$(broker_port "$n")#" -e "s#@CONTROLLER_PORT@#$(controller_port "$n")#" \
    -e "s#@VOTERS@#$VOTERS#" -e "s#@LOG_DIR@#$dir/data#" \
    "$VIGIL_ROOT/infra/kafka/cluster-server.properties" >"$dir/server.properties"
  [ -f "$dir/data/meta.properties" ] && return 0
  log "formatting storage of cluster node $n in $dir/data"
  kafka_java kafka.tools.StorageTool format -t "$(cluster_id)" -c "$dir/server.properties" \
    >"$dir/logs/format.log" 2>&1 || die "formatting node $n failed (see $dir/logs/format.log)"
}

start_broker() {
  local n=$1 dir pid
  dir=$(node_dir "$n")
  pid=$(node_pid "$n" || true)
  if [ -n "$pid" ]; then
    log "cluster node $n already running (pid $pid)"
    return 0
  fi
  port_open "$(broker_port "$n")" && die "127.0.0.1:$(broker_port "$n") is taken by another process"
  prepare_node "$n"
  log "starting cluster node $n (broker 127.0.0.1:$(broker_port "$n"), heap $CLUSTER_HEAP, logs in $dir/logs)"
  start_node "$dir/server.properties" "$dir/logs" "$dir/kafka.pid" "$CLUSTER_HEAP"
}

# Topic creation needs all three brokers registered with the controllers: retried until it works.
sync_cluster_topics() {
  local i
  for i in $(seq 1 30); do
    if kafka_java "$VIGIL_ROOT/infra/kafka/TopicsSync.java" "$BOOTSTRAP" "$TOPICS_CONF" "${SYNC_OPTIONS[@]}" \
      >"$CLUSTER_HOME/topics.log" 2>&1; then
      sed 's/^/  /' "$CLUSTER_HOME/topics.log"
      return 0
    fi
    sleep 2
  done
  cat "$CLUSTER_HOME/topics.log" >&2
  die "could not sync topics on the cluster (see $CLUSTER_HOME/node-*/logs/server.log)"
}

up() {
  ensure_jdk
  mkdir -p "$CLUSTER_HOME" "$VIGIL_SERVICES_HOME/kafka"
  install_libs
  local n
  for n in "${NODES[@]}"; do start_broker "$n"; done
  for n in "${NODES[@]}"; do
    wait_for_port "$(broker_port "$n")" 90 "cluster node $n (see $(node_dir "$n")/logs/server.log)"
  done
  log "syncing topics with infra/kafka/topics.conf (${SYNC_OPTIONS[*]})"
  sync_cluster_topics
  ok "Kafka cluster is up: $BOOTSTRAP"
}

# All three at once: stopped one after another, the last ones wait in vain for a controller quorum
# to acknowledge their controlled shutdown.
down() {
  local n pid alive pids=()
  for n in "${NODES[@]}"; do
    pid=$(node_pid "$n" || true)
    [ -n "$pid" ] && { log "stopping cluster node $n (pid $pid)"; kill "$pid"; pids+=("$pid"); }
  done
  for _ in $(seq 1 120); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.25
  done
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null && { warn "cluster node (pid $pid) did not stop in 30s; killing it"; kill -9 "$pid"; }
  done
  for n in "${NODES[@]}"; do rm -f "$(node_dir "$n")/kafka.pid"; done
}

status() {
  local n pid port
  for n in "${NODES[@]}"; do
    pid=$(node_pid "$n" || true)
    port=$(broker_port "$n")
    if [ -n "$pid" ] && port_open "$port"; then
      printf '%-16s %-5s %-22s %s\n' "kafka-cluster-$n" up "127.0.0.1:$port" "pid $pid"
    else
      printf '%-16s %-5s %-22s %s\n' "kafka-cluster-$n" down "127.0.0.1:$port" "${pid:+pid $pid, not answering}"
    fi
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  topics)
    ensure_jdk; install_libs
    kafka_java "$VIGIL_ROOT/infra/kafka/TopicsSync.java" "$BOOTSTRAP" "$TOPICS_CONF" --describe "${SYNC_OPTIONS[@]}"
    ;;
  bootstrap) echo "$BOOTSTRAP" ;;
  stop-broker)
    check_node "${2:-}"
    stop_node "$(node_dir "$2")/kafka.pid" "cluster node $2" "$([ "${3:-}" = --kill ] && echo KILL || echo TERM)"
    ;;
  start-broker)
    check_node "${2:-}"
    ensure_jdk; install_libs
    start_broker "$2"
    wait_for_port "$(broker_port "$2")" 90 "cluster node $2 (see $(node_dir "$2")/logs/server.log)"
    ok "cluster node $2 is up on 127.0.0.1:$(broker_port "$2")"
    ;;
  *) echo "usage: $0 up|down|status|topics|bootstrap|stop-broker N [--kill]|start-broker N" >&2; exit 2 ;;
esac
