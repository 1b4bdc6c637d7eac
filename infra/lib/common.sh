# shellcheck shell=bash
# Shared helpers for Vigil's infra scripts and the `vigil` command (bash).

VIGIL_ROOT=${VIGIL_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
# Machine-level state of the services Vigil runs itself (Kafka jars, data, logs), shared by every
# checkout on the machine, like the Debian services RabbitMQ and Redis are.
VIGIL_SERVICES_HOME=${VIGIL_SERVICES_HOME:-$HOME/.vigil}
# What this checkout's `vigil up` started: pids, logs.
VIGIL_RUN_DIR=${VIGIL_RUN_DIR:-$VIGIL_ROOT/.vigil}
# Services that Vigil's scripts started (not merely found running) leave a marker here, so that
# `vigil down` stops them and leaves everything else alone.
VIGIL_STARTED_DIR="$VIGIL_SERVICES_HOME/started"
export VIGIL_ROOT VIGIL_SERVICES_HOME VIGIL_RUN_DIR

if [ -t 1 ]; then _c_ok=$'\e[32m' _c_warn=$'\e[33m' _c_err=$'\e[31m' _c_off=$'\e[0m'; else _c_ok='' _c_warn='' _c_err='' _c_off=''; fi
log()  { printf '%s\n' "vigil: $*"; }
ok()   { printf '%s\n' "${_c_ok}vigil: $*${_c_off}"; }
warn() { printf '%s\n' "${_c_warn}vigil: warning: $*${_c_off}" >&2; }
die()  { printf '%s\n' "${_c_err}vigil: error: $*${_c_off}" >&2; exit 1; }

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for_port PORT SECONDS WHAT: polls until the port answers, or fails naming WHAT.
wait_for_port() {
  local port=$1 seconds=$2 what=$3 i
  for ((i = 0; i < seconds * 4; i++)); do
    port_open "$port" && return 0
    sleep 0.25
  done
  die "$what did not open 127.0.0.1:$port within ${seconds}s"
}

# wait_for_http URL SECONDS WHAT [CURL_ARGS...]: polls until the URL answers 2xx.
wait_for_http() {
  local url=$1 seconds=$2 what=$3 i
  shift 3
  for ((i = 0; i < seconds * 2; i++)); do
    curl -fsS -o /dev/null --max-time 2 "$@" "$url" 2>/dev/null && return 0
    sleep 0.5
  done
  die "$what did not answer $url within ${seconds}s"
}

is_root() { [ "$(id -u)" = 0 ]; }

# apt_install PACKAGE...: installs Debian packages, or says clearly why it cannot.
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "missing $*: install it with your package manager (this script knows apt only)"
  is_root || die "missing $*: run as root, or install it first (sudo apt-get install $*)"
  log "installing $* with apt-get"
  if [ ! -f "$VIGIL_SERVICES_HOME/.apt-updated" ] || [ -n "$(find "$VIGIL_SERVICES_HOME/.apt-updated" -mmin +1440 2>/dev/null)" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq || die "apt-get update failed"
    mkdir -p "$VIGIL_SERVICES_HOME" && touch "$VIGIL_SERVICES_HOME/.apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null || die "apt-get install $* failed"
}

mark_started() { mkdir -p "$VIGIL_STARTED_DIR" && date -u +%FT%TZ >"$VIGIL_STARTED_DIR/$1"; }
was_started_by_vigil() { [ -f "$VIGIL_STARTED_DIR/$1" ]; }
clear_started() { rm -f "$VIGIL_STARTED_DIR/$1"; }

# The soft open-files limit of a running process, or empty.
open_files_limit() { awk '/^Max open files/ {print $4}' "/proc/$1/limits" 2>/dev/null; }

# Raises this shell's soft open-files limit to the hard one (servers started from it inherit it).
raise_open_files_limit() { ulimit -n "$(ulimit -Hn)" 2>/dev/null || true; }

ensure_jdk() {
  # shellcheck source=jdk.sh
  . "$VIGIL_ROOT/infra/lib/jdk.sh"
  vigil_ensure_jdk || exit 1
}
