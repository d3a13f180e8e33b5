#!/usr/bin/env bash
# Runs every load-test scenario once, one after the other, Live and its SignalR baseline side by side in each, and
# writes each scenario's JSON to bench/results/ (the figures in docs/performance.md come from one such run).
# Run by hand on a quiet machine (not in CI): it takes about ten minutes on 2 cores.
#   bench/run-all.sh            # the load tests
#   bench/run-all.sh --micro    # and the BenchmarkDotNet micro-benchmarks afterwards (about fifteen minutes more)
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/results
mkdir -p "$out"

dotnet build bench/Live.LoadTest -c Release -nologo -clp:ErrorsOnly
run() { echo "== $*"; dotnet bench/Live.LoadTest/bin/Release/net10.0/Live.LoadTest.dll "$@"; }

uptime
run actions --clients 50 --seconds 10 --json "$out/actions.json"
run idle --clients 2000 --json "$out/idle.json"
run large-list --seconds 10 --json "$out/large-list.json"
# Both broadcast sizes with each side's server in a child process of its own, so 10,000 sockets per side fit the
# open-file limit and the server's allocations and CPU per delivery are the whole server process's.
run broadcast --clients 1000 --seconds 5 --server-process --json "$out/broadcast-room-1000.json"
run broadcast --clients 10000 --seconds 5 --server-process --json "$out/broadcast-room-10000.json"
uptime

if [ "${1:-}" = "--micro" ]; then
  dotnet run -c Release --project bench/Live.Benchmarks -- --filter '*' --job short --inProcess
fi
