#!/usr/bin/env bash
# The API contract test (`make test` runs it; see "Testing" in docs/architecture.md).
#
# For each caller -- anonymous, patient, moderator, researcher, admin -- starts the real
# server on a fresh embedded database holding the demo world, signs in as the demo account of
# that role, and runs schemathesis against the OpenAPI document the server serves: every
# check (with `positive_data_acceptance` made exact by tests/contract/hooks.py), the
# examples, coverage and fuzzing phases, a fixed seed and a bounded number of cases per
# operation, and at most 2 s per response. Any failure fails the run.
#
# Operations that end the caller's own session are left out of the signed-in runs (and
# proven by the Rust tests in tests/tests/api/accounts/): signing out, changing the password,
# erasing the account, revoking sessions. The anonymous run covers them all.
#
# The stateful phase is not run: the document declares no OpenAPI links between operations.
# One worker: with two, hypothesis' lambda descriptions (Python's `ast` used from two threads)
# failed once with "AST constructor recursion depth mismatch", a tool error, not a finding;
# one worker costs about a fifth more time.
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN=${KINDRED_BIN:-target/debug/kindred}
ST=.venv-tests/bin/schemathesis
PORT=${KINDRED_CONTRACT_PORT:-18470}
EXAMPLES=${KINDRED_CONTRACT_EXAMPLES:-15}
SEED=${KINDRED_CONTRACT_SEED:-20261201}
ROLES=${KINDRED_CONTRACT_ROLES:-"anonymous patient moderator researcher admin"}
OUT=${KINDRED_CONTRACT_OUT:-target/contract}
BASE="http://127.0.0.1:$PORT"

[ -x "$BIN" ] || { echo "contract: $BIN is missing (cargo build -p kindred)" >&2; exit 2; }
[ -x "$ST" ] || { echo "contract: $ST is missing (scripts/ensure-deps.sh installs it)" >&2; exit 2; }
mkdir -p "$OUT"
work=$(mktemp -d)
pid=
stop() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=; fi; }
trap 'stop; rm -rf "$work"' EXIT

declare -A EMAIL=(
  [patient]=maria@demo.kindred.example
  [moderator]=mod@demo.kindred.example
  [researcher]=researcher@demo.kindred.example
  [admin]=admin@demo.kindred.example
)

start() {
  rm -rf "$work/data" && mkdir -p "$work/data"
  export KINDRED_DATA_DIR="$work/data" KINDRED_FRONTEND_DIR="$work/no-web-app" KINDRED_LOG=warn
  # The limits that protect sign-in and reading would turn a fuzzer's thousands of requests
  # into 429s; the Rust tests prove them.
  export KINDRED_AUTH_RATE_LIMIT=1000000 KINDRED_READ_LIMIT=1000000
  unset DATABASE_URL KINDRED_DATABASE_URL
  "$BIN" seed demo >"$work/seed.log" 2>&1
  "$BIN" serve --bind "127.0.0.1:$PORT" >"$OUT/server-$1.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do
    curl -fs "$BASE/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "contract: the server did not start (see $OUT/server-$1.log)" >&2
  exit 1
}

token() {
  local password=${KINDRED_DEMO_PASSWORD:-kindred-demo-garden-2026}
  curl -fs -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$password\"}" |
    .venv-tests/bin/python -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}

# One schemathesis run as `role` against a fresh server; its report in $OUT/<role><suffix>.txt.
run_role() {
  local role=$1 report=$2
  start "$role"
  local args=()
  if [ "$role" != anonymous ]; then
    args=(-H "Authorization: Bearer $(token "${EMAIL[$role]}")"
      --exclude-path-regex '^/api/v1/(auth/logout|me/password|me/sessions/.*|me)$')
  fi
  set +e
  SCHEMATHESIS_HOOKS=hooks PYTHONPATH=tests/contract "$ST" run "$BASE/api/v1/openapi.json" \
    --url "$BASE" "${args[@]}" \
    --checks all --exclude-checks positive_data_acceptance \
    --phases examples,coverage,fuzzing -n "$EXAMPLES" --seed "$SEED" \
    --generation-allow-x00 false --generation-database none --no-shrink \
    --max-response-time 2 --workers "${KINDRED_CONTRACT_WORKERS:-1}" --no-color \
    >"$report" 2>&1
  local rc=$?
  set -e
  stop
  return $rc
}

# Whether a failed report's only failures are responses slower than the limit (ST112).
only_slow() {
  local kinds
  kinds=$(sed -n '/^Failures:/,/^$/p' "$1" | grep -Eo 'ST[0-9]+' | sort -u | tr '\n' ' ')
  [ "$kinds" = "ST112 " ] && ! grep -q 'Runtime Error' "$1"
}

failed=0
for role in $ROLES; do
  started=$(date +%s)
  report="$OUT/$role.txt"
  rc=0
  run_role "$role" "$report" || rc=$?
  # A response over 2 s with nothing else wrong: on this shared 2-core machine a single commit
  # can stall on the disk (one DELETE took 2.26 s in one run of 28,000 requests). Say so, keep
  # the report, and run the role once more on a fresh server; that run must pass whole.
  if [ $rc -ne 0 ] && only_slow "$report"; then
    echo "contract: $role: slow responses only; they were:" >&2
    grep -B2 -A3 'Actual:' "$report" | grep -E 'Actual|curl -X' | sed 's/^ */  /' >&2
    cp "$report" "$OUT/$role.slow.txt"
    rc=0
    run_role "$role" "$report" || rc=$?
  fi
  tested=$(grep -Eo 'Tested: [0-9]+' "$report" | grep -Eo '[0-9]+' || echo '?')
  cases=$(grep -Eo '[0-9]+ generated' "$report" | grep -Eo '[0-9]+' || echo '?')
  if [ $rc -eq 0 ]; then
    echo "contract: $role: $tested operations, $cases test cases, 0 failures ($(( $(date +%s) - started )) s)"
  else
    failed=1
    echo "contract: $role: FAILED ($tested operations, $cases test cases); report:" >&2
    sed -n '/FAILURES/,$p' "$report" | head -150 >&2
  fi
done
exit $failed
