#!/usr/bin/env bash
# Builds and runs the TodoApp sample (the page is bundled from TypeScript with esbuild); open the URL it prints.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
command -v dotnet >/dev/null || { echo "run-sample: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
command -v npm >/dev/null || { echo "run-sample: Node.js 20 with npm is required" >&2; exit 1; }
URL="${LIVE_SAMPLE_URL:-http://127.0.0.1:5080}"
# Development: detailed errors and the development-only sign-in (users alice, an admin, and bob).
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
(cd samples/TodoApp/client && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run --silent build)
dotnet build samples/TodoApp -nologo -v quiet -clp:ErrorsOnly
echo
echo "  TodoApp is starting: open $URL in a browser (two tabs share the list; sign in as alice or bob). Ctrl+C stops it."
echo
exec dotnet run --no-build --project samples/TodoApp -- --urls "$URL"
