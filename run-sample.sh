#!/usr/bin/env bash
# Builds and runs the TodoApp sample; open the URL it prints.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
URL="${LIVE_SAMPLE_URL:-http://127.0.0.1:5080}"
echo "TodoApp: open $URL in a browser (Ctrl+C stops it)"
exec dotnet run --project samples/TodoApp -- --urls "$URL"
