#!/usr/bin/env bash
# Idésluss benchmark (100 000 ideas; start page, board, idea page, statistics); see bench/README.md. Loopback only.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
ITEMS=${ITEMS:-100000}
DURATION=${DURATION:-10}  # not SECONDS: bash counts its own run time in that variable
CLIENTS=${CLIENTS:-16}
PUBLISH=artifacts/bench/publish
if [ -z "${NO_PUBLISH:-}" ] || [ ! -f "$PUBLISH/Kvalitetsportal.Web.dll" ]; then
  dotnet publish src/Kvalitetsportal.Web -c Release -o "$PUBLISH" --nologo -v quiet
fi
REUSE=()
if [ -n "${REUSE_DATA:-}" ]; then REUSE=(--reuse); fi
dotnet run -c Release --project bench/Kvalitetsportal.Bench -- idesluss \
  --app "$PUBLISH/Kvalitetsportal.Web.dll" --items "$ITEMS" --seconds "$DURATION" --clients "$CLIENTS" "${REUSE[@]}"
