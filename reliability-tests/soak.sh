#!/usr/bin/env bash
# Long versions of the reliability and security checks (`./vigil soak --minutes N`).
#
# Round 1 runs every check of reliability-tests at soak scale (200,000 known events and more kills
# for the stream processor, 10,000 cross-tenant attempts, a million tiny frames, the hostile corpus
# ten times), and also the checks tagged known-defect (left out of the bounded `./mvnw verify`; they
# are recorded as "FAILED (known defect)" with the finding they wait for, and make the soak exit 1).
# While the N minutes are not used up, further rounds repeat the fault checks. Every
# round's figures are kept (target/reliability/round-<n>.json); the last round's results.json and
# the module's template give docs/reliability.md.
#
# Usage: reliability-tests/soak.sh [--minutes N] [--no-docs]
#        reliability-tests/soak.sh --docs-only   (docs/reliability.md from the last results, no run;
#                                                 after `./mvnw -pl reliability-tests verify`: the bounded figures)
set -euo pipefail

minutes=30
write_docs=1
docs_only=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --minutes) minutes="${2:?--minutes needs a number}"; shift 2 ;;
    --minutes=*) minutes="${1#--minutes=}"; shift ;;
    --no-docs) write_docs=0; shift ;;
    --docs-only) docs_only=1; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "soak.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
[[ "$minutes" =~ ^[0-9]+$ && "$minutes" -ge 1 ]] || { echo "soak.sh: --minutes must be a whole number >= 1" >&2; exit 2; }

module="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$module/.." && pwd)"
out="$module/target/reliability"
mkdir -p "$out"

# docs/reliability.md = the module's template with the results table in place of {{RESULTS}}
write_page() {
  local heading=$1
  [[ -f "$out/reliability-table.md" ]] || { echo "soak.sh: no results in $out yet" >&2; return 1; }
  {
    sed -e '/{{RESULTS}}/,$d' "$module/reliability.md.template"
    echo "$heading"
    echo
    cat "$out/reliability-table.md"
    sed -e '1,/{{RESULTS}}/d' "$module/reliability.md.template"
  } >"$root/docs/reliability.md"
  echo "wrote docs/reliability.md"
}

if (( docs_only )); then
  when="$(date -u -r "$out/results.json" '+%Y-%m-%d %H:%M UTC')"
  if grep -q '"scale" : "soak"' "$out/results.json"; then
    write_page "Figures of the last soak run (written $when; \`scale\` says which version each check ran)."
  else
    wall=""
    [[ -f "$out/wall-time.txt" ]] && wall=" Wall time of the whole module: $(cat "$out/wall-time.txt")."
    write_page "**Bounded-run figures** (\`./mvnw -pl reliability-tests verify\`, written $when, on the shared 2-core development machine).$wall Checks tagged \`known-defect\` are not part of that run; a row marked known defect comes from the command in its row (\`-Dreliability.excluded-groups=none\`, as the soak runs it)."
  fi
  exit $?
fi
rm -f "$out/results.json" "$out"/round-*.json

# The local services (idempotent: running ones are reused): `-pl reliability-tests` alone does not
# run the root build's start-up of them, which the full `./mvnw verify` does.
"$root/infra/services.sh" up >/dev/null

# Soak scale; the kill count grows with the time given.
kills=$(( minutes / 3 ))
if (( kills < 5 )); then kills=5; fi
if (( kills > 20 )); then kills=20; fi
scale=(
  -Dreliability.scale=soak
  -Dreliability.events=200000
  -Dreliability.kills="$kills"
  -Dreliability.attempts=10000
  -Dreliability.tiny-frames=1000000
  -Dreliability.corpus-copies=10
  -Dreliability.excluded-groups=none
)
fault_tests='StreamProcessorKillIT,GatewayKillIT,WorkerKillIT,RedisOutageIT,BrokerCutIT,KafkaRestartIT'

started=$(date +%s)
deadline=$(( started + minutes * 60 ))
round=0
status=0
while :; do
  round=$(( round + 1 ))
  selection=()
  if (( round > 1 )); then
    selection=(-Dit.test="$fault_tests" -Dfailsafe.failIfNoSpecifiedTests=false)
  fi
  echo "soak round $round ($(date -u +%H:%M:%S) UTC, $(( (deadline - $(date +%s)) / 60 )) min left): log in $out/soak-round-$round.log"
  if ! (cd "$root" && ./mvnw -pl reliability-tests verify "${scale[@]}" "${selection[@]}") >"$out/soak-round-$round.log" 2>&1; then
    status=1
    echo "  round $round: some checks did not hold (see the log and results.json)"
  fi
  if [[ ! -f "$out/results.json" ]]; then
    # nothing ran (a build or dependency problem): repeating the round would only repeat that
    echo "  round $round ran no check: stopping (see the log)" >&2
    break
  fi
  cp "$out/results.json" "$out/round-$round.json"
  # another round only if one more fault round (about 6 minutes) still fits
  (( $(date +%s) + 360 < deadline )) || break
done
elapsed=$(( $(date +%s) - started ))

if (( write_docs )); then
  write_page "Soak run of $(date -u +%Y-%m-%d) (\`./vigil soak --minutes $minutes\`): $round round(s), $(( elapsed / 60 )) min $(( elapsed % 60 )) s, kills per stream-processor run: $kills. Figures of the last round."
fi
echo "results: $out/results.json (rounds: $out/round-*.json), $(( elapsed / 60 )) min"
exit "$status"
