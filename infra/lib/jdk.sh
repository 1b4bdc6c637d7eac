# shellcheck shell=sh
# Finds a JDK 21 or newer and exports JAVA_HOME (and PATH) to it.
# Sourced by ./mvnw and ./vigil, so it is POSIX sh. Vigil targets Java 21; the default `java`
# on many machines (Debian 12 included) is 17, which fails with "release version 21 not supported".

vigil_java_major() { # $1 = path to a java binary; prints its feature version or nothing
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

vigil_ensure_jdk() {
  # mvnw runs under `set -f`; globbing is needed here to list installed JDKs.
  case $- in *f*) vigil_restore_noglob=1; set +f ;; *) vigil_restore_noglob=0 ;; esac
  vigil_candidates=""
  [ -n "${JAVA_HOME:-}" ] && vigil_candidates="$JAVA_HOME"
  if command -v java >/dev/null 2>&1; then
    vigil_java_path=$(readlink -f "$(command -v java)")
    vigil_candidates="$vigil_candidates ${vigil_java_path%/bin/java}"
  fi
  for vigil_dir in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$vigil_dir" ] && vigil_candidates="$vigil_candidates $vigil_dir"
  done
  vigil_best="" vigil_best_major=0
  for vigil_dir in $vigil_candidates; do
    [ -x "$vigil_dir/bin/java" ] && [ -x "$vigil_dir/bin/javac" ] || continue
    vigil_major=$(vigil_java_major "$vigil_dir/bin/java")
    [ -n "$vigil_major" ] || continue
    if [ "$vigil_major" -ge 21 ]; then
      # The first acceptable candidate wins: an explicit JAVA_HOME or the PATH's java come first.
      vigil_best="$vigil_dir" vigil_best_major="$vigil_major"
      break
    fi
  done
  [ "$vigil_restore_noglob" = 1 ] && set -f
  if [ -z "$vigil_best" ]; then
    echo "vigil: no JDK 21 or newer found (looked at JAVA_HOME, the java on PATH and /usr/lib/jvm/*)." >&2
    echo "vigil: install one, e.g. 'apt-get install openjdk-21-jdk' or Temurin 21/25, or set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME="$vigil_best"
  PATH="$JAVA_HOME/bin:$PATH"
  export JAVA_HOME PATH
  return 0
}
