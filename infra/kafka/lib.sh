# shellcheck shell=bash
# What kafka.sh (the single broker) and cluster.sh (the 3-broker cluster) share: the Kafka jars
# assembled from Maven Central, running Kafka's tools with them, starting and stopping a node, and
# syncing topics.conf. Source after infra/lib/common.sh.

KAFKA_VERSION=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$VIGIL_ROOT/infra/kafka/pom.xml")
# The jars are shared by every local Kafka of the machine, single broker and cluster alike.
KAFKA_LIBS="$VIGIL_SERVICES_HOME/kafka/libs-$KAFKA_VERSION"
TOPICS_CONF="$VIGIL_ROOT/infra/kafka/topics.conf"

install_libs() {
  [ -f "$KAFKA_LIBS/.complete" ] && return 0
  log "assembling Kafka $KAFKA_VERSION from Maven Central into $KAFKA_LIBS"
  mkdir -p "$KAFKA_LIBS"
  "$VIGIL_ROOT/mvnw" -q -B -f "$VIGIL_ROOT/infra/kafka/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIBS" >"$VIGIL_SERVICES_HOME/kafka/install.log" 2>&1 \
    || die "could not fetch the Kafka jars from Maven Central (see $VIGIL_SERVICES_HOME/kafka/install.log)"
  touch "$KAFKA_LIBS/.complete"
}

# Runs a Kafka tool with the broker's jars; tools log errors only, to stderr.
kafka_java() {
  java -Dlog4j2.configurationFile="$VIGIL_ROOT/infra/kafka/log4j2-tools.properties" -cp "$KAFKA_LIBS/*" "$@"
}

# The pid in a pid file, if that process is alive.
pid_in() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null && cat "$1"; }

# start_node PROPERTIES LOG_DIR PID_FILE HEAP: starts kafka.Kafka in the background.
start_node() {
  local props=$1 logs=$2 pidfile=$3 heap=$4
  mkdir -p "$logs"
  cp "$VIGIL_ROOT/infra/kafka/log4j2.properties" "$logs/../log4j2.properties"
  setsid nohup java -Xms128m -Xmx"$heap" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Dkafka.logs.dir="$logs" -Dlog4j2.configurationFile="$logs/../log4j2.properties" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$props" \
    >"$logs/stdout.log" 2>&1 </dev/null &
  echo $! >"$pidfile"
}

# stop_node PID_FILE WHAT [SIGNAL]: SIGTERM (or the given signal), then SIGKILL after 30 s.
stop_node() {
  local pidfile=$1 what=$2 signal=${3:-TERM} pid
  pid=$(pid_in "$pidfile" || true)
  if [ -n "$pid" ]; then
    log "stopping $what (pid $pid, SIG$signal)"
    kill -s "$signal" "$pid"
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && { warn "$what did not stop in 30s; killing it"; kill -9 "$pid"; }
  fi
  rm -f "$pidfile"
}

# sync_topics BOOTSTRAP [TopicsSync options...]: makes the brokers' topics match topics.conf.
sync_topics() {
  local bootstrap=$1
  shift
  log "syncing topics with infra/kafka/topics.conf${*:+ ($*)}"
  kafka_java "$VIGIL_ROOT/infra/kafka/TopicsSync.java" "$bootstrap" "$TOPICS_CONF" "$@" \
    | sed 's/^/  /' \
    || die "could not sync topics (is Kafka on $bootstrap healthy?)"
}
