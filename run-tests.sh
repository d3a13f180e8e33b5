#!/usr/bin/env bash
# Runs Live's whole test suite: build (warnings are errors), .NET unit, generator and integration tests, and
# the TypeScript client's tests. Installs what it needs when missing; under CI=true a missing prerequisite that
# cannot be installed is a failure, never a skip.
set -euo pipefail
cd "$(dirname "$0")"

CI="${CI:-false}"
RESULTS_DIR="${RESULTS_DIR:-artifacts/test-results}"
mkdir -p "$RESULTS_DIR"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() { echo "run-tests: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1; }

need dotnet || fail "the .NET 10 SDK (dotnet) is required: https://dot.net"

passed=0
failed=0
count_dotnet() {
  # dotnet test prints one summary line per test assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, ..."
  local log="$1" p f
  p=$( (grep -Eo 'Passed: +[0-9]+' "$log" || true) | awk '{s+=$2} END {print s+0}')
  f=$( (grep -Eo 'Failed: +[0-9]+' "$log" || true) | awk '{s+=$2} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
}

echo "== build (warnings as errors)"
dotnet build Live.sln -c Debug -warnaserror -nologo -clp:ErrorsOnly

echo "== .NET tests"
status=0
dotnet test Live.sln -c Debug --no-build --nologo --logger "console;verbosity=minimal" \
  --results-directory "$RESULTS_DIR" 2>&1 | tee "$RESULTS_DIR/dotnet-test.log" || status=$?
count_dotnet "$RESULTS_DIR/dotnet-test.log"
[ "$status" -eq 0 ] || { echo "$passed passed, $failed failed"; fail ".NET tests failed"; }

count_node() {
  # node --test prints "ℹ pass N" / "ℹ fail N" (spec reporter) or "# pass N" (tap reporter).
  local log="$1" p f
  p=$( (grep -Eo '^(ℹ|#) pass [0-9]+' "$log" || true) | awk '{s+=$3} END {print s+0}')
  f=$( (grep -Eo '^(ℹ|#) fail [0-9]+' "$log" || true) | awk '{s+=$3} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
}

need node || fail "Node.js 20 is required for the TypeScript and browser tests"
need npm || fail "npm is required for the TypeScript and browser tests"
npm_install() { (cd "$1" && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; }); }

echo "== TypeScript client tests"
npm_install clients/typescript
(cd clients/typescript && npm run --silent build && npm test && npm run test:types && npm run test:integration) 2>&1 | tee "$RESULTS_DIR/ts-test.log" || status=$?
count_node "$RESULTS_DIR/ts-test.log"
[ "$status" -eq 0 ] || { echo "$passed passed, $failed failed"; fail "TypeScript client tests failed"; }

echo "== TodoApp page bundle"
npm_install samples/TodoApp/client
(cd samples/TodoApp/client && npm run --silent typecheck && npm run --silent build)

echo "== browser tests (headless Chromium)"
if ! need chromium; then
  if [ "$(id -u)" = 0 ] && need apt-get; then
    echo "installing Debian's chromium"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || fail "could not install chromium"
  else
    fail "chromium is missing; install Debian's chromium package (apt-get install chromium)"
  fi
fi
npm_install tests/browser
(cd tests/browser && npm test) 2>&1 | tee "$RESULTS_DIR/browser-test.log" || status=$?
count_node "$RESULTS_DIR/browser-test.log"
[ "$status" -eq 0 ] || { echo "$passed passed, $failed failed"; fail "browser tests failed"; }

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] || exit 1
