#!/usr/bin/env bash
# Runs `cim validate` for the action: the JSON report for the step's outputs, the Markdown report
# for the job summary, then the GitHub annotations and text report in the log, whose exit code is
# the step's (0 valid, 1 invalid, 2 usage or environment).
#   CIM            the cim command (the install step's output `bin`)
#   INPUT_PATH     the register's folder          INPUT_STRICT  true or false
#   INPUT_BASE     a ref or commit, empty (from the event), "history" or "none"
#   INPUT_ARGS     more arguments, split on spaces
#   PULL_REQUEST_BASE_SHA, MERGE_GROUP_BASE_SHA   the event's base commit, when there is one
set -euo pipefail

fail() {
  echo "::error title=cim::$1"
  exit 2
}

cim=${CIM:-cim}
path=${INPUT_PATH:-.}
[ -d "$path" ] || fail "the register folder \"$path\" does not exist in the workspace: set the action's input path"

args=(validate)
case "${INPUT_STRICT:-true}" in
  true) args+=(--strict) ;;
  false) ;;
  *) fail "the input strict is \"$INPUT_STRICT\": write true or false" ;;
esac

base=${INPUT_BASE:-}
if [ -z "$base" ]; then
  # A pull request and a merge queue check the commits since their base; anything else, all of them.
  base=${PULL_REQUEST_BASE_SHA:-${MERGE_GROUP_BASE_SHA:-history}}
fi
case "$base" in
  none) ;;
  history) args+=(--history) ;;
  *) args+=(--base "$base") ;;
esac

if [ "$base" != none ] && [ "$(git -C "$path" rev-parse --is-shallow-repository 2>/dev/null)" = true ]; then
  fail 'this is a shallow clone, and the history check needs every commit: give actions/checkout fetch-depth: 0 (or set base: none to check the records only)'
fi

# More arguments, split on spaces and never expanded as file names.
set -f
# shellcheck disable=SC2206
extra=(${INPUT_ARGS:-})
set +f
args+=("${extra[@]}")

report=$(mktemp)
trap 'rm -f "$report"' EXIT

# The JSON report: the outputs. A usage error (exit 2) has said why on standard error; stop there.
code=0
"$cim" -C "$path" "${args[@]}" --format json >"$report" || code=$?
[ "$code" -le 1 ] || exit "$code"
# shellcheck disable=SC2016
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const s = r.summary;
  process.stdout.write(`valid=${r.valid}\nerrors=${s.errors}\nwarnings=${s.warnings}\nrecords=${s.records}\n`);
' "$report" >>"${GITHUB_OUTPUT:-/dev/null}"

# The job summary: the Markdown report.
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  "$cim" -C "$path" "${args[@]}" --format markdown >>"$GITHUB_STEP_SUMMARY" || true
fi

# The log: annotations on the offending lines, then the readable report. Its exit code is the step's.
code=0
"$cim" -C "$path" "${args[@]}" --format github || code=$?
exit "$code"
