#!/usr/bin/env bash
# Local Redis (Debian's redis-server) on 127.0.0.1:6379. Idempotent: reuses a running server.
# Vigil keeps only rebuildable state in Redis (latest values, presence, bounded histories), so the
# local server runs without persistence.
#   infra/redis/redis.sh up | down | status
set -euo pipefail
# shellcheck source=../lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

REDIS_PORT=6379
REDIS_HOME="$VIGIL_SERVICES_HOME/redis"

redis_pid() { pgrep -f "redis-server .*:$REDIS_PORT" | head -n 1 || true; }

up() {
  if port_open "$REDIS_PORT"; then
    [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ] \
      || die "something answers on 127.0.0.1:$REDIS_PORT but it is not a healthy Redis (PING failed)"
    ok "Redis already answers on 127.0.0.1:$REDIS_PORT; reusing it"
    return 0
  fi
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  mkdir -p "$REDIS_HOME"
  raise_open_files_limit
  log "starting Redis on 127.0.0.1:$REDIS_PORT (no persistence, logs in $REDIS_HOME)"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir "$REDIS_HOME" --logfile "$REDIS_HOME/redis.log" --pidfile "$REDIS_HOME/redis.pid" --maxclients 10000 \
    || die "redis-server failed to start (see $REDIS_HOME/redis.log)"
  mark_started redis
  wait_for_port "$REDIS_PORT" 30 "Redis (see $REDIS_HOME/redis.log)"
  ok "Redis is up on 127.0.0.1:$REDIS_PORT"
}

down() {
  if ! was_started_by_vigil redis; then
    log "Redis was not started by Vigil; leaving it alone"
    return 0
  fi
  log "stopping Redis"
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  clear_started redis
}

status() {
  if port_open "$REDIS_PORT"; then
    printf '%-16s %-5s %-22s %s\n' redis up "127.0.0.1:$REDIS_PORT" "pid $(redis_pid), $(redis-cli -h 127.0.0.1 -p $REDIS_PORT info server 2>/dev/null | tr -d '\r' | sed -n 's/^redis_version:/redis /p')"
  else
    printf '%-16s %-5s %-22s %s\n' redis down "127.0.0.1:$REDIS_PORT" ""
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
