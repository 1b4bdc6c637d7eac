#!/usr/bin/env bash
# Local RabbitMQ (Debian's rabbitmq-server) with the STOMP, Web-STOMP and management plugins and
# Vigil's definitions (vhost `vigil`, one user per service, task exchanges and queues).
# Idempotent: reuses a running broker, but restarts one whose open-files limit is too low, since
# the STOMP relay opens one broker connection per browser session.
#   infra/rabbitmq/rabbitmq.sh up | down | status
set -euo pipefail
# shellcheck source=../lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

PLUGINS=(rabbitmq_management rabbitmq_stomp rabbitmq_web_stomp)
DEFINITIONS="$VIGIL_ROOT/infra/rabbitmq/definitions.json"
MIN_OPEN_FILES=${VIGIL_RABBITMQ_MIN_OPEN_FILES:-10000}
# Ports: AMQP, management HTTP API, STOMP, Web-STOMP.
AMQP_PORT=5672 MGMT_PORT=15672 STOMP_PORT=61613 WEB_STOMP_PORT=15674

rabbit_pid() { pgrep -f 'beam\.smp.*-s rabbit' | head -n 1 || pgrep -f 'beam\.smp.*rabbit' | head -n 1 || true; }

ensure_installed() {
  command -v rabbitmq-server >/dev/null 2>&1 || [ -x /usr/sbin/rabbitmq-server ] || apt_install rabbitmq-server
}

# The Debian wrappers in /usr/sbin switch to the rabbitmq user (and its Erlang cookie) when run as root.
rabbitmqctl_() { /usr/sbin/rabbitmqctl "$@"; }

enable_plugins() {
  local enabled_file=/etc/rabbitmq/enabled_plugins missing=()
  for plugin in "${PLUGINS[@]}"; do
    grep -q "$plugin" "$enabled_file" 2>/dev/null || missing+=("$plugin")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  is_root || die "RabbitMQ plugins ${missing[*]} are not enabled; as root run: rabbitmq-plugins enable ${PLUGINS[*]}"
  log "enabling RabbitMQ plugins ${PLUGINS[*]}"
  if port_open "$AMQP_PORT"; then
    /usr/sbin/rabbitmq-plugins enable "${PLUGINS[@]}" >/dev/null
  else
    /usr/sbin/rabbitmq-plugins enable --offline "${PLUGINS[@]}" >/dev/null
  fi
}

start_broker() {
  is_root || die "RabbitMQ is not running and starting it needs root (run: sudo $0 up)"
  raise_open_files_limit
  log "starting RabbitMQ with open-files limit $(ulimit -n)"
  # Debian's wrapper switches user with `su`, whose PAM session resets the open-files limit to
  # 1024; setpriv switches user without PAM, so the raised limit reaches the broker.
  if command -v setpriv >/dev/null 2>&1 && id rabbitmq >/dev/null 2>&1; then
    (cd /var/lib/rabbitmq && setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups \
      env HOME=/var/lib/rabbitmq /usr/lib/rabbitmq/bin/rabbitmq-server -detached) >/dev/null 2>&1 || true
  else
    /usr/sbin/rabbitmq-server -detached >/dev/null 2>&1 || true
  fi
}

stop_broker() {
  rabbitmqctl_ stop >/dev/null 2>&1 || true
  for _ in $(seq 1 120); do port_open "$AMQP_PORT" || [ -n "$(rabbit_pid)" ] || return 0; [ -z "$(rabbit_pid)" ] && return 0; sleep 0.25; done
  local pid; pid=$(rabbit_pid)
  [ -n "$pid" ] && { warn "RabbitMQ did not stop in 30s; killing pid $pid"; kill -9 "$pid"; }
}

check_open_files_limit() {
  local pid limit
  pid=$(rabbit_pid)
  [ -n "$pid" ] || return 0
  limit=$(open_files_limit "$pid")
  [ -n "$limit" ] && [ "$limit" != unlimited ] && [ "$limit" -lt "$MIN_OPEN_FILES" ] || return 0
  if ! is_root; then
    warn "RabbitMQ runs with an open-files limit of $limit (about $((limit * 81 / 100)) sockets): it breaks" \
      "beyond that. Restart it as root with 'ulimit -n \$(ulimit -Hn); rabbitmq-server -detached'."
    return 0
  fi
  log "RabbitMQ runs with an open-files limit of $limit (< $MIN_OPEN_FILES); restarting it with $(ulimit -Hn)"
  stop_broker
  start_broker
}

load_definitions() {
  # The management API takes the definitions as they are; rabbitmqctl is the fallback for a broker
  # whose guest user cannot log in from here.
  if curl -fsS -o /dev/null --max-time 20 -u guest:guest -H 'content-type: application/json' \
      -X POST "http://127.0.0.1:$MGMT_PORT/api/definitions" --data-binary "@$DEFINITIONS" 2>/dev/null \
    || curl -fsS -o /dev/null --max-time 20 -u vigil-admin:vigil-admin-dev -H 'content-type: application/json' \
      -X POST "http://127.0.0.1:$MGMT_PORT/api/definitions" --data-binary "@$DEFINITIONS" 2>/dev/null; then
    return 0
  fi
  is_root || die "could not load $DEFINITIONS into RabbitMQ (management API refused guest and vigil-admin)"
  cp "$DEFINITIONS" /tmp/vigil-rabbitmq-definitions.json && chmod 644 /tmp/vigil-rabbitmq-definitions.json
  rabbitmqctl_ import_definitions /tmp/vigil-rabbitmq-definitions.json >/dev/null \
    || die "could not load $DEFINITIONS into RabbitMQ"
}

up() {
  ensure_installed
  enable_plugins
  if port_open "$AMQP_PORT"; then
    check_open_files_limit
  else
    start_broker
    mark_started rabbitmq
  fi
  wait_for_port "$AMQP_PORT" 90 "RabbitMQ (see /var/log/rabbitmq/)"
  wait_for_http "http://127.0.0.1:$MGMT_PORT/api/overview" 90 "RabbitMQ management plugin" -u guest:guest
  wait_for_port "$STOMP_PORT" 60 "RabbitMQ STOMP plugin"
  wait_for_port "$WEB_STOMP_PORT" 60 "RabbitMQ Web-STOMP plugin"
  load_definitions
  ok "RabbitMQ is up: AMQP 127.0.0.1:$AMQP_PORT, STOMP $STOMP_PORT, Web-STOMP $WEB_STOMP_PORT," \
    "management http://127.0.0.1:$MGMT_PORT (vhost vigil, open-files limit $(open_files_limit "$(rabbit_pid)"))"
}

down() {
  if ! was_started_by_vigil rabbitmq; then
    log "RabbitMQ was not started by Vigil; leaving it alone"
    return 0
  fi
  log "stopping RabbitMQ"
  stop_broker
  clear_started rabbitmq
}

status() {
  local pid
  pid=$(rabbit_pid)
  if port_open "$AMQP_PORT"; then
    printf '%-16s %-5s %-22s %s\n' rabbitmq up "127.0.0.1:$AMQP_PORT" \
      "pid ${pid:-?}, open files $(open_files_limit "$pid"), stomp $(port_open $STOMP_PORT && echo up || echo down), management http://127.0.0.1:$MGMT_PORT"
  else
    printf '%-16s %-5s %-22s %s\n' rabbitmq down "127.0.0.1:$AMQP_PORT" ""
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
